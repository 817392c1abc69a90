//! The voting seats of a session day, the recorded attendance and the quorum.

use crate::domain::attendance::{quorum, Attendance, Quorum};
use crate::domain::choice::{Choice, Labelled};
use crate::domain::member::{in_term, MemberKind};
use crate::store::register::members::{self, Member};
use crate::store::sessions::record::SessionRef;
use crate::store::{columns, settings};
use crate::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use specta::Type;
use std::collections::HashMap;

/// A voting seat: the member in office on the session day, their deputies and attendance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct SeatView {
    pub member_id: u32,
    pub name: String,
    pub organisation_name: Option<String>,
    pub deputies: Vec<Choice>,
    /// The deputies who may vote in this seat on an item where the member is recused: the
    /// member's own deputies in office, if the member sits and the majority rule allows it.
    pub stand_ins: Vec<Choice>,
    pub attendance: Option<Attendance>,
    pub deputy_id: Option<u32>,
    /// Who sits in the seat today: the member, the deputy, or nobody.
    pub sitting: Option<String>,
}

/// The voting seats on a day: members (not deputies, not advisory) in office then.
pub(crate) fn seats_on(conn: &Connection, day: NaiveDate) -> Result<Vec<(u32, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, term_from, term_to FROM members WHERE kind = ?1 ORDER BY name COLLATE DIN5007, id",
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

/// The advisory members in office on a day (Integrationsbeauftragte, Leitung der
/// Geschäftsstelle), from the member register.
pub(crate) fn advisory_on(conn: &Connection, day: NaiveDate) -> Result<Vec<Member>> {
    Ok(members::members(conn, day)?
        .into_iter()
        .filter(|m| {
            matches!(
                m.kind,
                MemberKind::Integrationsbeauftragte | MemberKind::LeitungGeschaeftsstelle
            ) && in_term(m.term_from, m.term_to, day)
        })
        .collect())
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

pub(crate) fn seat_views(conn: &Connection, session: &SessionRef) -> Result<Vec<SeatView>> {
    let attendance = attendance_of(conn, session.id)?;
    let register = members::members(conn, session.held_on)?;
    let rule = settings::majority_rule(conn)?;
    let mut views = Vec::new();
    for (member_id, name) in seats_on(conn, session.held_on)? {
        let member = register.iter().find(|m| m.id == member_id);
        let own_deputies: Vec<&Member> = register
            .iter()
            .filter(|m| m.deputy_of == Some(member_id))
            .collect();
        let choice = |m: &&Member| Choice {
            value: m.id.to_string(),
            label: m.name.clone(),
        };
        let deputies: Vec<Choice> = own_deputies.iter().map(choice).collect();
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
        let stand_ins = if rule.deputy_votes_for_recused && state == Some(Attendance::Anwesend) {
            own_deputies
                .iter()
                .filter(|m| in_term(m.term_from, m.term_to, session.held_on))
                .map(choice)
                .collect()
        } else {
            Vec::new()
        };
        views.push(SeatView {
            member_id,
            stand_ins,
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

/// The members who declared bias for an item before the session, by name.
pub(crate) fn declared_bias(conn: &Connection, item_id: u32) -> Result<Vec<Choice>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.name FROM advance_recusals a JOIN members m ON m.id = a.member_id
         WHERE a.item_id = ?1 ORDER BY m.name COLLATE DIN5007, m.id",
    )?;
    let rows = stmt.query_map([item_id], |r| {
        Ok(Choice {
            value: r.get::<_, u32>(0)?.to_string(),
            label: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The case items of a session each member declared bias for: (member, item).
pub(crate) fn declared_bias_in(conn: &Connection, session_id: u32) -> Result<Vec<(u32, u32)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.member_id, a.item_id FROM advance_recusals a
         JOIN agenda_items i ON i.id = a.item_id WHERE i.session_id = ?1",
    )?;
    let rows = stmt.query_map([session_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
