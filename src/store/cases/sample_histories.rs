//! The histories of the sample cases: a session every month with attendance (members, their
//! deputies standing in), each case's way through admission, the agenda, the vote and the
//! ministry's decision. Every step is checked by the workflow's own rules
//! (`CaseStatus::transition`, `attendance::quorum`, `majority::tally`, `voting::check_outcome`)
//! and written in bulk into the caller's transaction, so that 100,000 cases fill in minutes
//! and the statistics, the binder and the members' copies count real histories.

use chrono::{Days, NaiveDate};
use rand::rngs::StdRng;
use rand::Rng;
use rusqlite::{params, Connection};

use crate::domain::choice::Labelled;
use crate::domain::majority::tally;
use crate::domain::voting::{check_outcome, MinistryDecision, Outcome, Vote};
use crate::domain::workflow::CaseStatus::{self, *};
use crate::store::cases::sample_sessions::Calendar;
use crate::Result;

/// Ballots of the seats present: nearly all yes for a case the commission would support,
/// at most half for one it would not; the rest no or abstaining.
fn ballots(rng: &mut StdRng, voters: usize, support: bool) -> Vec<Vote> {
    let wanted_yes = if support {
        voters - rng.gen_range(0..=voters / 5)
    } else {
        rng.gen_range(0..=voters / 2)
    };
    (0..voters)
        .map(|i| match i {
            i if i < wanted_yes => Vote::Ja,
            i if i % 3 == 0 => Vote::Enthaltung,
            _ => Vote::Nein,
        })
        .collect()
}

/// One case's way: its status changes, and what the file records beside them.
#[derive(Default)]
pub struct Walk {
    pub steps: Vec<(Option<CaseStatus>, CaseStatus, NaiveDate)>,
    pub request_sent_on: Option<NaiveDate>,
    pub decision: Option<(MinistryDecision, NaiveDate)>,
    pub admission: Option<(bool, NaiveDate)>,
}

impl Walk {
    pub fn status(&self) -> CaseStatus {
        self.steps.last().map_or(Eingegangen, |(_, to, _)| *to)
    }

    /// Moves on by the workflow's rules when `on` is not after today; false when it is.
    fn to(&mut self, to: CaseStatus, on: NaiveDate, today: NaiveDate) -> Result<bool> {
        if on > today {
            return Ok(false);
        }
        let from = self.status();
        from.transition(to)?;
        self.steps.push((Some(from), to, on));
        Ok(true)
    }
}

fn later(rng: &mut StdRng, day: NaiveDate, from: u64, to: u64) -> NaiveDate {
    day + Days::new(rng.gen_range(from..to))
}

impl Calendar {
    /// Walks a case received on `received` to where it would be today, writing its agenda
    /// items and votes; the caller writes the status changes and the ministry's part.
    pub fn walk(
        &mut self,
        conn: &Connection,
        rng: &mut StdRng,
        case_id: i64,
        received: NaiveDate,
        rapporteur: Option<u32>,
    ) -> Result<Walk> {
        let today = self.today;
        let mut walk = Walk {
            steps: vec![(None, Eingegangen, received)],
            ..Walk::default()
        };
        let mut day = later(rng, received, 3, 30);
        if !walk.to(Vorpruefung, day, today)? {
            return Ok(walk);
        }
        day = later(rng, day, 20, 70);
        match rng.gen_range(0..100) {
            0..4 => {
                walk.to(Zurueckgenommen, day, today)?;
                return Ok(walk);
            }
            4..7 => {
                walk.to(AnderweitigErledigt, day, today)?;
                return Ok(walk);
            }
            7..22 => {
                if walk.to(NichtAngenommen, day, today)? {
                    walk.admission = Some((false, day));
                }
                return Ok(walk);
            }
            _ if walk.to(Angenommen, day, today)? => walk.admission = Some((true, day)),
            _ => return Ok(walk),
        }
        let mut postponed = 0;
        loop {
            let earliest = day + Days::new(21);
            let Some(index) = self
                .sessions
                .iter()
                .position(|s| s.on >= earliest && s.quorum.reached)
            else {
                return Ok(walk);
            };
            let on = self.sessions[index].on;
            walk.to(Terminiert, on - Days::new(14), today)?;
            let (outcome, ballots) = if postponed < 2 && rng.gen_bool(0.12) {
                postponed += 1;
                (Outcome::Vertagt, Vec::new())
            } else {
                let support = rng.gen_bool(0.72);
                self.vote(rng, index, support)
            };
            self.record(conn, index, case_id, rapporteur, outcome, &ballots)?;
            day = on;
            match outcome {
                Outcome::Vertagt => {
                    walk.to(Angenommen, on, today)?;
                }
                Outcome::KeinErsuchen => {
                    // As the session day's decision does: deliberated and closed at once.
                    walk.to(Beraten, on, today)?;
                    walk.to(Abgeschlossen, on, today)?;
                    return Ok(walk);
                }
                _ => {
                    walk.to(Beraten, on, today)?;
                    let sent = later(rng, on, 7, 30);
                    if !walk.to(BeimMinisterium, sent, today)? {
                        return Ok(walk);
                    }
                    walk.request_sent_on = Some(sent);
                    let decided = later(rng, sent, 30, 200);
                    let decision = if rng.gen_bool(0.87) {
                        MinistryDecision::Anordnung
                    } else {
                        MinistryDecision::Ablehnung
                    };
                    if walk.to(Abgeschlossen, decided, today)? {
                        walk.decision = Some((decision, decided));
                    }
                    return Ok(walk);
                }
            }
        }
    }

