//! The open form kept across a lock (see `held_draft`). Neither command counts as activity:
//! the typing itself is reported, and a draft sent by a timer must not keep the file open.

use hfk_akte::Error;
use tauri::{AppHandle, Manager};

use crate::error::CommandResult;
use crate::held_draft;
use crate::state::ShellState;

/// Keeps what the open form holds (a JSON text), or forgets it (`None`: saved or closed).
/// Only while unlocked.
#[tauri::command]
#[specta::specta]
pub async fn keep_draft(app: AppHandle, draft: Option<String>) -> CommandResult<()> {
    let state = app.state::<ShellState>();
    let mut open = state.open();
    let open = &mut *open;
    // Disjoint fields: the file is read while the draft is replaced.
    let file = open.file.as_ref().ok_or(Error::NotUnlocked)?;
    Ok(held_draft::keep(&mut open.draft, file, draft)?)
}

/// The form the same user had open when the file locked, once; anyone else's is wiped.
#[tauri::command]
#[specta::specta]
pub async fn take_draft(app: AppHandle) -> CommandResult<Option<String>> {
    let state = app.state::<ShellState>();
    let mut open = state.open();
    let open = &mut *open;
    let file = open.file.as_ref().ok_or(Error::NotUnlocked)?;
    Ok(held_draft::take(&mut open.draft, file).map(|text| text.to_string()))
}
