//! The case section and the start page.

use hfk_akte::domain::admissibility::AdmissibilityDraft;
use hfk_akte::domain::case::{AbhStatementDraft, CaseDraft};
use hfk_akte::domain::deadline::DeadlineDraft;
use hfk_akte::domain::grounds::GroundDraft;
use hfk_akte::domain::person::PersonDraft;
use hfk_akte::domain::workflow::CaseStatus;
use hfk_akte::store::cases::page::CaseDetail;
use hfk_akte::store::cases::search::{CasePage, CaseQuery};
use hfk_akte::store::cases::start_page::{Dashboard, DueList, DueListPage};
use hfk_akte::store::register::catalogues::Catalogues;
use tauri::AppHandle;

use crate::error::CommandResult;
use crate::state::with_open;

#[tauri::command]
#[specta::specta]
pub async fn dashboard(app: AppHandle) -> CommandResult<Dashboard> {
    with_open(app, |open| open.file()?.dashboard()).await
}

/// One page of a start-page list read whole.
#[tauri::command]
#[specta::specta]
pub async fn due_list(
    app: AppHandle,
    list: DueList,
    offset: u32,
    limit: u32,
) -> CommandResult<DueListPage> {
    with_open(app, move |open| open.file()?.due_list(list, offset, limit)).await
}

/// The lists the case forms offer: countries, family roles, grounds, members, offices …
#[tauri::command]
#[specta::specta]
pub async fn catalogues(app: AppHandle) -> CommandResult<Catalogues> {
    with_open(app, |open| open.file()?.catalogues()).await
}

#[tauri::command]
#[specta::specta]
pub async fn list_cases(app: AppHandle, query: CaseQuery) -> CommandResult<CasePage> {
    with_open(app, move |open| open.file()?.list_cases(&query)).await
}

/// Opens a dossier; the reading is audited.
#[tauri::command]
#[specta::specta]
pub async fn open_case(app: AppHandle, case_id: u32) -> CommandResult<CaseDetail> {
    with_open(app, move |open| open.file_mut()?.open_case(case_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn create_case(app: AppHandle, draft: CaseDraft) -> CommandResult<CaseDetail> {
    with_open(app, move |open| open.file_mut()?.create_case(&draft)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_case(
    app: AppHandle,
    case_id: u32,
    draft: CaseDraft,
) -> CommandResult<CaseDetail> {
    with_open(app, move |open| {
        open.file_mut()?.update_case(case_id, &draft)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn save_person(
    app: AppHandle,
    case_id: u32,
    person_id: Option<u32>,
    draft: PersonDraft,
) -> CommandResult<CaseDetail> {
    with_open(app, move |open| {
        open.file_mut()?.save_person(case_id, person_id, &draft)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn remove_person(
    app: AppHandle,
    case_id: u32,
    person_id: u32,
) -> CommandResult<CaseDetail> {
    with_open(app, move |open| {
        open.file_mut()?.remove_person(case_id, person_id)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn save_ground(
    app: AppHandle,
    case_id: u32,
    ground_id: Option<u32>,
    draft: GroundDraft,
) -> CommandResult<CaseDetail> {
    with_open(app, move |open| {
        open.file_mut()?.save_ground(case_id, ground_id, &draft)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn remove_ground(
    app: AppHandle,
    case_id: u32,
    ground_id: u32,
) -> CommandResult<CaseDetail> {
    with_open(app, move |open| {
        open.file_mut()?.remove_ground(case_id, ground_id)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn record_admissibility(
    app: AppHandle,
    case_id: u32,
    draft: AdmissibilityDraft,
) -> CommandResult<CaseDetail> {
    with_open(app, move |open| {
        open.file_mut()?.record_admissibility(case_id, &draft)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn save_abh_statement(
    app: AppHandle,
    case_id: u32,
    draft: AbhStatementDraft,
) -> CommandResult<CaseDetail> {
    with_open(app, move |open| {
        open.file_mut()?.save_abh_statement(case_id, &draft)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn save_deadline(
    app: AppHandle,
    case_id: u32,
    deadline_id: Option<u32>,
    draft: DeadlineDraft,
) -> CommandResult<CaseDetail> {
    with_open(app, move |open| {
        open.file_mut()?.save_deadline(case_id, deadline_id, &draft)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn set_deadline_done(
    app: AppHandle,
    case_id: u32,
    deadline_id: u32,
    done: bool,
) -> CommandResult<CaseDetail> {
    with_open(app, move |open| {
        open.file_mut()?
            .set_deadline_done(case_id, deadline_id, done)
    })
    .await
}

/// Reopens an ended case (Verwaltung), with the reason kept in its history.
#[tauri::command]
#[specta::specta]
pub async fn reopen_case(
    app: AppHandle,
    case_id: u32,
    reason: String,
) -> CommandResult<CaseDetail> {
    with_open(app, move |open| {
        open.file_mut()?.reopen_case(case_id, &reason)
    })
    .await
}

/// A move by hand; the date as typed (TT.MM.JJJJ).
#[tauri::command]
#[specta::specta]
pub async fn change_case_status(
    app: AppHandle,
    case_id: u32,
    to: CaseStatus,
    on_date: String,
    reason: String,
) -> CommandResult<CaseDetail> {
    with_open(app, move |open| {
        open.file_mut()?
            .change_case_status(case_id, to, &on_date, &reason)
    })
    .await
}
