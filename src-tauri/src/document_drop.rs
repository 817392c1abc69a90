//! Documents dropped onto the window. The shell takes the paths from the system's drop, not
//! from the page, grants each for one use as a document to add (like a path chosen in the
//! file dialog), and tells the window which arrived; the page then asks for their kind and
//! title. While the file is locked nothing is granted, and the window is told why.

use std::path::PathBuf;

use tauri::{Manager, Window, WindowEvent};
use tauri_specta::Event;

use crate::events::DocumentsDropped;
use crate::state::{Grant, Open, ShellState};

/// For `on_window_event`: a drop of files grants them and tells the window.
pub fn handle(window: &Window, event: &WindowEvent) {
    let WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event else {
        return;
    };
    let app = window.app_handle().clone();
    let paths = paths.clone();
    // Off the event loop: a long command (a binder, a backup) holds the state meanwhile.
    tauri::async_runtime::spawn_blocking(move || {
        let told = accept(&mut app.state::<ShellState>().open(), &paths);
        // A window that is gone has nobody to tell.
        let _ = told.emit(&app);
    });
}

/// Grants the dropped files (not folders) while a file is open; says why not otherwise.
pub fn accept(open: &mut Open, paths: &[PathBuf]) -> DocumentsDropped {
    if open.file.is_none() {
        return DocumentsDropped {
            paths: Vec::new(),
            refused: Some(
                "Die Akte ist gesperrt; abgelegte Dokumente werden nicht übernommen. Bitte entsperren Sie die Akte und legen Sie die Dokumente auf einem Fall unter „Anlagen“ ab."
                    .into(),
            ),
        };
    }
    let files: Vec<PathBuf> = paths.iter().filter(|p| p.is_file()).cloned().collect();
    let refused = (files.len() < paths.len())
        .then(|| "Ordner werden nicht übernommen; bitte die Dokumente selbst ablegen.".to_owned());
    let shown = files.iter().map(|p| p.display().to_string()).collect();
    open.grant_more(Grant::Document, files);
    DocumentsDropped {
        paths: shown,
        refused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app_config::AppConfig;
    use hfk_akte::store::vault::new_file::NewFile;

    const PW: &str = "Kiefernwald-Uckermark-Fähre-42";

    #[test]
    fn dropped_files_are_granted_once_and_nothing_while_locked() {
        let dir = tempfile::tempdir().unwrap();
        let scan = dir.path().join("Scan.pdf");
        std::fs::write(&scan, b"%PDF-1.4\n%%EOF\n").unwrap();
        let shell = ShellState::new(AppConfig::new(&dir.path().join("cfg"), dir.path()));
        let mut open = shell.open();
        let told = accept(&mut open, std::slice::from_ref(&scan));
        assert!(told.paths.is_empty());
        assert!(told.refused.unwrap().starts_with("Die Akte ist gesperrt"));
        assert!(open.check_grant(Grant::Document, &scan).is_err());

        let path = dir.path().join("akte.hfk");
        let new = NewFile::prepare(path.to_str().unwrap(), "Şükrü Güneş", PW, PW).unwrap();
        let confirmation = new.recovery_key().last_block().to_owned();
        open.pending_new_file = Some(new);
        open.file = Some(open.create_pending_file(&confirmation).unwrap());
        let told = accept(&mut open, &[scan.clone(), dir.path().to_owned()]);
        assert_eq!(told.paths, [scan.display().to_string()]);
        assert!(told.refused.unwrap().starts_with("Ordner"));
        open.take_grant(Grant::Document, &scan).unwrap();
        assert!(
            open.take_grant(Grant::Document, &scan).is_err(),
            "one use only"
        );
    }
}
