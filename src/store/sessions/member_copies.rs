//! The members' copies of a session's papers as the file records them: who is entitled, who
//! received which copy when, with which cases, and its return or destruction afterwards.
//! Laying out and sealing a copy is `report::member_copies`.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use specta::Type;

use crate::domain::choice::{Choice, Labelled};
use crate::domain::member::in_term;
use crate::domain::member_copy::Settlement;
use crate::report::copy_key::CopyKey;
use crate::store::audit::{self, AuditAction, AuditEvent};
use crate::store::register::{copy_passwords, members};
use crate::store::sessions::record::{session_ref, SessionRef};
use crate::store::sessions::seats::declared_bias_in;
use crate::store::{columns, CaseFile};
use crate::{Error, Result};

/// A member entitled to the papers of the session: in office on its day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct CopyRecipient {
    pub member_id: u32,
    pub name: String,
    pub kind_label: String,
    /// The day the password of the member's copies was set ("TT.MM.JJJJ"), if it was.
    pub password_set_on: Option<String>,
    /// The agenda items left out of the member's copy ("TOP 2").
    pub left_out: Vec<String>,
}

/// A copy made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct CopyRecord {
    pub id: u32,
    pub member_id: u32,
    pub member_name: String,
    /// "12.12.2026, 09:14 Uhr"
    pub made_at: String,
    pub made_by: String,
    pub file_name: String,
    /// The case numbers in the copy and those left out.
    pub cases: Vec<String>,
    pub left_out: Vec<String>,
    pub settled: Option<Settlement>,
    /// "Rücklauf bestätigt am 18.12.2026 von anna"
    pub settled_label: Option<String>,
}

/// The copies page of a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct MemberCopies {
    pub session_id: u32,
    pub session_number: String,
    pub recipients: Vec<CopyRecipient>,
    pub copies: Vec<CopyRecord>,
    /// What can be confirmed for a copy still out, named as its button says it.
    pub settlements: Vec<Choice>,
}

/// What making one member's copy needs.
pub(crate) struct CopyPlan {
    pub member_id: u32,
    pub name: String,
    pub key: CopyKey,
    /// The agenda items the member declared bias for before the session, in ascending order.
    pub left_out_items: Vec<u32>,
}

fn berlin(at: &str) -> String {
    DateTime::parse_from_rfc3339(at)
        .map(|t| {
            t.with_timezone(&chrono_tz::Europe::Berlin)
                .format("%d.%m.%Y, %H:%M Uhr")
                .to_string()
        })
        .unwrap_or_else(|_| at.to_owned())
}

fn recipients(conn: &Connection, session: &SessionRef) -> Result<Vec<CopyRecipient>> {
    let bias = declared_bias_in(conn, session.id)?;
    let labels = item_labels(conn, session.id)?;
    let mut out = Vec::new();
    for member in members::members(conn, session.held_on)? {
        if !in_term(member.term_from, member.term_to, session.held_on) {
            continue;
        }
        let left_out = bias
            .iter()
            .filter(|(m, _)| *m == member.id)
            .filter_map(|(_, item)| labels.iter().find(|(i, _)| i == item))
            .map(|(_, label)| label.clone())
            .collect();
        out.push(CopyRecipient {
            password_set_on: copy_passwords::set_on(conn, member.id)?
                .map(|d| d.format("%d.%m.%Y").to_string()),
            member_id: member.id,
            name: member.name,
            kind_label: member.kind_label,
            left_out,
        });
    }
    Ok(out)
}

