//! PDF exports from the window. The path must be one the shell's save dialog returned (see
//! `dialogs`). With `sealed` the PDF is encrypted under a one-off password that the answer carries
//! once (see `hfk_akte::report::sealed_pdf`). The binder reports its progress as the typed event [`ExportProgress`].

use std::path::Path;

use hfk_akte::report::agenda::AgendaVariant;
use hfk_akte::report::{ExportTarget, Exported};
use tauri::AppHandle;
use tauri_specta::Event;

use crate::error::CommandResult;
use crate::events::ExportProgress;
use crate::state::{with_open, Grant};

#[tauri::command]
#[specta::specta]
pub async fn export_case_summary(
    app: AppHandle,
    case_id: u32,
    path: String,
    sealed: bool,
) -> CommandResult<Exported> {
    with_open(app, move |open| {
        let path = open.take_grant(Grant::Export, Path::new(&path))?;
        let target = ExportTarget {
            path: &path,
            sealed,
        };
        open.file_mut()?.export_case_summary(case_id, target)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn export_request_letter(
    app: AppHandle,
    case_id: u32,
    path: String,
    sealed: bool,
) -> CommandResult<Exported> {
    with_open(app, move |open| {
        let path = open.take_grant(Grant::Export, Path::new(&path))?;
        let target = ExportTarget {
            path: &path,
            sealed,
        };
        open.file_mut()?.export_request_letter(case_id, target)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn export_agenda(
    app: AppHandle,
    session_id: u32,
    variant: AgendaVariant,
    path: String,
    sealed: bool,
) -> CommandResult<Exported> {
    with_open(app, move |open| {
        let path = open.take_grant(Grant::Export, Path::new(&path))?;
        let target = ExportTarget {
            path: &path,
            sealed,
        };
        open.file_mut()?.export_agenda(session_id, variant, target)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn export_minutes(
    app: AppHandle,
    session_id: u32,
    path: String,
    sealed: bool,
) -> CommandResult<Exported> {
    with_open(app, move |open| {
        let path = open.take_grant(Grant::Export, Path::new(&path))?;
        let target = ExportTarget {
            path: &path,
            sealed,
        };
        open.file_mut()?.export_minutes(session_id, target)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn export_binder(
    app: AppHandle,
    session_id: u32,
    path: String,
    sealed: bool,
) -> CommandResult<Exported> {
    let events = app.clone();
    with_open(app, move |open| {
        let path = open.take_grant(Grant::Export, Path::new(&path))?;
        let target = ExportTarget {
            path: &path,
            sealed,
        };
        open.file_mut()?
            .export_binder_with_progress(session_id, target, |done, total| {
                // A lost progress event only costs the bar a step.
                let _ = ExportProgress { done, total }.emit(&events);
            })
    })
    .await
}
