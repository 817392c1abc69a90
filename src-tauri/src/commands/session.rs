//! Unlocking and locking the open file.

use hfk_akte::store::vault::recovery_key::RecoveryKey;
use hfk_akte::store::{CaseFile, InstanceLock};
use tauri::{AppHandle, Manager};
use zeroize::Zeroizing;

use super::start::StartScreen;
use super::{enter, SessionInfo};
use crate::error::CommandResult;
use crate::events::FileDamageFound;
use crate::events::LockReason;
use crate::page_check::PageCheckFinding;
use crate::state::{with_open, ShellState};
use hfk_akte::domain::idle_lock;
use hfk_akte::domain::zoom::ZoomChange;
use hfk_akte::Error;

/// Unlocks the file this window holds in one of the ways below, starts the check of every
/// page beside the work and enters the unlocked file.
async fn unlock_by(
    app: AppHandle,
    unlock: impl FnOnce(&InstanceLock) -> hfk_akte::Result<CaseFile> + Send + 'static,
) -> CommandResult<SessionInfo> {
    let events = app.clone();
    with_open(app, move |open| {
        let file = unlock(open.lock()?)?;
        crate::page_check::start(events, file.page_check());
        enter(open, file)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn unlock(
    app: AppHandle,
    username: String,
    password: String,
) -> CommandResult<SessionInfo> {
    let password = Zeroizing::new(password);
    unlock_by(app, move |lock| {
        CaseFile::unlock(lock, &username, &password)
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
    unlock_by(app, move |lock| {
        CaseFile::unlock_with_new_password(
            lock,
            &username,
            &password,
            &new_password,
            &password_repeat,
        )
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
    unlock_by(app, move |lock| {
        let key = RecoveryKey::parse(&recovery_key)?;
        CaseFile::unlock_with_recovery_key(lock, &key, &username, &new_password, &password_repeat)
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

/// Locks: closes the database and forgets its key; the instance lock stays held. The window
/// is reloaded from the shell. `after_idle`: the window's own idle timer locked (the unlock
/// screen names the limit); `notice`: what the unlock screen says otherwise (after a restore).
#[tauri::command]
#[specta::specta]
pub async fn lock(
    app: AppHandle,
    after_idle: bool,
    notice: Option<String>,
) -> CommandResult<StartScreen> {
    let shell = app.clone();
    with_open(app, move |open| {
        let reason = match (&open.file, after_idle) {
            (Some(file), true) => Some(LockReason::Idle {
                minutes: file
                    .idle_lock_minutes()
                    .unwrap_or(idle_lock::DEFAULT_MINUTES),
            }),
            _ => notice.map(|message| LockReason::Notice { message }),
        };
        // Locked already (by the shell's guard, which reloads the window and keeps its own
        // reason): nothing to add.
        if open.file.is_some() || reason.is_some() {
            crate::lock_screen::lock(&shell, open, reason);
        }
        Ok(StartScreen::Unlock {
            path: open.lock()?.paths().display(),
        })
    })
    .await
}

/// Why the file was last locked, once (the unlock screen of the reloaded window asks). Not
/// counted as activity.
#[tauri::command]
#[specta::specta]
pub async fn lock_notice(app: AppHandle) -> CommandResult<Option<LockReason>> {
    Ok(app.state::<ShellState>().open().lock_notice.take())
}

/// The window was shown or focused again: lock now if the file has been idle too long or the
/// machine slept (the shell's own check runs every two seconds; this one runs at once). Not
/// counted as activity.
#[tauri::command]
#[specta::specta]
pub async fn check_idle_lock(app: AppHandle) -> CommandResult<()> {
    let shell = app.clone();
    tauri::async_runtime::spawn_blocking(move || crate::idle_guard::check(&shell))
        .await
        .map_err(|_| Error::Internal("Eine Hintergrundaufgabe ist abgebrochen.".into()))?;
    Ok(())
}

/// Ctrl+Plus, Ctrl+Minus, Ctrl+0: zooms the window and remembers the level for the next
/// start; returns it in percent. Not counted as activity.
#[tauri::command]
#[specta::specta]
pub async fn zoom(app: AppHandle, change: ZoomChange) -> CommandResult<u32> {
    let window = app
        .get_webview_window("main")
        .ok_or_else(|| Error::Internal("Das Fenster fehlt.".into()))?;
    let level = {
        let state = app.state::<ShellState>();
        let open = state.open();
        let level = hfk_akte::domain::zoom::changed(open.config.zoom(), change);
        // Only a number is remembered; failing to remember it costs a key press next time.
        let _ = open.config.remember_zoom(level);
        level
    };
    // The shell's state is let go before the window is asked for anything.
    window
        .set_zoom(level)
        .map_err(|e| Error::Internal(format!("Vergrößerung: {e}")))?;
    Ok(hfk_akte::domain::zoom::percent(level))
}
