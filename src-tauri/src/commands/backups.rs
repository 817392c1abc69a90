//! Backups from the window: the folder, "Jetzt sichern", and restoring a backup.

use hfk_akte::store::vault::backup::{
    self, BackupContents, BackupStatus, BackupToRestore, OtherFile,
};
use std::path::Path;

use serde::Serialize;
use specta::Type;
use tauri::AppHandle;
use zeroize::Zeroizing;

use crate::error::CommandResult;
use crate::state::{with_open, Grant};

#[tauri::command]
#[specta::specta]
pub async fn backup_status(app: AppHandle) -> CommandResult<BackupStatus> {
    with_open(app, |open| open.file()?.backup_status()).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_backup_folder(app: AppHandle, folder: String) -> CommandResult<BackupStatus> {
    // Typed or chosen: backups are encrypted, and the folder is a setting the page shows.
    with_open(app, move |open| open.file_mut()?.set_backup_folder(&folder)).await
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct BackupWritten {
    pub path: String,
    pub contents: BackupContents,
}

/// Writes a backup into the chosen folder.
#[tauri::command]
#[specta::specta]
pub async fn backup_now(app: AppHandle) -> CommandResult<BackupWritten> {
    with_open(app, |open| {
        let (path, contents) = open.file_mut()?.backup_now()?;
        Ok(BackupWritten { path, contents })
    })
    .await
}

/// Opens a backup with the password of one of its users and says what it holds, and whether
/// it comes from another case file; replaces nothing. Verwaltung only.
#[tauri::command]
#[specta::specta]
pub async fn inspect_backup(
    app: AppHandle,
    path: String,
    username: String,
    password: String,
) -> CommandResult<BackupToRestore> {
    let password = Zeroizing::new(password);
    with_open(app, move |open| {
        open.check_grant(Grant::Backup, Path::new(&path))?;
        open.file()?
            .inspect_backup(Path::new(&path), &username, &password)
    })
    .await
}

/// Closes the open file and replaces it with the backup; the window then shows the unlock
/// screen, also when the replacement fails (the old file is then back in place). A backup of
/// another case file needs `other_file_confirmed`. Verwaltung only.
#[tauri::command]
#[specta::specta]
pub async fn restore_backup(
    app: AppHandle,
    path: String,
    username: String,
    password: String,
    other_file_confirmed: bool,
) -> CommandResult<BackupContents> {
    let password = Zeroizing::new(password);
    with_open(app, move |open| {
        // Checked, not used up: a refusal below (another file, not yet confirmed) is answered
        // with the same choice.
        open.check_grant(Grant::Backup, Path::new(&path))?;
        let path = Path::new(&path);
        let other = match other_file_confirmed {
            true => OtherFile::Replace,
            false => OtherFile::Refuse,
        };
        // Check the backup, the password and whose file it is while the file is still open:
        // a refusal here leaves the window as it was.
        let checked = open.file()?.inspect_backup(path, &username, &password)?;
        if checked.other_file.is_some() && other == OtherFile::Refuse {
            return Err(hfk_akte::Error::invalid(
                "Sicherung",
                "Diese Sicherung stammt aus einer anderen Akte; bitte bestätigen Sie das Ersetzen ausdrücklich.",
            ));
        }
        open.file = None;
        open.granted.clear();
        // A form typed against the file before the restore does not belong to the restored one.
        open.draft = None;
        backup::restore(
            open.lock()?,
            path,
            &username,
            &password,
            other,
        )
    })
    .await
}
