//! Sessions (Sitzungen): planning, the session page, attendance and the session's status.
//! The agenda and the decisions on its items are in `agenda`.

use std::collections::HashMap;

use chrono::{Local, NaiveDate, NaiveTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use crate::domain::choice::{Choice, Labelled};
use crate::domain::input::{as_typed, not_before, not_in_future, required_date};
use crate::domain::member::{in_term, MemberKind};
use crate::domain::session::{
    item_label, number_items, session_number, ItemKind, SessionDraft, SessionStatus,
};
use crate::domain::voting::{
    check_attendance, quorum, Attendance, AttendanceEntry, Ballot, MajorityRule, Outcome, Quorum,
    Vote,
};
use crate::domain::workflow::CaseStatus;
use crate::store::audit::{self, AuditEvent};
use crate::store::users::User;
use crate::store::{columns, members, settings, CaseFile};
use crate::{Error, Result};

/// One line of the session list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct SessionRow {
    pub id: u32,
    pub number: String,
    pub held_on: NaiveDate,
    pub start_time: String,
    pub place: String,
    pub status: SessionStatus,
    pub status_label: String,
    pub case_items: u32,
    pub decided_items: u32,
}

/// One item of the agenda as the session page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct AgendaItemView {
    pub id: u32,
    /// "TOP 3", or "TOP 5 (Tischvorlage)" for an item added after the invitation.
    pub label: String,
    pub number: u32,
    pub late: bool,
    pub kind: ItemKind,
    pub case_id: Option<u32>,
    pub case_number: Option<String>,
    pub case_status_label: Option<String>,
    /// The case's main person, or the free item's title.
    pub title: String,
    pub persons: u32,
    pub nationality_name: Option<String>,
    pub brought_by_name: Option<String>,
    pub rapporteur_id: Option<u32>,
    pub rapporteur_name: Option<String>,
    pub outcome: Option<Outcome>,
    pub outcome_label: Option<String>,
    pub reasons: Option<String>,
    pub yes: Option<u32>,
    pub no: Option<u32>,
    pub abstain: Option<u32>,
    pub needed: Option<u32>,
    /// Who was biased and how each seat voted, as recorded.
    pub ballots: Vec<Ballot>,
}

/// A voting seat: the member in office on the session day, their deputies and attendance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct SeatView {
    pub member_id: u32,
    pub name: String,
    pub organisation_name: Option<String>,
    pub deputies: Vec<Choice>,
    pub attendance: Option<Attendance>,
    pub deputy_id: Option<u32>,
    /// Who sits in the seat today: the member, the deputy, or nobody.
    pub sitting: Option<String>,
}

