//! The administration section: facts about the file and its settings.

use hfk_akte::domain::commission::Commission;
use hfk_akte::domain::user::Role;
use hfk_akte::store::audit::{AuditEntry, ChainReport};
use hfk_akte::store::users::{AccountList, UserAccount};
use hfk_akte::store::vault::case_file::FileInfo;
use hfk_akte::store::vault::rekey::RekeyOutcome;
use hfk_akte::Error;
use tauri::AppHandle;
use zeroize::Zeroizing;

use crate::error::CommandResult;
use crate::events::LockReason;
use crate::state::with_open;

#[tauri::command]
#[specta::specta]
pub async fn file_info(app: AppHandle) -> CommandResult<FileInfo> {
    with_open(app, |open| open.file()?.info()).await
}

/// Sets the inactivity lock; returns the stored value.
#[tauri::command]
#[specta::specta]
pub async fn set_idle_lock_minutes(app: AppHandle, minutes: u32) -> CommandResult<u32> {
    with_open(app, move |open| {
        let file = open.file_mut()?;
        file.set_idle_lock_minutes(minutes)?;
        file.idle_lock_minutes()
    })
    .await
}

/// Sets how many days ahead the start page warns of expiring residence papers.
#[tauri::command]
#[specta::specta]
pub async fn set_expiry_warning_days(app: AppHandle, days: u32) -> CommandResult<u32> {
    with_open(app, move |open| {
        let file = open.file_mut()?;
        file.set_expiry_warning_days(days)?;
        file.expiry_warning_days()
    })
    .await
}

/// The commission's name and addresses as the documents print them.
#[tauri::command]
#[specta::specta]
pub async fn commission(app: AppHandle) -> CommandResult<Commission> {
    with_open(app, |open| open.file()?.commission()).await
}

/// Sets the commission's name and addresses (Verwaltung); returns them as stored.
#[tauri::command]
#[specta::specta]
pub async fn set_commission(app: AppHandle, commission: Commission) -> CommandResult<Commission> {
    with_open(app, move |open| {
        open.file_mut()?.set_commission(&commission)
    })
    .await
}

/// Checks the audit chain and reports the first broken row, if any.
#[tauri::command]
#[specta::specta]
pub async fn verify_audit_chain(app: AppHandle) -> CommandResult<ChainReport> {
    with_open(app, |open| open.file()?.verify_audit_chain()).await
}

#[tauri::command]
#[specta::specta]
pub async fn list_users(app: AppHandle) -> CommandResult<AccountList> {
    with_open(app, |open| open.file()?.account_list()).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_user(
    app: AppHandle,
    username: String,
    role: Role,
    password: String,
    password_repeat: String,
) -> CommandResult<UserAccount> {
    let password = Zeroizing::new(password);
    let password_repeat = Zeroizing::new(password_repeat);
    with_open(app, move |open| {
        open.file_mut()?
            .add_user(&username, role, &password, &password_repeat)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn remove_user(app: AppHandle, user_id: u32) -> CommandResult<()> {
    with_open(app, move |open| open.file_mut()?.remove_user(user_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn reset_user_password(
    app: AppHandle,
    user_id: u32,
    password: String,
    password_repeat: String,
) -> CommandResult<()> {
    let password = Zeroizing::new(password);
    let password_repeat = Zeroizing::new(password_repeat);
    with_open(app, move |open| {
        open.file_mut()?
            .reset_password(user_id, &password, &password_repeat)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn change_own_password(
    app: AppHandle,
    current: String,
    password: String,
    password_repeat: String,
) -> CommandResult<()> {
    let current = Zeroizing::new(current);
    let password = Zeroizing::new(password);
    let password_repeat = Zeroizing::new(password_repeat);
    with_open(app, move |open| {
        open.file_mut()?
            .change_own_password(&current, &password, &password_repeat)
    })
    .await
}

/// The newest audit rows (at most 500), newest first.
#[tauri::command]
#[specta::specta]
pub async fn recent_audit_entries(app: AppHandle, limit: u32) -> CommandResult<Vec<AuditEntry>> {
    with_open(app, move |open| open.file()?.recent_audit_entries(limit)).await
}

/// Re-encrypts the file under a new data key; returns the new recovery key (shown once) and
/// the colleagues whose passwords must be reset.
#[tauri::command]
#[specta::specta]
pub async fn rekey(app: AppHandle, password: String) -> CommandResult<RekeyOutcome> {
    let password = Zeroizing::new(password);
    let shell = app.clone();
    with_open(app, move |open| {
        let file = open.file.take().ok_or(Error::NotUnlocked)?;
        match file.rekey(&password) {
            Ok((file, outcome)) => {
                open.file = Some(file);
                Ok(outcome)
            }
            Err(failure) => {
                open.file = failure.file.map(|file| *file);
                if open.file.is_none() {
                    // The window shows the unlock screen, saying why.
                    let reason = LockReason::KeyChangeFailed {
                        message: failure.error.to_string(),
                    };
                    crate::lock_screen::lock(&shell, open, Some(reason));
                }
                Err(failure.error)
            }
        }
    })
    .await
}
