//! Creating a new case file: strength hint, checks and recovery key, then confirmation.

use hfk_akte::domain::password::{self, PasswordStrength};
use hfk_akte::store::vault::new_file::NewFile;
use hfk_akte::Error;
use serde::Serialize;
use specta::Type;
use tauri::AppHandle;
use zeroize::Zeroizing;

use super::{enter, SessionInfo};
use crate::error::CommandResult;
use crate::state::with_open;

#[tauri::command]
#[specta::specta]
pub async fn password_strength(
    password: String,
    username: String,
) -> CommandResult<PasswordStrength> {
    let password = Zeroizing::new(password);
    // zxcvbn works for a while on long input; it runs beside the async runtime, not on it.
    tauri::async_runtime::spawn_blocking(move || {
        password::strength(&password, &[username.as_str()])
    })
    .await
    .map_err(|_| Error::Internal("Die Bewertung des Passworts ist abgebrochen.".into()).into())
}

/// A checked new file, not yet written, with the recovery key to show once.
#[derive(Debug, Clone, Serialize, Type)]
pub struct PreparedNewFile {
    pub path: String,
    pub recovery_key: String,
}

#[tauri::command]
#[specta::specta]
pub async fn prepare_new_file(
    app: AppHandle,
    location: String,
    username: String,
    password: String,
    password_repeat: String,
) -> CommandResult<PreparedNewFile> {
    let password = Zeroizing::new(password);
    let password_repeat = Zeroizing::new(password_repeat);
    with_open(app, move |open| {
        let new = NewFile::prepare(&location, &username, &password, &password_repeat)?;
        let prepared = PreparedNewFile {
            path: new.paths().display(),
            recovery_key: new.recovery_key().display().to_string(),
        };
        open.pending_new_file = Some(new);
        Ok(prepared)
    })
    .await
}

/// Writes the prepared file once the user typed back the last block of the recovery key.
#[tauri::command]
#[specta::specta]
pub async fn create_new_file(app: AppHandle, confirmation: String) -> CommandResult<SessionInfo> {
    with_open(app, move |open| {
        let file = open.create_pending_file(&confirmation)?;
        enter(open, file)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn cancel_new_file(app: AppHandle) -> CommandResult<()> {
    with_open(app, |open| {
        open.pending_new_file = None;
        Ok(())
    })
    .await
}