/// An admitted case that may be put on the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct SchedulableCase {
    pub id: u32,
    pub number: String,
    pub display_name: String,
    pub brought_by: u32,
    pub brought_by_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct SessionDetail {
    pub id: u32,
    pub number: String,
    pub held_on: NaiveDate,
    pub start_time: String,
    pub place: String,
    pub status: SessionStatus,
    pub status_label: String,
    /// The status the session can move to next, if any.
    pub next_status: Option<Choice>,
    pub convened_on: Option<NaiveDate>,
    pub minutes_approved_on: Option<NaiveDate>,
    pub items: Vec<AgendaItemView>,
    pub seats: Vec<SeatView>,
    pub attendance_recorded: bool,
    pub quorum: Quorum,
    pub majority_rule: MajorityRule,
    pub majority_rule_label: String,
    pub schedulable: Vec<SchedulableCase>,
    pub draft: SessionDraft,
    /// What the session-day form offers: the outcomes and the votes.
    pub outcomes: Vec<Choice>,
    pub votes: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SessionRef {
    pub id: u32,
    pub number: String,
    pub held_on: NaiveDate,
    pub status: SessionStatus,
}

pub(crate) fn session_ref(conn: &Connection, id: u32) -> Result<SessionRef> {
    conn.query_row(
        "SELECT year, seq, held_on, status FROM sessions WHERE id = ?1",
        [id],
        |r| {
            Ok(SessionRef {
                id,
                number: session_number(r.get(1)?, r.get(0)?),
                held_on: r.get(2)?,
                status: columns::code(r, 3)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "Die Sitzung".into(),
    })
}

/// One change to a session: `updated_at` and an audit row named by the session number.
pub(crate) fn record_session_change(
    tx: &Connection,
    user: &User,
    session: &SessionRef,
    action: &str,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<()> {
    tx.execute(
        "UPDATE sessions SET updated_at = ?2 WHERE id = ?1",
        params![session.id, Utc::now().to_rfc3339()],
    )?;
    audit::append(
        tx,
        user,
        AuditEvent {
            entity: "commission_session",
            entity_id: Some(&session.number),
            action,
            before,
            after,
        },
    )?;
    Ok(())
}

/// Refuses a change that would alter what decided items were counted against.
fn refuse_after_decisions(conn: &Connection, session: &SessionRef, what: &str) -> Result<()> {
    let decided: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM agenda_items WHERE session_id = ?1 AND outcome IS NOT NULL)",
        [session.id],
        |r| r.get(0),
    )?;
    if decided {
        return Err(Error::invalid(
            what,
            format!(
                "In der Sitzung {} ist schon entschieden worden; {what} bleibt, wie sie bei der Abstimmung war.",
                session.number
            ),
        ));
    }
    Ok(())
}

fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<SessionRow>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.year, s.seq, s.held_on, s.start_time, s.place, s.status,
                (SELECT count(*) FROM agenda_items i WHERE i.session_id = s.id AND i.kind = 'fall'),
                (SELECT count(*) FROM agenda_items i WHERE i.session_id = s.id AND i.outcome IS NOT NULL)
         FROM sessions s ORDER BY s.held_on DESC, s.id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        let status: SessionStatus = columns::code(r, 6)?;
        Ok(SessionRow {
            id: r.get(0)?,
            number: session_number(r.get(2)?, r.get(1)?),
            held_on: r.get(3)?,
            start_time: r.get(4)?,
            place: r.get(5)?,
            status,
            status_label: status.label().to_owned(),
            case_items: r.get(7)?,
            decided_items: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The voting seats on a day: members (not deputies, not advisory) in office then.
pub(crate) fn seats_on(conn: &Connection, day: NaiveDate) -> Result<Vec<(u32, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, term_from, term_to FROM members WHERE kind = ?1 ORDER BY name, id",
    )?;
    let rows = stmt.query_map([MemberKind::Mitglied.code()], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<NaiveDate>>(2)?,
            r.get::<_, Option<NaiveDate>>(3)?,
        ))
    })?;
    let mut seats = Vec::new();
    for row in rows {
        let (id, name, from, to) = row?;
        if in_term(from, to, day) {
            seats.push((id, name));
        }
    }
    Ok(seats)
}

