//! The session page: the list of sessions and everything the window shows of one session.

use crate::domain::attendance::Quorum;
use crate::domain::choice::{Choice, Labelled};
use crate::domain::input::as_typed;
use crate::domain::majority::MajorityRule;
use crate::domain::member::MemberKind;
use crate::domain::session::{
    affordances, item_label, item_removable, number_items, session_number, ItemKind,
    SessionAffordances, SessionDraft, SessionStatus,
};
use crate::domain::voting::{Outcome, Vote};
use crate::domain::workflow::CaseStatus;
use crate::store::sessions::record::{session_ref, SessionRef};
use crate::store::sessions::seats::{self, advisory_on, quorum_of, seat_views, SeatView};
use crate::store::{columns, settings, CaseFile};
use crate::{Error, Result};
use chrono::{NaiveDate, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

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
    /// The main person's name in its original script, where recorded.
    pub original_name: Option<String>,
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
    /// The rule and the arithmetic applied to the vote, in words.
    pub rule_applied: Option<String>,
    /// Who was biased, and who voted in their seat, as recorded. How each seat voted is
    /// never sent: the window shows the counts, and the session day holds the ballots it is
    /// typing itself until the decision.
    pub recusals: Vec<RecusedSeat>,
    /// The members who declared bias before the session (left out of their copies).
    pub advance_recusals: Vec<Choice>,
    /// Whether the window may offer to take it off the agenda.
    pub may_remove: bool,
}

/// A seat whose member was biased for an item, and who stood in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct RecusedSeat {
    pub member_id: u32,
    pub stand_in_id: Option<u32>,
}

/// An advisory member in office on the session's day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct AdvisoryMember {
    pub member_id: u32,
    pub name: String,
    /// The name with the office, unless the name already says it.
    pub cited_as: String,
    /// The Leitung der Geschäftsstelle chairs the session.
    pub chairs: bool,
    /// Recorded as present (with the attendance).
    pub present: bool,
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
    /// The advisory members in office on the day; the Leitung der Geschäftsstelle chairs.
    pub advisory: Vec<AdvisoryMember>,
    pub attendance_recorded: bool,
    pub quorum: Quorum,
    pub majority_rule: MajorityRule,
    /// The majority rule in one sentence, recusals included.
    pub majority_rule_label: String,
    pub schedulable: Vec<SchedulableCase>,
    pub draft: SessionDraft,
    /// What the session-day form offers: the outcomes and the votes.
    pub outcomes: Vec<Choice>,
    pub votes: Vec<Choice>,
    /// What the window may offer in the session's state today.
    pub may: SessionAffordances,
}

pub(crate) fn hhmm(t: NaiveTime) -> String {
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

fn recusals_of(conn: &Connection, item_id: u32) -> Result<Vec<RecusedSeat>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, stand_in_id FROM recusals WHERE item_id = ?1 ORDER BY member_id",
    )?;
    let rows = stmt.query_map([item_id], |r| {
        Ok(RecusedSeat {
            member_id: r.get(0)?,
            stand_in_id: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn items(conn: &Connection, session: &SessionRef) -> Result<Vec<AgendaItemView>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.number, i.kind, i.case_id, c.number, c.status, c.display_name, i.title,
                (SELECT count(*) FROM persons p WHERE p.case_id = c.id),
                (SELECT p.nationality FROM persons p WHERE p.case_id = c.id
                  ORDER BY p.family_role != 'hauptperson', p.position LIMIT 1),
                b.name, i.rapporteur_id, r.name, i.outcome, i.reasons, i.yes, i.no, i.abstain, i.needed,
                i.late, i.rule_applied,
                (SELECT p.original_name FROM persons p WHERE p.case_id = c.id
                  ORDER BY p.family_role != 'hauptperson', p.position LIMIT 1)
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
                original_name: r.get(21)?,
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
                rule_applied: r.get(20)?,
                recusals: Vec::new(),
                advance_recusals: Vec::new(),
                may_remove: false,
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
        view.may_remove = item_removable(session.status, n.late, view.outcome.is_some());
        view.recusals = recusals_of(conn, view.id)?;
        view.advance_recusals = seats::declared_bias(conn, view.id)?;
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

pub(crate) fn detail(conn: &Connection, id: u32, today: NaiveDate) -> Result<SessionDetail> {
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
    let (attendance_recorded, decided): (bool, bool) = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM attendance WHERE session_id = ?1),
                EXISTS (SELECT 1 FROM agenda_items WHERE session_id = ?1 AND outcome IS NOT NULL)",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let rule = settings::majority_rule(conn)?;
    let (quorum, _) = quorum_of(conn, &session)?;
    let present: Vec<u32> = conn
        .prepare_cached("SELECT member_id FROM advisory_attendance WHERE session_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
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
        advisory: advisory_on(conn, session.held_on)?
            .into_iter()
            .map(|m| AdvisoryMember {
                member_id: m.id,
                present: present.contains(&m.id),
                chairs: m.kind == MemberKind::LeitungGeschaeftsstelle,
                name: m.name,
                cited_as: m.cited_as,
            })
            .collect(),
        attendance_recorded,
        quorum,
        majority_rule: rule,
        majority_rule_label: rule.describe(),
        schedulable: if session.status.agenda_open() {
            schedulable(conn)?
        } else {
            Vec::new()
        },
        outcomes: Outcome::choices(),
        votes: Vote::choices(),
        may: affordances(session.status, session.held_on, today, decided),
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
        detail(self.conn(), id, self.today())
    }
}
