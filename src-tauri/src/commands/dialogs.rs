//! The file dialogs for exports and for a backup to restore, opened by the shell itself. The path the user chose is remembered as granted for its one use; the
//! export, backup and restore commands accept no other, so a tampered window cannot make
//! the program write or read a path the user never chose.

use std::path::PathBuf;

use hfk_akte::domain::attachment::MediaType;
use hfk_akte::report::statistics_files;
use hfk_akte::Error;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

use crate::error::CommandResult;
use crate::state::{Grant, ShellState};

/// Runs a dialog off the async runtime (the blocking dialog must not run on the main
/// thread) and grants what the user chose for `grant`.
async fn choose(
    app: AppHandle,
    grant: Grant,
    dialog: impl FnOnce(FileDialogBuilder<tauri::Wry>) -> Option<PathBuf> + Send + 'static,
) -> CommandResult<Option<String>> {
    let shell = app.clone();
    let picked = tauri::async_runtime::spawn_blocking(move || {
        let mut builder = shell.dialog().file();
        if let Some(window) = shell.get_webview_window("main") {
            builder = builder.set_parent(&window);
        }
        dialog(builder)
    })
    .await
    .map_err(|_| Error::Internal("Der Dialog wurde unerwartet beendet.".into()))?;
    let Some(path) = picked else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    let state = app.state::<ShellState>();
    let mut open = state.open();
    // The file may have been locked while the dialog was open: then nothing is granted.
    if open.file.is_none() {
        return Err(Error::NotUnlocked.into());
    }
    open.grant(grant, path);
    Ok(Some(shown))
}

fn into_path(picked: Option<tauri_plugin_dialog::FilePath>) -> Option<PathBuf> {
    picked.and_then(|p| p.into_path().ok())
}

/// A save dialog titled `title` offering `filters` (name, ending). The chosen path keeps an
/// ending one of the filters offers, else gets the first filter's; `None` when cancelled.
async fn choose_save_target(
    app: AppHandle,
    title: &'static str,
    default_name: String,
    filters: &'static [(&'static str, &'static str)],
) -> CommandResult<Option<String>> {
    choose(app, Grant::Export, move |dialog| {
        let dialog = filters.iter().fold(
            dialog.set_title(title).set_file_name(default_name),
            |d, (name, ending)| d.add_filter(*name, &[*ending]),
        );
        let path = into_path(dialog.blocking_save_file())?;
        let known = path.extension().is_some_and(|e| {
            filters
                .iter()
                .any(|(_, ending)| e.eq_ignore_ascii_case(ending))
        });
        Some(if known {
            path
        } else {
            hfk_akte::store::vault::file_paths::beside(&path, &format!(".{}", filters[0].1))
        })
    })
    .await
}

/// Where to save an exported PDF (`.pdf` added when missing); `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_pdf_target(
    app: AppHandle,
    default_name: String,
) -> CommandResult<Option<String>> {
    choose_save_target(app, "PDF speichern", default_name, &[("PDF", "pdf")]).await
}

/// Where to save the figures of *Auswertungen* as CSV or JSON (`.csv` added when the name
/// has neither ending); `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_table_target(
    app: AppHandle,
    default_name: String,
) -> CommandResult<Option<String>> {
    choose_save_target(
        app,
        "Auswertung speichern",
        default_name,
        statistics_files::SAVE_FORMATS,
    )
    .await
}

/// A backup to restore; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_backup_file(
    app: AppHandle,
    folder: Option<String>,
) -> CommandResult<Option<String>> {
    choose(app, Grant::Backup, move |mut dialog| {
        dialog = dialog
            .set_title("Sicherung wählen")
            .add_filter("HFK-Akte-Sicherung", &["hfksicherung"]);
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        into_path(dialog.blocking_pick_file())
    })
    .await
}

/// The folder the members' copies go to; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_copies_folder(app: AppHandle) -> CommandResult<Option<String>> {
    choose(app, Grant::Folder, |dialog| {
        into_path(
            dialog
                .set_title("Ordner für die Exemplare wählen")
                .blocking_pick_folder(),
        )
    })
    .await
}

/// The folder the invitations of a session go into.
#[tauri::command]
#[specta::specta]
pub async fn choose_invitations_folder(app: AppHandle) -> CommandResult<Option<String>> {
    choose(app, Grant::Folder, |dialog| {
        into_path(
            dialog
                .set_title("Ordner für die Einladungen wählen")
                .blocking_pick_folder(),
        )
    })
    .await
}

/// An old list to take over (Excel, OpenDocument, CSV); `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_import_list(app: AppHandle) -> CommandResult<Option<String>> {
    choose(app, Grant::List, |dialog| {
        into_path(
            dialog
                .set_title("Alte Liste wählen")
                .add_filter(
                    "Listen (Excel, OpenDocument, CSV)",
                    &["xlsx", "xls", "ods", "csv", "txt"],
                )
                .blocking_pick_file(),
        )
    })
    .await
}

/// Where to save the report of a dry run, as PDF or CSV; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_import_report_target(
    app: AppHandle,
    default_name: String,
) -> CommandResult<Option<String>> {
    choose_save_target(
        app,
        "Bericht des Probelaufs speichern",
        default_name,
        &[("PDF", "pdf"), ("CSV (Semikolon, UTF-8)", "csv")],
    )
    .await
}

/// Documents to add to a case (PDF, JPEG, PNG, TIFF; several at once); `None` when cancelled.
/// Each chosen path is granted for one use.
#[tauri::command]
#[specta::specta]
pub async fn choose_attachment_files(app: AppHandle) -> CommandResult<Option<Vec<String>>> {
    let shell = app.clone();
    let picked = tauri::async_runtime::spawn_blocking(move || {
        let mut builder = shell.dialog().file();
        if let Some(window) = shell.get_webview_window("main") {
            builder = builder.set_parent(&window);
        }
        builder
            .set_title("Dokumente hinzufügen")
            .add_filter(
                "Dokumente (PDF, JPEG, PNG, TIFF)",
                &["pdf", "jpg", "jpeg", "png", "tif", "tiff"],
            )
            .add_filter("Alle Dateien", &["*"])
            .blocking_pick_files()
    })
    .await
    .map_err(|_| Error::Internal("Der Dialog wurde unerwartet beendet.".into()))?;
    let Some(picked) = picked else {
        return Ok(None);
    };
    let paths: Vec<PathBuf> = picked
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .collect();
    let shown = paths.iter().map(|p| p.display().to_string()).collect();
    let state = app.state::<ShellState>();
    let mut open = state.open();
    if open.file.is_none() {
        return Err(Error::NotUnlocked.into());
    }
    // Added to those still waiting (files chosen or dropped before, a new version's form).
    open.grant_more(Grant::Document, paths);
    Ok(Some(shown))
}

/// Where to save a copy of a document, with the ending of its type (`media`: pdf, jpeg, png,
/// tiff); `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_attachment_copy_target(
    app: AppHandle,
    default_name: String,
    media: MediaType,
) -> CommandResult<Option<String>> {
    let filters: &'static [(&'static str, &'static str)] = match media {
        MediaType::Pdf => &[("PDF", "pdf")],
        MediaType::Jpeg => &[("JPEG", "jpg"), ("JPEG", "jpeg")],
        MediaType::Png => &[("PNG", "png")],
        MediaType::Tiff => &[("TIFF", "tif"), ("TIFF", "tiff")],
    };
    choose_save_target(app, "Kopie der Anlage speichern", default_name, filters).await
}