/// The recorded attendance: seat → (attendance, deputy).
pub(crate) fn attendance_of(
    conn: &Connection,
    session_id: u32,
) -> Result<HashMap<u32, (Attendance, Option<u32>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, attendance, deputy_id FROM attendance WHERE session_id = ?1",
    )?;
    let rows = stmt.query_map([session_id], |r| {
        Ok((r.get::<_, u32>(0)?, (columns::code(r, 1)?, r.get(2)?)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The quorum from the recorded attendance.
pub(crate) fn quorum_of(conn: &Connection, session: &SessionRef) -> Result<(Quorum, Vec<u32>)> {
    let seats = seats_on(conn, session.held_on)?;
    let attendance = attendance_of(conn, session.id)?;
    let present: Vec<u32> = seats
        .iter()
        .filter(|(id, _)| {
            matches!(
                attendance.get(id),
                Some((Attendance::Anwesend | Attendance::Vertreten, _))
            )
        })
        .map(|(id, _)| *id)
        .collect();
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok((quorum(count(seats.len()), count(present.len())), present))
}

fn seat_views(conn: &Connection, session: &SessionRef) -> Result<Vec<SeatView>> {
    let attendance = attendance_of(conn, session.id)?;
    let register = members::members(conn)?;
    let mut views = Vec::new();
    for (member_id, name) in seats_on(conn, session.held_on)? {
        let member = register.iter().find(|m| m.id == member_id);
        let deputies: Vec<Choice> = register
            .iter()
            .filter(|m| m.deputy_of == Some(member_id))
            .map(|m| Choice {
                value: m.id.to_string(),
                label: m.name.clone(),
            })
            .collect();
        let (state, deputy_id) = match attendance.get(&member_id) {
            Some((a, d)) => (Some(*a), *d),
            None => (None, None),
        };
        let sitting = match state {
            Some(Attendance::Anwesend) => Some(name.clone()),
            Some(Attendance::Vertreten) => deputy_id.and_then(|d| {
                register
                    .iter()
                    .find(|m| m.id == d)
                    .map(|m| format!("{} (Stellvertretung)", m.name))
            }),
            _ => None,
        };
        views.push(SeatView {
            member_id,
            organisation_name: member.and_then(|m| m.organisation_name.clone()),
            name,
            deputies,
            attendance: state,
            deputy_id,
            sitting,
        });
    }
    Ok(views)
}

fn ballots_of(conn: &Connection, item_id: u32) -> Result<Vec<Ballot>> {
    let mut ballots: Vec<Ballot> = Vec::new();
    let mut stmt = conn.prepare_cached("SELECT member_id FROM recusals WHERE item_id = ?1")?;
    for id in stmt.query_map([item_id], |r| r.get::<_, u32>(0))? {
        ballots.push(Ballot {
            member_id: id?,
            recused: true,
            vote: None,
        });
    }
    let mut stmt = conn.prepare_cached("SELECT member_id, vote FROM votes WHERE item_id = ?1")?;
    let rows = stmt.query_map([item_id], |r| {
        Ok(Ballot {
            member_id: r.get(0)?,
            recused: false,
            vote: Some(columns::code::<Vote>(r, 1)?),
        })
    })?;
    for b in rows {
        ballots.push(b?);
    }
    ballots.sort_by_key(|b| b.member_id);
    Ok(ballots)
}

pub(crate) fn items(conn: &Connection, session: &SessionRef) -> Result<Vec<AgendaItemView>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.number, i.kind, i.case_id, c.number, c.status, c.display_name, i.title,
                (SELECT count(*) FROM persons p WHERE p.case_id = c.id),
                (SELECT p.nationality FROM persons p WHERE p.case_id = c.id
                  ORDER BY p.family_role != 'hauptperson', p.position LIMIT 1),
                b.name, i.rapporteur_id, r.name, i.outcome, i.reasons, i.yes, i.no, i.abstain, i.needed,
                i.late
         FROM agenda_items i
         LEFT JOIN cases c ON c.id = i.case_id
         LEFT JOIN members b ON b.id = c.brought_by
         LEFT JOIN members r ON r.id = i.rapporteur_id
         WHERE i.session_id = ?1 ORDER BY i.position, i.id",
    )?;
    let mut rows = stmt.query([session.id])?;
    let mut raw = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: ItemKind = columns::code(r, 2)?;
        let case_status: Option<CaseStatus> = columns::optional_code(r, 5)?;
        let outcome: Option<Outcome> = columns::optional_code(r, 13)?;
        let nationality: Option<String> = r.get(9)?;
        let title = match kind {
            ItemKind::Fall => r.get::<_, Option<String>>(6)?.unwrap_or_default(),
            ItemKind::Frei => r.get::<_, Option<String>>(7)?.unwrap_or_default(),
        };
        raw.push((
            (r.get::<_, Option<u32>>(1)?, r.get::<_, bool>(19)?),
            AgendaItemView {
                id: r.get(0)?,
                label: String::new(),
                number: 0,
                late: false,
                kind,
                case_id: r.get(3)?,
                case_number: r.get(4)?,
                case_status_label: case_status.map(|s| s.label().to_owned()),
                title,
                persons: r.get(8)?,
                nationality_name: nationality
                    .and_then(|c| crate::domain::countries::name(&c).map(str::to_owned)),
                brought_by_name: r.get(10)?,
                rapporteur_id: r.get(11)?,
                rapporteur_name: r.get(12)?,
                outcome,
                outcome_label: outcome.map(|o| o.label().to_owned()),
                reasons: r.get(14)?,
                yes: r.get(15)?,
                no: r.get(16)?,
                abstain: r.get(17)?,
                needed: r.get(18)?,
                ballots: Vec::new(),
            },
        ));
    }
    // Planned: the order numbers the items. Called: each keeps its stored number, and the
    // ones added afterwards are marked late.
    let frozen: Vec<Option<u32>> = raw.iter().map(|((n, _), _)| *n).collect();
    let mut numbers = number_items(session.status, &frozen);
    if session.status.numbers_frozen() {
        for (n, ((stored, late), _)) in numbers.iter_mut().zip(&raw) {
            if stored.is_some() {
                n.late = *late;
            }
        }
    }
    let mut views = Vec::new();
    for ((_, mut view), n) in raw.into_iter().zip(numbers) {
        view.number = n.number;
        view.late = n.late;
        view.label = item_label(n);
        view.ballots = ballots_of(conn, view.id)?;
        views.push(view);
    }
    Ok(views)
}

fn schedulable(conn: &Connection) -> Result<Vec<SchedulableCase>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.number, c.display_name, c.brought_by, m.name
         FROM cases c JOIN members m ON m.id = c.brought_by
         WHERE c.status = ?1 ORDER BY c.year, c.seq",
    )?;
    let rows = stmt.query_map([CaseStatus::Angenommen.code()], |r| {
        Ok(SchedulableCase {
            id: r.get(0)?,
            number: r.get(1)?,
            display_name: r.get(2)?,
            brought_by: r.get(3)?,
            brought_by_name: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn detail(conn: &Connection, id: u32) -> Result<SessionDetail> {
    let session = session_ref(conn, id)?;
    let (start_time, place, convened_on, minutes_approved_on): (
        String,
        String,
        Option<NaiveDate>,
        Option<NaiveDate>,
    ) = conn.query_row(
        "SELECT start_time, place, convened_on, minutes_approved_on FROM sessions WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let attendance_recorded: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM attendance WHERE session_id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    let rule = settings::majority_rule(conn)?;
    let (quorum, _) = quorum_of(conn, &session)?;
    Ok(SessionDetail {
        id,
        number: session.number.clone(),
        held_on: session.held_on,
        draft: SessionDraft {
            held_on: as_typed(Some(session.held_on)),
            start_time: start_time.clone(),
            place: place.clone(),
        },
        start_time,
        place,
        status: session.status,
        status_label: session.status.label().to_owned(),
        next_status: session.status.next().map(|s| Choice {
            value: s.code().to_owned(),
            label: s.label().to_owned(),
        }),
        convened_on,
        minutes_approved_on,
        items: items(conn, &session)?,
        seats: seat_views(conn, &session)?,
        attendance_recorded,
        quorum,
        majority_rule: rule,
        majority_rule_label: rule.label().to_owned(),
        schedulable: if session.status.agenda_open() {
            schedulable(conn)?
        } else {
            Vec::new()
        },
        outcomes: Outcome::choices(),
        votes: Vote::choices(),
    })
}

impl CaseFile {
    pub fn list_sessions(&self) -> Result<Vec<SessionRow>> {
        list(self.conn())
    }

    /// The id of the session with this number ("3/2026").
    pub fn find_session(&self, number: &str) -> Result<u32> {
        let not_found = || Error::NotFound {
            what: format!("Die Sitzung {}", number.trim()),
        };
        let (seq, year) = number.trim().split_once('/').ok_or_else(not_found)?;
        let (seq, year): (u32, i32) = (
            seq.trim().parse().map_err(|_| not_found())?,
            year.trim().parse().map_err(|_| not_found())?,
        );
        self.conn()
            .query_row(
                "SELECT id FROM sessions WHERE year = ?1 AND seq = ?2",
                params![year, seq],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(not_found)
    }

    pub fn session(&self, id: u32) -> Result<SessionDetail> {
        detail(self.conn(), id)
    }

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
            record_session_change(tx, user, &session, "create", None, Some(audit::fields(draft)?))?;
            Ok(id)
        })?;
        detail(self.conn(), id)
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
            let before = detail(tx, id)?.draft;
            tx.execute(
                "UPDATE sessions SET held_on = ?2, start_time = ?3, place = ?4 WHERE id = ?1",
                params![id, f.held_on, hhmm(f.start_time), f.place],
            )?;
            record_session_change(
                tx,
                user,
                &session,
                "update",
                Some(audit::fields(&before)?),
                Some(audit::fields(draft)?),
            )
        })?;
        detail(self.conn(), id)
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
        let today = Local::now().date_naive();
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
                "status",
                Some(session.status.code().into()),
                Some(serde_json::json!({ "status": to.code(), "on": on })),
            )
        })?;
        detail(self.conn(), id)
    }

    /// Records who attended: one entry per voting seat (replaces what was recorded).
    pub fn record_attendance(
        &mut self,
        session_id: u32,
        entries: &[AttendanceEntry],
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
                "attendance",
                Some(audit::fields(&before)?),
                Some(audit::fields(&entries)?),
            )
        })?;
        detail(self.conn(), session_id)
    }

    /// The rule a Härtefallersuchen must meet, for this file. Verwaltung only; audited.
    pub fn set_majority_rule(&mut self, rule: MajorityRule) -> Result<()> {
        self.require_admin()?;
        self.edit(|tx, user| {
            let before = settings::majority_rule(tx)?;
            settings::set_majority_rule(tx, rule)?;
            audit::append(
                tx,
                user,
                AuditEvent {
                    entity: "settings",
                    entity_id: Some("majority_rule"),
                    action: "update",
                    before: Some(before.code().into()),
                    after: Some(rule.code().into()),
                },
            )?;
            Ok(())
        })
    }

    pub fn majority_rule(&self) -> Result<MajorityRule> {
        settings::majority_rule(self.conn())
    }
}
