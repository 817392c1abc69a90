//! The members' copies from the window: a member's password (suggested, set, handed over on
//! a sheet), bias declared before the session, and the copies of a session's binder with
//! their return. The folder and the sheet's path must come from the shell's own dialogs.

use std::path::Path;

use hfk_akte::domain::member_copy::Settlement;
use hfk_akte::report::member_copies::MadeCopy;
use hfk_akte::report::Exported;
use hfk_akte::store::register::copy_passwords::CopyPassword;
use hfk_akte::store::sessions::member_copies::MemberCopies;
use hfk_akte::store::sessions::page::SessionDetail;
use tauri::AppHandle;
use tauri_specta::Event;
use zeroize::Zeroizing;

use crate::error::CommandResult;
use crate::events::ExportProgress;
use crate::state::{with_open, Grant};

/// A pronounceable password to offer (27 characters); nothing is stored until it is set.
#[tauri::command]
#[specta::specta]
pub async fn suggest_copy_password() -> CommandResult<String> {
    Ok(hfk_akte::report::sealed_pdf::handover_password())
}

/// The members whose copies have a password, and since when.
#[tauri::command]
#[specta::specta]
pub async fn copy_passwords(app: AppHandle) -> CommandResult<Vec<CopyPassword>> {
    with_open(app, |open| open.file()?.copy_passwords()).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_copy_password(
    app: AppHandle,
    member_id: u32,
    password: String,
) -> CommandResult<()> {
    let password = Zeroizing::new(password);
    with_open(app, move |open| {
        open.file_mut()?.set_copy_password(member_id, &password)
    })
    .await
}

/// The handover sheet for the password just set, to a path from the save dialog.
#[tauri::command]
#[specta::specta]
pub async fn export_handover_sheet(
    app: AppHandle,
    member_id: u32,
    password: String,
    path: String,
) -> CommandResult<Exported> {
    let password = Zeroizing::new(password);
    with_open(app, move |open| {
        let path = open.take_grant(Grant::Export, Path::new(&path))?;
        open.file_mut()?
            .export_handover_sheet(member_id, &password, &path)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn declare_advance_recusal(
    app: AppHandle,
    item_id: u32,
    member_id: u32,
) -> CommandResult<SessionDetail> {
    with_open(app, move |open| {
        open.file_mut()?.declare_advance_recusal(item_id, member_id)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn withdraw_advance_recusal(
    app: AppHandle,
    item_id: u32,
    member_id: u32,
) -> CommandResult<SessionDetail> {
    with_open(app, move |open| {
        open.file_mut()?
            .withdraw_advance_recusal(item_id, member_id)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn member_copies(app: AppHandle, session_id: u32) -> CommandResult<MemberCopies> {
    with_open(app, move |open| open.file()?.member_copies(session_id)).await
}

/// Writes the copies into the folder chosen in the shell's folder dialog, reporting each
/// copy as the typed event [`ExportProgress`].
#[tauri::command]
#[specta::specta]
pub async fn make_member_copies(
    app: AppHandle,
    session_id: u32,
    member_ids: Vec<u32>,
    folder: String,
) -> CommandResult<Vec<MadeCopy>> {
    let events = app.clone();
    with_open(app, move |open| {
        let folder = open.take_grant(Grant::Folder, Path::new(&folder))?;
        open.file_mut()?
            .make_member_copies(session_id, &member_ids, &folder, |done, total| {
                // A lost progress event only costs the bar a step.
                let _ = ExportProgress { done, total }.emit(&events);
            })
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn settle_member_copy(
    app: AppHandle,
    copy_id: u32,
    settlement: Settlement,
) -> CommandResult<MemberCopies> {
    with_open(app, move |open| {
        open.file_mut()?.settle_member_copy(copy_id, settlement)
    })
    .await
}
