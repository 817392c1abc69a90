//! The member register and the list of foreigners' offices.

use hfk_akte::domain::member::MemberDraft;
use hfk_akte::store::register::members::MemberRegister;
use tauri::AppHandle;

use crate::error::CommandResult;
use crate::state::with_open;

#[tauri::command]
#[specta::specta]
pub async fn member_register(app: AppHandle) -> CommandResult<MemberRegister> {
    with_open(app, |open| open.file()?.member_register()).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_organisation(
    app: AppHandle,
    name: String,
    valid_from: String,
) -> CommandResult<u32> {
    with_open(app, move |open| {
        open.file_mut()?.add_organisation(&name, &valid_from)
    })
    .await
}

/// A new name from a day on; cases brought in before keep the old one.
#[tauri::command]
#[specta::specta]
pub async fn rename_organisation(
    app: AppHandle,
    organisation_id: u32,
    name: String,
    valid_from: String,
) -> CommandResult<()> {
    with_open(app, move |open| {
        open.file_mut()?
            .rename_organisation(organisation_id, &name, &valid_from)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn save_member(
    app: AppHandle,
    member_id: Option<u32>,
    draft: MemberDraft,
) -> CommandResult<u32> {
    with_open(app, move |open| {
        open.file_mut()?.save_member(member_id, &draft)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn save_office(
    app: AppHandle,
    office_id: Option<u32>,
    name: String,
    active: bool,
) -> CommandResult<u32> {
    with_open(app, move |open| {
        open.file_mut()?.save_office(office_id, &name, active)
    })
    .await
}
