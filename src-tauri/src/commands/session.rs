//! Unlocking and locking the open file.

use hfk_akte::store::vault::recovery_key::RecoveryKey;
use hfk_akte::store::CaseFile;
use tauri::{AppHandle, Manager};
use zeroize::Zeroizing;

use super::start::StartScreen;
use super::{enter, SessionInfo};
use crate::error::CommandResult;
use crate::events::FileDamageFound;
use crate::page_check::PageCheckFinding;
use crate::state::with_open;

#[tauri::command]
#[specta::specta]
pub async fn unlock(
    app: AppHandle,
    username: String,
    password: String,
) -> CommandResult<SessionInfo> {
    let password = Zeroizing::new(password);
    let events = app.clone();
    with_open(app, move |open| {
        let file = CaseFile::unlock(open.lock()?, &username, &password)?;
        crate::page_check::start(events, file.page_check());
        enter(open, file)
    })
    .await
}

/// Unlocks with a password the administration chose and replaces it by the user's own.
#[tauri::command]
#[specta::specta]
pub async fn unlock_with_new_password(
    app: AppHandle,
    username: String,
    password: String,
    new_password: String,
    password_repeat: String,
) -> CommandResult<SessionInfo> {
    let password = Zeroizing::new(password);
    let new_password = Zeroizing::new(new_password);
    let password_repeat = Zeroizing::new(password_repeat);
    let events = app.clone();
    with_open(app, move |open| {
        let file = CaseFile::unlock_with_new_password(
            open.lock()?,
            &username,
            &password,
            &new_password,
            &password_repeat,
        )?;
        crate::page_check::start(events, file.page_check());
        enter(open, file)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn unlock_with_recovery_key(
    app: AppHandle,
    recovery_key: String,
    username: String,
    new_password: String,
    password_repeat: String,
) -> CommandResult<SessionInfo> {
    let recovery_key = Zeroizing::new(recovery_key);
    let new_password = Zeroizing::new(new_password);
    let password_repeat = Zeroizing::new(password_repeat);
    let events = app.clone();
    with_open(app, move |open| {
        let key = RecoveryKey::parse(&recovery_key)?;
        let file = CaseFile::unlock_with_recovery_key(
            open.lock()?,
            &key,
            &username,
            &new_password,
            &password_repeat,
        )?;
        crate::page_check::start(events, file.page_check());
        enter(open, file)
    })
    .await
}

/// The user is at work (typing, moving the mouse); keeps the shell's idle lock from firing.
#[tauri::command]
#[specta::specta]
pub async fn report_activity(app: AppHandle) -> CommandResult<()> {
    with_open(app, |_| Ok(())).await
}

/// What the page check after unlocking found, if it found damage (the window asks when its
/// main frame appears; a check that ends later reaches it as an event).
#[tauri::command]
#[specta::specta]
pub async fn page_check_finding(app: AppHandle) -> CommandResult<Option<FileDamageFound>> {
    let finding = app.state::<PageCheckFinding>().get();
    with_open(app, move |open| open.file().map(|_| finding)).await
}

/// Locks: closes the database and forgets its key; the instance lock stays held.
#[tauri::command]
#[specta::specta]
pub async fn lock(app: AppHandle) -> CommandResult<StartScreen> {
    with_open(app, |open| {
        open.file = None;
        Ok(StartScreen::Unlock {
            path: open.lock()?.paths().display(),
        })
    })
    .await
}
