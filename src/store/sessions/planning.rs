//! Planning and running a session: its day, time and place, its status, who attended,
//! and the majority rule. Each change answers with the session page.

use crate::domain::attendance::{check_attendance, AttendanceEntry};
use crate::domain::choice::Labelled;
use crate::domain::input::{not_before, not_in_future, required_date};
use crate::domain::majority::MajorityRule;
use crate::domain::session::{ItemKind, SessionDraft, SessionStatus};
use crate::store::audit::AuditAction;
use crate::store::audit::{self};
use crate::store::sessions::page::{hhmm, items, SessionDetail};
use crate::store::sessions::record::{
    self, record_session_change, refuse_after_decisions, session_ref,
};
use crate::store::sessions::seats::{advisory_on, attendance_of, seats_on};
use crate::store::{columns, settings, CaseFile};
use crate::{Error, Result};
use chrono::Utc;
use rusqlite::{params, OptionalExtension};

impl CaseFile {
    /// Plans a session; its number is the next one of the session day's year.
    pub fn plan_session(&mut self, draft: &SessionDraft) -> Result<SessionDetail> {
        self.require_editor()?;
        let f = draft.validate()?;
        let id = self.edit(|tx, user| {
            use chrono::Datelike;
            let year = f.held_on.year();
            let seq: u32 = tx.query_row(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM sessions WHERE year = ?1",
                [year],
                |r| r.get(0),
            )?;
            let now = Utc::now().to_rfc3339();
            tx.execute(
                "INSERT INTO sessions (year, seq, held_on, start_time, place, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![
                    year,
                    seq,
                    f.held_on,
                    hhmm(f.start_time),
                    f.place,
                    SessionStatus::Geplant.code(),
                    now
                ],
            )?;
            let id = columns::last_id(tx)?;
            let session = session_ref(tx, id)?;
            record_session_change(tx, user, &session, AuditAction::CommissionSessionCreate, None, Some(audit::fields(draft)?))?;
            Ok(id)
        })?;
        self.session(id)
    }

    /// Changes day, time or place. The year, and so the number, stays.
    pub fn update_session(&mut self, id: u32, draft: &SessionDraft) -> Result<SessionDetail> {
        self.require_editor()?;
        let f = draft.validate()?;
        self.edit(|tx, user| {
            use chrono::Datelike;
            let session = session_ref(tx, id)?;
            if !session.status.agenda_open() {
                return Err(Error::invalid(
                    "Sitzung",
                    format!(
                        "Eine Sitzung im Stand „{}“ wird nicht mehr geändert.",
                        session.status.label()
                    ),
                ));
            }
            if f.held_on.year() != session.held_on.year() {
                return Err(Error::invalid(
                    "Sitzungstag",
                    format!(
                        "Die Sitzung {} gehört zum Jahr {}; für ein anderes Jahr bitte eine neue Sitzung planen.",
                        session.number,
                        session.held_on.year()
                    ),
                ));
            }
            refuse_after_decisions(tx, &session, "Termin")?;
            let before = record::draft(tx, &session)?;
            tx.execute(
                "UPDATE sessions SET held_on = ?2, start_time = ?3, place = ?4 WHERE id = ?1",
                params![id, f.held_on, hhmm(f.start_time), f.place],
            )?;
            record_session_change(
                tx,
                user,
                &session,
                AuditAction::CommissionSessionUpdate,
                Some(audit::fields(&before)?),
                Some(audit::fields(draft)?),
            )
        })?;
        self.session(id)
    }

    /// Moves the session on: einberufen (freezes the numbers), durchgeführt (every case
    /// item decided), Niederschrift genehmigt (on the day typed).
    pub fn advance_session(
        &mut self,
        id: u32,
        to: SessionStatus,
        on_date: &str,
    ) -> Result<SessionDetail> {
        self.require_editor()?;
        let today = self.today();
        let on = required_date("Datum", on_date)?;
        not_in_future("Datum", Some(on), today)?;
        self.edit(|tx, user| {
            let session = session_ref(tx, id)?;
            session.status.advance(to)?;
            let items = items(tx, &session)?;
            match to {
                SessionStatus::Einberufen => {
                    if items.is_empty() {
                        return Err(Error::invalid(
                            "Tagesordnung",
                            "Die Tagesordnung ist leer; bitte zuerst Punkte aufnehmen.",
                        ));
                    }
                    for item in &items {
                        tx.execute(
                            "UPDATE agenda_items SET number = ?2 WHERE id = ?1",
                            params![item.id, item.number],
                        )?;
                    }
                    tx.execute(
                        "UPDATE sessions SET status = ?2, convened_on = ?3 WHERE id = ?1",
                        params![id, to.code(), on],
                    )?;
                }
                SessionStatus::Durchgefuehrt => {
                    not_before("Datum", Some(on), "Sitzungstag", Some(session.held_on))?;
                    if session.held_on > today {
                        return Err(Error::invalid(
                            "Sitzung",
                            format!(
                                "Die Sitzung findet erst am {} statt.",
                                session.held_on.format("%d.%m.%Y")
                            ),
                        ));
                    }
                    let open: Vec<&str> = items
                        .iter()
                        .filter(|i| i.kind == ItemKind::Fall && i.outcome.is_none())
                        .map(|i| i.label.as_str())
                        .collect();
                    if !open.is_empty() {
                        return Err(Error::invalid(
                            "Tagesordnung",
                            format!("Noch ohne Ergebnis: {}.", open.join(", ")),
                        ));
                    }
                    tx.execute(
                        "UPDATE sessions SET status = ?2, held_at = ?3 WHERE id = ?1",
                        params![id, to.code(), on],
                    )?;
                }
                SessionStatus::NiederschriftGenehmigt => {
                    not_before("Datum", Some(on), "Sitzungstag", Some(session.held_on))?;
                    tx.execute(
                        "UPDATE sessions SET status = ?2, minutes_approved_on = ?3 WHERE id = ?1",
                        params![id, to.code(), on],
                    )?;
                }
                SessionStatus::Geplant => unreachable!("advance never leads back to planned"),
            }
            record_session_change(
                tx,
                user,
                &session,
                AuditAction::CommissionSessionStatus,
                Some(session.status.code().into()),
                Some(serde_json::json!({ "status": to.code(), "on": on })),
            )
        })?;
        self.session(id)
    }

    /// Records who attended: one entry per voting seat (replaces what was recorded); the
    /// advisory members present stay as recorded.
    pub fn record_attendance(
        &mut self,
        session_id: u32,
        entries: &[AttendanceEntry],
    ) -> Result<SessionDetail> {
        self.record_attendance_and_advisory(session_id, entries, None)
    }

    /// Records the voting seats' attendance and the advisory members present, together.
    pub fn record_session_attendance(
        &mut self,
        session_id: u32,
        entries: &[AttendanceEntry],
        advisory_present: &[u32],
    ) -> Result<SessionDetail> {
        self.record_attendance_and_advisory(session_id, entries, Some(advisory_present))
    }

    fn record_attendance_and_advisory(
        &mut self,
        session_id: u32,
        entries: &[AttendanceEntry],
        advisory_present: Option<&[u32]>,
    ) -> Result<SessionDetail> {
        self.require_editor()?;
        self.edit(|tx, user| {
            let session = session_ref(tx, session_id)?;
            if !matches!(
                session.status,
                SessionStatus::Einberufen | SessionStatus::Durchgefuehrt
            ) {
                return Err(Error::invalid(
                    "Anwesenheit",
                    format!(
                        "Die Anwesenheit wird für eine einberufene oder durchgeführte Sitzung erfasst; diese ist „{}“.",
                        session.status.label()
                    ),
                ));
            }
            refuse_after_decisions(tx, &session, "Anwesenheit")?;
            let seats = seats_on(tx, session.held_on)?;
            let mut seen = std::collections::HashSet::new();
            for entry in entries {
                let Some((_, name)) = seats.iter().find(|(id, _)| *id == entry.member_id) else {
                    return Err(Error::invalid(
                        "Anwesenheit",
                        "Nur stimmberechtigte Mitglieder im Amt haben einen Sitz.",
                    ));
                };
                if !seen.insert(entry.member_id) {
                    return Err(Error::invalid(
                        "Anwesenheit",
                        format!("{name} ist doppelt erfasst."),
                    ));
                }
                let deputy = match entry.deputy_id {
                    Some(d) => tx
                        .query_row(
                            "SELECT name, deputy_of FROM members WHERE id = ?1",
                            [d],
                            |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<u32>>(1)?)),
                        )
                        .optional()?,
                    None => None,
                };
                check_attendance(
                    entry,
                    name,
                    deputy.as_ref().map(|(n, of)| (n.as_str(), *of)),
                )?;
            }
            if let Some(present) = advisory_present {
                let advisory = advisory_on(tx, session.held_on)?;
                if let Some(other) = present.iter().find(|id| !advisory.iter().any(|m| m.id == **id)) {
                    return Err(Error::invalid(
                        "Beratende Mitglieder",
                        format!("Mitglied {other} ist an diesem Tag kein beratendes Mitglied im Amt."),
                    ));
                }
                tx.execute(
                    "DELETE FROM advisory_attendance WHERE session_id = ?1",
                    [session_id],
                )?;
                for id in present {
                    tx.execute(
                        "INSERT OR IGNORE INTO advisory_attendance (session_id, member_id) VALUES (?1, ?2)",
                        params![session_id, id],
                    )?;
                }
            }
            let before = attendance_of(tx, session_id)?;
            tx.execute("DELETE FROM attendance WHERE session_id = ?1", [session_id])?;
            for entry in entries {
                tx.execute(
                    "INSERT INTO attendance (session_id, member_id, attendance, deputy_id)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![
                        session_id,
                        entry.member_id,
                        entry.attendance.code(),
                        entry.deputy_id
                    ],
                )?;
            }
            let mut before: Vec<_> = before.into_iter().collect();
            before.sort_by_key(|(id, _)| *id);
            record_session_change(
                tx,
                user,
                &session,
                AuditAction::CommissionSessionAttendance,
                Some(audit::fields(&before)?),
                Some(serde_json::json!({ "seats": entries, "advisory_present": advisory_present })),
            )
        })?;
        self.session(session_id)
    }

    /// The rule a Härtefallersuchen must meet, for this file. Verwaltung only; audited.
    pub fn set_majority_rule(&mut self, rule: MajorityRule) -> Result<()> {
        self.require_admin()?;
        self.edit(|tx, user| settings::put_majority_rule(tx, user, rule))
    }

    pub fn majority_rule(&self) -> Result<MajorityRule> {
        settings::majority_rule(self.conn())
    }
}
