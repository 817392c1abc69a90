//! The session section: planning, the agenda, attendance, the session day, and the case's
//! way to the ministry afterwards.

use hfk_akte::domain::attendance::AttendanceEntry;
use hfk_akte::domain::choice::{Choice, Labelled};
use hfk_akte::domain::majority::{Majority, MajorityRule, Tally};
use hfk_akte::domain::ministry::DecisionDraft;
use hfk_akte::domain::session::{SessionDraft, SessionStatus};
use hfk_akte::domain::voting::Ballot;
use hfk_akte::store::cases::page::CaseDetail;
use hfk_akte::store::sessions::decisions::ItemDecisionDraft;
use hfk_akte::store::sessions::page::{SessionDetail, SessionRow};
use tauri::AppHandle;

use crate::error::CommandResult;
use crate::state::with_open;

#[tauri::command]
#[specta::specta]
pub async fn list_sessions(app: AppHandle) -> CommandResult<Vec<SessionRow>> {
    with_open(app, |open| open.file()?.list_sessions()).await
}

#[tauri::command]
#[specta::specta]
pub async fn session(app: AppHandle, session_id: u32) -> CommandResult<SessionDetail> {
    with_open(app, move |open| open.file()?.session(session_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn plan_session(app: AppHandle, draft: SessionDraft) -> CommandResult<SessionDetail> {
    with_open(app, move |open| open.file_mut()?.plan_session(&draft)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_session(
    app: AppHandle,
    session_id: u32,
    draft: SessionDraft,
) -> CommandResult<SessionDetail> {
    with_open(app, move |open| {
        open.file_mut()?.update_session(session_id, &draft)
    })
    .await
}

/// Moves the session on: einberufen, durchgeführt, Niederschrift genehmigt.
#[tauri::command]
#[specta::specta]
pub async fn advance_session(
    app: AppHandle,
    session_id: u32,
    to: SessionStatus,
    on_date: String,
) -> CommandResult<SessionDetail> {
    with_open(app, move |open| {
        open.file_mut()?.advance_session(session_id, to, &on_date)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn schedule_case(
    app: AppHandle,
    session_id: u32,
    case_id: u32,
    rapporteur_id: Option<u32>,
) -> CommandResult<SessionDetail> {
    with_open(app, move |open| {
        open.file_mut()?
            .schedule_case(session_id, case_id, rapporteur_id)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn add_free_item(
    app: AppHandle,
    session_id: u32,
    title: String,
) -> CommandResult<SessionDetail> {
    with_open(app, move |open| {
        open.file_mut()?.add_free_item(session_id, &title)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn move_agenda_item(
    app: AppHandle,
    item_id: u32,
    up: bool,
) -> CommandResult<SessionDetail> {
    with_open(app, move |open| {
        open.file_mut()?.move_agenda_item(item_id, up)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn remove_agenda_item(app: AppHandle, item_id: u32) -> CommandResult<SessionDetail> {
    with_open(app, move |open| {
        open.file_mut()?.remove_agenda_item(item_id)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn set_rapporteur(
    app: AppHandle,
    item_id: u32,
    member_id: u32,
) -> CommandResult<SessionDetail> {
    with_open(app, move |open| {
        open.file_mut()?.set_rapporteur(item_id, member_id)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn record_attendance(
    app: AppHandle,
    session_id: u32,
    entries: Vec<AttendanceEntry>,
    advisory_present: Vec<u32>,
) -> CommandResult<SessionDetail> {
    with_open(app, move |open| {
        open.file_mut()?
            .record_session_attendance(session_id, &entries, &advisory_present)
    })
    .await
}

/// What the votes typed so far would give; stores nothing.
#[tauri::command]
#[specta::specta]
pub async fn preview_tally(
    app: AppHandle,
    item_id: u32,
    ballots: Vec<Ballot>,
) -> CommandResult<Tally> {
    with_open(app, move |open| {
        open.file()?.preview_tally(item_id, &ballots)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn decide_item(
    app: AppHandle,
    item_id: u32,
    draft: ItemDecisionDraft,
) -> CommandResult<SessionDetail> {
    with_open(app, move |open| {
        open.file_mut()?.decide_item(item_id, &draft)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn send_request(
    app: AppHandle,
    case_id: u32,
    sent_on: String,
) -> CommandResult<CaseDetail> {
    with_open(app, move |open| {
        open.file_mut()?.send_request(case_id, &sent_on)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn record_ministry_decision(
    app: AppHandle,
    case_id: u32,
    draft: DecisionDraft,
) -> CommandResult<CaseDetail> {
    with_open(app, move |open| {
        open.file_mut()?.record_ministry_decision(case_id, &draft)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn set_permit_issued(
    app: AppHandle,
    case_id: u32,
    person_id: u32,
    issued_on: String,
) -> CommandResult<CaseDetail> {
    with_open(app, move |open| {
        open.file_mut()?
            .set_permit_issued(case_id, person_id, &issued_on)
    })
    .await
}

/// The rule an Ersuchen must meet, and the majorities a file may choose from.
#[tauri::command]
#[specta::specta]
pub async fn majority_rules(app: AppHandle) -> CommandResult<(MajorityRule, Vec<Choice>)> {
    with_open(app, |open| {
        Ok((open.file()?.majority_rule()?, Majority::choices()))
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn set_majority_rule(app: AppHandle, rule: MajorityRule) -> CommandResult<MajorityRule> {
    with_open(app, move |open| {
        let file = open.file_mut()?;
        file.set_majority_rule(rule)?;
        file.majority_rule()
    })
    .await
}