/// Each case item of the session with its label as the agenda shows it: the number kept
/// since the session was called, before that its place on the agenda.
fn item_labels(conn: &Connection, session_id: u32) -> Result<Vec<(u32, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, COALESCE(number, place), case_number FROM (
             SELECT i.id, i.number, i.case_id, c.number AS case_number,
                    ROW_NUMBER() OVER (ORDER BY i.position) AS place
             FROM agenda_items i LEFT JOIN cases c ON c.id = i.case_id
             WHERE i.session_id = ?1)
         WHERE case_id IS NOT NULL ORDER BY place",
    )?;
    let rows = stmt.query_map([session_id], |r| {
        let top: u32 = r.get(1)?;
        let case: String = r.get(2)?;
        Ok((r.get(0)?, format!("TOP {top} ({case})")))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn records(conn: &Connection, session_id: u32) -> Result<Vec<CopyRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.member_id, m.name, c.made_at, c.made_by, c.file_name, c.cases, c.left_out,
                c.settled, c.settled_on, c.settled_by
         FROM member_copies c JOIN members m ON m.id = c.member_id
         WHERE c.session_id = ?1 ORDER BY c.made_at DESC, c.id DESC",
    )?;
    let rows = stmt.query_map([session_id], |r| {
        let settled: Option<Settlement> = columns::optional_code(r, 8)?;
        let on: Option<chrono::NaiveDate> = r.get(9)?;
        let by: Option<String> = r.get(10)?;
        let list = |i: usize| -> rusqlite::Result<Vec<String>> {
            Ok(serde_json::from_str(&r.get::<_, String>(i)?).unwrap_or_default())
        };
        Ok(CopyRecord {
            id: r.get(0)?,
            member_id: r.get(1)?,
            member_name: r.get(2)?,
            made_at: berlin(&r.get::<_, String>(3)?),
            made_by: r.get(4)?,
            file_name: r.get(5)?,
            cases: list(6)?,
            left_out: list(7)?,
            settled_label: settled.zip(on).map(|(s, on)| {
                format!(
                    "{} am {} von {}",
                    s.label(),
                    on.format("%d.%m.%Y"),
                    by.unwrap_or_default()
                )
            }),
            settled,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl CaseFile {
    /// Who may receive a copy of a session's papers, and the copies made so far.
    pub fn member_copies(&self, session_id: u32) -> Result<MemberCopies> {
        let session = session_ref(self.conn(), session_id)?;
        Ok(MemberCopies {
            session_id,
            recipients: recipients(self.conn(), &session)?,
            copies: records(self.conn(), session_id)?,
            settlements: Settlement::actions(),
            session_number: session.number,
        })
    }

    /// Checks the chosen members before anything is written: at least one, each entitled on
    /// the session day and with a password set.
    pub(crate) fn plan_member_copies(
        &self,
        session_id: u32,
        member_ids: &[u32],
    ) -> Result<(SessionRef, Vec<CopyPlan>)> {
        self.require_editor()?;
        let session = session_ref(self.conn(), session_id)?;
        if member_ids.is_empty() {
            return Err(Error::invalid(
                "Empfänger",
                "Bitte mindestens ein Mitglied auswählen.",
            ));
        }
        let entitled = recipients(self.conn(), &session)?;
        let bias = declared_bias_in(self.conn(), session_id)?;
        let mut plans = Vec::new();
        for id in member_ids {
            let Some(recipient) = entitled.iter().find(|r| r.member_id == *id) else {
                return Err(Error::invalid(
                    "Empfänger",
                    format!(
                        "Mitglied Nr. {id} ist am Tag der Sitzung {} nicht im Amt.",
                        session.number
                    ),
                ));
            };
            if plans.iter().any(|p: &CopyPlan| p.member_id == *id) {
                continue;
            }
            let Some(key) = copy_passwords::copy_key(self.conn(), *id)? else {
                return Err(Error::invalid(
                    "Empfänger",
                    format!(
                        "Für {} ist noch kein Passwort für Exemplare festgelegt (unter Mitglieder).",
                        recipient.name
                    ),
                ));
            };
            let mut left_out_items: Vec<u32> = bias
                .iter()
                .filter(|(m, _)| m == id)
                .map(|(_, item)| *item)
                .collect();
            left_out_items.sort_unstable();
            plans.push(CopyPlan {
                member_id: *id,
                name: recipient.name.clone(),
                key,
                left_out_items,
            });
        }
        Ok((session, plans))
    }

    /// Records a copy about to be written (before its file exists, as every export): the
    /// copy, and each case in it as read, in the audit chain. Not the password.
    pub(crate) fn record_member_copy(
        &mut self,
        session: &SessionRef,
        plan: &CopyPlan,
        file_name: &str,
        cases: &[String],
        left_out: &[String],
    ) -> Result<()> {
        self.edit(|tx, user| {
            tx.execute(
                "INSERT INTO member_copies (session_id, member_id, made_at, made_by, file_name, cases, left_out)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    session.id,
                    plan.member_id,
                    Utc::now().to_rfc3339(),
                    user.username,
                    file_name,
                    serde_json::json!(cases).to_string(),
                    serde_json::json!(left_out).to_string()
                ],
            )?;
            let what = serde_json::json!({
                "member": plan.name, "member_id": plan.member_id, "file": file_name,
                "cases": cases, "left_out": left_out,
            });
            let rows = std::iter::once((AuditAction::MemberCopyCreate, session.number.as_str(), what))
                .chain(cases.iter().map(|case| {
                    let read = serde_json::json!({
                        "kind": "exemplar", "in": session.number, "for": plan.name, "sealed": true,
                    });
                    (AuditAction::DocumentExport, case.as_str(), read)
                }));
            for (action, entity, after) in rows {
                audit::append(
                    tx,
                    user,
                    AuditEvent {
                        action,
                        entity_id: Some(entity),
                        before: None,
                        after: Some(after),
                    },
                )?;
            }
            Ok(())
        })
    }

    /// Records that a copy came back or was destroyed after the session (once).
    pub fn settle_member_copy(&mut self, copy_id: u32, how: Settlement) -> Result<MemberCopies> {
        let today = self.today();
        let session_id = self.edit(|tx, user| {
            let (session_id, member, file, settled): (u32, String, String, Option<String>) = tx
                .query_row(
                    "SELECT c.session_id, m.name, c.file_name, c.settled FROM member_copies c
                     JOIN members m ON m.id = c.member_id WHERE c.id = ?1",
                    [copy_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .map_err(|_| Error::NotFound {
                    what: "Das Exemplar".into(),
                })?;
            if settled.is_some() {
                return Err(Error::invalid(
                    "Rücklauf",
                    format!("Für das Exemplar {file} ist der Verbleib schon bestätigt."),
                ));
            }
            tx.execute(
                "UPDATE member_copies SET settled = ?2, settled_on = ?3, settled_by = ?4 WHERE id = ?1",
                params![copy_id, how.code(), today, user.username],
            )?;
            let session = session_ref(tx, session_id)?;
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: AuditAction::MemberCopySettle,
                    entity_id: Some(&session.number),
                    before: None,
                    after: Some(serde_json::json!({ "member": member, "file": file, "settled": how.code() })),
                },
            )?;
            Ok(session_id)
        })?;
        self.member_copies(session_id)
    }
}
