//! Schriftverkehr from the window: a case letter composed from its template, edited and kept
//! with the case, kept letters saved out (the path must come from the shell's save dialog),
//! the templates under Verwaltung, and the postal addresses letters go to.

use std::path::Path;

use hfk_akte::domain::letter_kind::LetterKind;
use hfk_akte::report::letters::invitations::{InvitationRequest, MadeInvitations};
use hfk_akte::report::letters::sheet::LetterSheet;
use hfk_akte::report::letters::LetterChoice;
use hfk_akte::report::{ExportTarget, Exported};
use hfk_akte::store::letters::templates::LetterTemplate;
use hfk_akte::store::letters::LetterRecord;
use hfk_akte::store::settings::catalogue::LetterFrame;
use tauri::AppHandle;
use tauri_specta::Event;

use crate::error::CommandResult;
use crate::events::ExportProgress;
use crate::state::{with_open, Grant};

/// The letters kept with a case, newest first.
#[tauri::command]
#[specta::specta]
pub async fn case_letters(app: AppHandle, case_id: u32) -> CommandResult<Vec<LetterRecord>> {
    with_open(app, move |open| open.file()?.case_letters(case_id)).await
}

/// A case letter filled in from the case, for the window to edit; nothing is written.
#[tauri::command]
#[specta::specta]
pub async fn compose_case_letter(
    app: AppHandle,
    case_id: u32,
    choice: LetterChoice,
) -> CommandResult<LetterSheet> {
    with_open(app, move |open| {
        open.file()?.compose_case_letter(case_id, &choice)
    })
    .await
}

/// Lays the edited letter out and keeps it with the case (audited).
#[tauri::command]
#[specta::specta]
pub async fn write_case_letter(
    app: AppHandle,
    case_id: u32,
    choice: LetterChoice,
    sheet: LetterSheet,
) -> CommandResult<LetterRecord> {
    with_open(app, move |open| {
        open.file_mut()?.write_case_letter(case_id, &choice, &sheet)
    })
    .await
}

/// Saves a kept letter out as it went out, sealed on request (audited).
#[tauri::command]
#[specta::specta]
pub async fn save_letter_copy(
    app: AppHandle,
    letter_id: u32,
    path: String,
    sealed: bool,
) -> CommandResult<Exported> {
    with_open(app, move |open| {
        let path = open.take_grant(Grant::Export, Path::new(&path))?;
        let target = ExportTarget {
            path: &path,
            sealed,
        };
        open.file_mut()?.save_letter_copy(letter_id, target)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn letter_templates(app: AppHandle) -> CommandResult<Vec<LetterTemplate>> {
    with_open(app, |open| open.file()?.letter_templates()).await
}

/// Adapts a kind's wording (Verwaltung); `reset` brings the program's own back.
#[tauri::command]
#[specta::specta]
pub async fn set_letter_template(
    app: AppHandle,
    kind: LetterKind,
    subject: String,
    body: String,
    reset: bool,
) -> CommandResult<LetterTemplate> {
    with_open(app, move |open| {
        let wording = (!reset).then_some((subject.as_str(), body.as_str()));
        open.file_mut()?.set_letter_template(kind, wording)
    })
    .await
}

/// A member's postal address, one entry per line ("" removes it).
#[tauri::command]
#[specta::specta]
pub async fn set_member_address(
    app: AppHandle,
    member_id: u32,
    address: String,
) -> CommandResult<()> {
    with_open(app, move |open| {
        open.file_mut()?.set_member_address(member_id, &address)
    })
    .await
}

/// A foreigners' office's whole address field ("" removes it).
#[tauri::command]
#[specta::specta]
pub async fn set_office_address(
    app: AppHandle,
    office_id: u32,
    address: String,
) -> CommandResult<()> {
    with_open(app, move |open| {
        open.file_mut()?.set_office_address(office_id, &address)
    })
    .await
}

/// The postal address of a case's counsel ("" removes it).
#[tauri::command]
#[specta::specta]
pub async fn set_counsel_address(
    app: AppHandle,
    case_id: u32,
    address: String,
) -> CommandResult<()> {
    with_open(app, move |open| {
        open.file_mut()?.set_counsel_address(case_id, &address)
    })
    .await
}

/// The closing and signature block every letter ends with.
#[tauri::command]
#[specta::specta]
pub async fn letter_frame(app: AppHandle) -> CommandResult<LetterFrame> {
    with_open(app, |open| open.file()?.letter_frame()).await
}

/// Sets the closing and signature block (Verwaltung); returns them as stored.
#[tauri::command]
#[specta::specta]
pub async fn set_letter_frame(app: AppHandle, frame: LetterFrame) -> CommandResult<LetterFrame> {
    with_open(app, move |open| open.file_mut()?.set_letter_frame(&frame)).await
}

/// The letters kept for a session (the invitations), newest first.
#[tauri::command]
#[specta::specta]
pub async fn session_letters(app: AppHandle, session_id: u32) -> CommandResult<Vec<LetterRecord>> {
    with_open(app, move |open| open.file()?.session_letters(session_id)).await
}

/// Writes the invitations of a session into a folder the shell's dialog returned, reporting
/// each letter as [`ExportProgress`].
#[tauri::command]
#[specta::specta]
pub async fn write_invitations(
    app: AppHandle,
    session_id: u32,
    request: InvitationRequest,
    folder: String,
) -> CommandResult<MadeInvitations> {
    let events = app.clone();
    with_open(app, move |open| {
        let folder = open.take_grant(Grant::Folder, Path::new(&folder))?;
        open.file_mut()?
            .write_invitations(session_id, &request, &folder, |done, total| {
                // A lost progress event only costs the bar a step.
                let _ = ExportProgress { done, total }.emit(&events);
            })
    })
    .await
}
