//! The sessions of the sample cases: one on the 15th of every month (the Monday after when it
//! falls on a weekend) with each seat's attendance, members and their deputies; the quorum by
//! `attendance::quorum`. `sample_histories` puts the cases on their agendas.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use rand::rngs::StdRng;
use rand::Rng;
use rusqlite::{params, Connection, OptionalExtension};

use crate::domain::attendance::{quorum, Quorum};
use crate::domain::majority::MajorityRule;
use crate::Result;

/// A session held in the past, with the seats filled that day.
pub(super) struct Held {
    pub(super) id: i64,
    pub(super) on: NaiveDate,
    /// The seats' members who vote (their deputy sits for them when they are represented).
    pub(super) voters: Vec<u32>,
    pub(super) quorum: Quorum,
    pub(super) next_position: u32,
}

pub struct Calendar {
    pub(super) sessions: Vec<Held>,
    pub(super) rule: MajorityRule,
    pub(super) today: NaiveDate,
}

/// The 15th of the month, or the Monday after when it falls on a weekend.
fn session_day(year: i32, month: u32) -> Option<NaiveDate> {
    let day = NaiveDate::from_ymd_opt(year, month, 15)?;
    Some(match day.weekday() {
        Weekday::Sat => day + Days::new(2),
        Weekday::Sun => day + Days::new(1),
        _ => day,
    })
}

/// Voting members with the deputy of each, creating a deputy where a member has none.
fn seats(conn: &Connection, now: &str) -> Result<Vec<(u32, u32)>> {
    let members: Vec<(u32, String, Option<u32>)> = conn
        .prepare(
            "SELECT id, name, organisation_id FROM members WHERE kind = 'mitglied' ORDER BY id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut seats = Vec::new();
    for (id, name, organisation) in members {
        let deputy: Option<u32> = conn
            .query_row(
                "SELECT id FROM members WHERE kind = 'stellvertretung' AND deputy_of = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let deputy = match deputy {
            Some(d) => d,
            None => {
                conn.execute(
                    "INSERT INTO members (name, kind, organisation_id, deputy_of, created_at)
                     VALUES (?1, 'stellvertretung', ?2, ?3, ?4)",
                    params![format!("Vertretung für {name}"), organisation, id, now],
                )?;
                u32::try_from(conn.last_insert_rowid()).unwrap_or(u32::MAX)
            }
        };
        seats.push((id, deputy));
    }
    Ok(seats)
}

/// A session held on that day already in the file (an earlier run), with who voted.
fn existing(conn: &Connection, on: NaiveDate, seats: usize) -> Result<Option<Held>> {
    let Some(id) = conn
        .query_row(
            "SELECT id FROM sessions WHERE held_on = ?1
             AND status IN ('durchgefuehrt', 'niederschrift_genehmigt')",
            [on],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
    else {
        return Ok(None);
    };
    let voters: Vec<u32> = conn
        .prepare("SELECT member_id FROM attendance WHERE session_id = ?1 AND attendance != 'abwesend' ORDER BY member_id")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let next: u32 = conn.query_row(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items WHERE session_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let present = u32::try_from(voters.len()).unwrap_or(u32::MAX);
    Ok(Some(Held {
        id,
        on,
        voters,
        quorum: quorum(u32::try_from(seats).unwrap_or(u32::MAX), present),
        next_position: next,
    }))
}

/// Writes a session held on `on` with each seat's attendance.
fn hold(
    conn: &Connection,
    rng: &mut StdRng,
    (year, seq, on, approved): (i32, u32, NaiveDate, Option<NaiveDate>),
    seats: &[(u32, u32)],
    now: &str,
) -> Result<Held> {
    conn.execute(
        "INSERT INTO sessions (year, seq, held_on, start_time, place, status, convened_on, held_at,
                               minutes_approved_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, '10:00', 'Potsdam, Henning-von-Tresckow-Straße 9–13', ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            year,
            seq,
            on,
            if approved.is_some() { "niederschrift_genehmigt" } else { "durchgefuehrt" },
            on - Days::new(14),
            format!("{on}T13:00:00Z"),
            approved,
            now
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut voters = Vec::new();
    for (member, deputy) in seats {
        let (attendance, stand_in) = match rng.gen_range(0..20) {
            0 => ("abwesend", None),
            1 | 2 => ("vertreten", Some(*deputy)),
            _ => ("anwesend", None),
        };
        conn.execute(
            "INSERT INTO attendance (session_id, member_id, attendance, deputy_id) VALUES (?1, ?2, ?3, ?4)",
            params![id, member, attendance, stand_in],
        )?;
        if attendance != "abwesend" {
            voters.push(*member);
        }
    }
    let present = u32::try_from(voters.len()).unwrap_or(u32::MAX);
    Ok(Held {
        id,
        on,
        voters,
        quorum: quorum(u32::try_from(seats.len()).unwrap_or(u32::MAX), present),
        next_position: 1,
    })
}

impl Calendar {
    /// A session on the 15th of every month from `first` to the month before `today`, each
    /// with its attendance; the minutes approved when the next session was held.
    pub fn plan(
        conn: &Connection,
        rng: &mut StdRng,
        first: NaiveDate,
        today: NaiveDate,
        now: &str,
    ) -> Result<Self> {
        let seats = seats(conn, now)?;
        let rule = crate::store::settings::catalogue::majority_rule(conn)?;
        let mut sessions = Vec::new();
        let (mut year, mut month) = (first.year(), first.month());
        let mut seq_of_year = std::collections::HashMap::<i32, u32>::new();
        while let Some(on) = session_day(year, month).filter(|d| *d < today) {
            let held = match existing(conn, on, seats.len())? {
                Some(held) => held,
                None => {
                    let seq = seq_of_year.entry(year).or_insert_with(|| {
                        conn.query_row(
                            "SELECT COALESCE(MAX(seq), 0) FROM sessions WHERE year = ?1",
                            [year],
                            |r| r.get(0),
                        )
                        .unwrap_or(0)
                    });
                    *seq += 1;
                    let approved = session_day(year + i32::from(month == 12), month % 12 + 1)
                        .filter(|next| *next < today);
                    hold(conn, rng, (year, *seq, on, approved), &seats, now)?
                }
            };
            sessions.push(held);
            (year, month) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
        }
        Ok(Self {
            sessions,
            rule,
            today,
        })
    }
}
