//! Which screen the window shows on start, and choosing another existing file.

use std::path::PathBuf;

use hfk_akte::store::vault::backup;
use hfk_akte::store::FilePaths;
use hfk_akte::store::InstanceLock;
use hfk_akte::{Error, Result};
use serde::Serialize;
use specta::Type;
use tauri::AppHandle;

use super::SessionInfo;
use crate::error::CommandResult;
use crate::state::{with_open, Open};

#[derive(Debug, Clone, Serialize, Type)]
#[serde(tag = "screen", rename_all = "snake_case")]
pub enum StartScreen {
    /// No file at the chosen location yet: offer to create one there.
    NewFile { suggested_path: String },
    /// The file exists and this window holds its lock.
    Unlock { path: String },
    /// Another program has the file open.
    InUse { path: String, message: String },
    /// Already unlocked (e.g. after the window reloaded).
    Unlocked { session: SessionInfo },
}

/// The screen for `path`, taking the instance lock when the file exists.
pub(crate) fn screen_for(open: &mut Open, path: PathBuf) -> Result<StartScreen> {
    let display = path.display().to_string();
    if open
        .lock
        .as_ref()
        .is_some_and(|l| l.paths().database == path)
    {
        return Ok(StartScreen::Unlock { path: display });
    }
    open.file = None;
    open.granted.clear();
    open.lock = None;
    let paths = FilePaths::for_database(path);
    // A restore or key change cut off by a crash is repaired, not mistaken for no file.
    if !paths.database.exists() && !backup::interrupted(&paths) {
        return Ok(StartScreen::NewFile {
            suggested_path: display,
        });
    }
    match InstanceLock::acquire(paths) {
        Ok(lock) => {
            backup::repair_interrupted(&lock)?;
            if !lock.paths().database.exists() {
                return Ok(StartScreen::NewFile {
                    suggested_path: display,
                });
            }
            open.lock = Some(lock);
            Ok(StartScreen::Unlock { path: display })
        }
        Err(e @ Error::FileInUse { .. }) => Ok(StartScreen::InUse {
            path: display,
            message: e.to_string(),
        }),
        Err(e) => Err(e),
    }
}

#[tauri::command]
#[specta::specta]
pub async fn start_screen(app: AppHandle) -> CommandResult<StartScreen> {
    with_open(app, |open| {
        if let Some(file) = &open.file {
            return Ok(StartScreen::Unlocked {
                session: SessionInfo::of(file)?,
            });
        }
        let path = match &open.lock {
            Some(lock) => lock.paths().database.clone(),
            None => open.config.current_file(),
        };
        screen_for(open, path)
    })
    .await
}

/// Switches to another existing case file, chosen by the user.
#[tauri::command]
#[specta::specta]
pub async fn open_file(app: AppHandle, path: String) -> CommandResult<StartScreen> {
    with_open(app, move |open| {
        let path = PathBuf::from(path.trim());
        if !path.is_file() {
            return Err(Error::FileNotFound {
                path: path.display().to_string(),
            });
        }
        open.pending_new_file = None;
        let screen = screen_for(open, path.clone())?;
        if matches!(screen, StartScreen::Unlock { .. }) {
            // Only a path is remembered; failing to remember it costs a click next time.
            let _ = open.config.remember(&path);
        }
        Ok(screen)
    })
    .await
}