    /// The votes for a case the commission would support (`support`) or not; the outcome is
    /// what the majority rule makes of them.
    fn vote(&self, rng: &mut StdRng, index: usize, support: bool) -> (Outcome, Vec<Vote>) {
        let session = &self.sessions[index];
        let votes = ballots(rng, session.voters.len(), support);
        let passes = tally(
            &self.rule,
            session.quorum.seats,
            session.quorum.present,
            &[],
            &votes,
        )
        .is_ok_and(|t| t.passes);
        let outcome = if passes {
            Outcome::Ersuchen
        } else {
            Outcome::KeinErsuchen
        };
        (outcome, votes)
    }

    /// The case's item on the session's agenda with its outcome and, for a vote, each seat's
    /// ballot; checked against the rule before it is written.
    fn record(
        &mut self,
        conn: &Connection,
        index: usize,
        case_id: i64,
        rapporteur: Option<u32>,
        outcome: Outcome,
        ballots: &[Vote],
    ) -> Result<()> {
        let session = &self.sessions[index];
        let counted = tally(
            &self.rule,
            session.quorum.seats,
            session.quorum.present,
            &[],
            ballots,
        )?;
        check_outcome(outcome, &counted, &session.quorum)?;
        let votes = outcome.needs_vote().then_some((ballots, counted));
        let position = session.next_position;
        conn.execute(
            "INSERT INTO agenda_items (session_id, position, number, kind, case_id, rapporteur_id, outcome,
                                       yes, no, abstain, needed, decided_at, reasons)
             VALUES (?1, ?2, ?2, 'fall', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                session.id,
                position,
                case_id,
                rapporteur,
                outcome.code(),
                votes.as_ref().map(|(_, t)| t.yes),
                votes.as_ref().map(|(_, t)| t.no),
                votes.as_ref().map(|(_, t)| t.abstain),
                votes.as_ref().map(|(_, t)| t.needed),
                format!("{}T12:00:00Z", session.on),
                // An Ersuchen needs its reasons, as on the session day.
                (outcome == Outcome::Ersuchen).then_some(
                    "Beispielfall: Integration, Schulbesuch der Kinder und Arbeit sprechen für einen Verbleib."
                ),
            ],
        )?;
        let item = conn.last_insert_rowid();
        if let Some((ballots, _)) = votes {
            let mut insert = conn.prepare_cached(
                "INSERT INTO votes (item_id, member_id, vote) VALUES (?1, ?2, ?3)",
            )?;
            for (member, vote) in session.voters.iter().zip(ballots) {
                insert.execute(params![item, member, vote.code()])?;
            }
        }
        self.sessions[index].next_position += 1;
        Ok(())
    }
}
