//! Deciding an agenda item on the session day: the live count and the recorded decision.

use crate::domain::choice::Labelled;
use crate::domain::input::{optional_text, LONG_TEXT};
use crate::domain::majority::{tally, Recusal, Tally};
use crate::domain::session::may_decide;
use crate::domain::voting::{check_ballots, check_outcome, Ballot, Outcome};
use crate::domain::workflow::CaseStatus;
use crate::store::audit::AuditAction;
use crate::store::cases::history::{self};
use crate::store::cases::record::{case_ref, record_change};
use crate::store::sessions::page::SessionDetail;
use crate::store::sessions::record::{
    item_fields, item_ref, record_session_change, session_ref, SessionRef,
};
use crate::store::sessions::seats::{quorum_of, seat_views};
use crate::store::{settings, CaseFile};
use crate::{Error, Result};
use chrono::Utc;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use specta::Type;

/// The decision on one case item as the session-day form submits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ItemDecisionDraft {
    pub ballots: Vec<Ballot>,
    pub outcome: Option<Outcome>,
    pub reasons: String,
}

/// Counts a decision draft against the recorded attendance; refuses a seat that is not
/// present, votes twice or votes while recused, and a stand-in who is not the recused
/// member's own deputy in office.
fn count(tx: &Connection, session: &SessionRef, ballots: &[Ballot]) -> Result<Tally> {
    let (quorum, present) = quorum_of(tx, session)?;
    let seats = seat_views(tx, session)?;
    let name_of = |id: u32| {
        seats
            .iter()
            .find(|s| s.member_id == id)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| format!("Mitglied {id}"))
    };
    let checked = check_ballots(ballots, name_of)?;
    for b in ballots.iter().filter(|b| b.recused || b.vote.is_some()) {
        if !present.contains(&b.member_id) {
            return Err(Error::invalid(
                "Abstimmung",
                format!(
                    "{} ist in dieser Sitzung nicht anwesend oder vertreten.",
                    name_of(b.member_id)
                ),
            ));
        }
    }
    let rule = settings::majority_rule(tx)?;
    let mut recusals = Vec::new();
    for &(member_id, stand_in_id) in &checked.recused {
        let stand_in = match stand_in_id {
            None => None,
            Some(deputy) => {
                let offered = seats
                    .iter()
                    .find(|s| s.member_id == member_id)
                    .and_then(|s| s.stand_ins.iter().find(|c| c.value == deputy.to_string()));
                match offered {
                    Some(c) => Some(c.label.clone()),
                    // The rule allows no stand-in at all; the count says so in words.
                    None if !rule.deputy_votes_for_recused => Some(format!("Mitglied {deputy}")),
                    None => {
                        let member = name_of(member_id);
                        return Err(Error::invalid(
                            "Abstimmung",
                            format!(
                                "Für {member} kann nur die eigene Stellvertretung abstimmen, und nur wenn {member} selbst anwesend ist."
                            ),
                        ));
                    }
                }
            }
        };
        recusals.push(Recusal {
            member: name_of(member_id),
            stand_in,
        });
    }
    tally(
        &rule,
        quorum.seats,
        quorum.present,
        &recusals,
        &checked.votes,
    )
}

impl CaseFile {
    /// What the votes typed so far would give, for the session-day screen. Stores nothing.
    pub fn preview_tally(&self, item_id: u32, ballots: &[Ballot]) -> Result<Tally> {
        let conn = self.conn();
        let item = item_ref(conn, item_id)?;
        let session = session_ref(conn, item.session_id)?;
        count(conn, &session, ballots)
    }

    /// Records the deliberation of a case item: recusals, votes, outcome and reasons, and
    /// moves the case (Ersuchen: beraten; kein Ersuchen: abgeschlossen; vertagt: back to
    /// angenommen; zurückgenommen; erledigt: anderweitig erledigt).
    pub fn decide_item(
        &mut self,
        item_id: u32,
        draft: &ItemDecisionDraft,
    ) -> Result<SessionDetail> {
        self.require_editor()?;
        let today = self.today();
        let outcome = draft
            .outcome
            .ok_or_else(|| Error::invalid("Ergebnis", "Bitte das Ergebnis wählen."))?;
        let reasons = optional_text("Begründung", &draft.reasons, LONG_TEXT)?;
        if outcome == Outcome::Ersuchen && reasons.is_none() {
            return Err(Error::invalid(
                "Begründung",
                "Für ein Ersuchen bitte die Gründe eintragen; sie stehen in der Niederschrift und im Ersuchen.",
            ));
        }
        let session_id = self.edit(|tx, user| {
            let item = item_ref(tx, item_id)?;
            let session = session_ref(tx, item.session_id)?;
            may_decide(session.status, session.held_on, today)?;
            let Some(case_id) = item.case_id else {
                return Err(Error::invalid(
                    "Ergebnis",
                    "Über sonstige Punkte wird hier nicht abgestimmt.",
                ));
            };
            if item.outcome.is_some() {
                return Err(Error::invalid(
                    "Ergebnis",
                    "Über diesen Punkt ist bereits entschieden.",
                ));
            }
            let (quorum, _) = quorum_of(tx, &session)?;
            let tally = count(tx, &session, &draft.ballots)?;
            check_outcome(outcome, &tally, &quorum)?;
            for b in &draft.ballots {
                if b.recused {
                    tx.execute(
                        "INSERT INTO recusals (item_id, member_id, stand_in_id) VALUES (?1, ?2, ?3)",
                        params![item_id, b.member_id, b.stand_in_id],
                    )?;
                }
                if let Some(vote) = b.vote {
                    tx.execute(
                        "INSERT INTO votes (item_id, member_id, vote) VALUES (?1, ?2, ?3)",
                        params![item_id, b.member_id, vote.code()],
                    )?;
                }
            }
            let voted = outcome.needs_vote();
            tx.execute(
                "UPDATE agenda_items SET outcome = ?2, reasons = ?3, yes = ?4, no = ?5, abstain = ?6,
                        needed = ?7, decided_at = ?8, rule_applied = ?9 WHERE id = ?1",
                params![
                    item_id,
                    outcome.code(),
                    reasons,
                    voted.then_some(tally.yes),
                    voted.then_some(tally.no),
                    voted.then_some(tally.abstain),
                    voted.then_some(tally.needed),
                    Utc::now().to_rfc3339(),
                    voted.then_some(&tally.explanation),
                ],
            )?;
            let case = case_ref(tx, case_id)?;
            let on = session.held_on;
            let why = format!("Sitzung {}: {}", session.number, outcome.label());
            // The change is recorded against the case as it was when the session decided, so
            // a decision that ends the case is not refused as an edit of an ended case.
            match outcome {
                Outcome::Ersuchen => {
                    history::advance(tx, user, &case, CaseStatus::Beraten, on, Some(&why))?
                }
                Outcome::KeinErsuchen => {
                    let c = history::advance(
                        tx,
                        user,
                        &case,
                        CaseStatus::Beraten,
                        on,
                        Some(&why),
                    )?;
                    history::advance(
                        tx,
                        user,
                        &c,
                        CaseStatus::Abgeschlossen,
                        on,
                        Some("Kein Ersuchen"),
                    )?
                }
                Outcome::Vertagt => history::advance(
                    tx,
                    user,
                    &case,
                    CaseStatus::Angenommen,
                    on,
                    Some(&why),
                )?,
                Outcome::Zurueckgenommen => history::advance(
                    tx,
                    user,
                    &case,
                    CaseStatus::Zurueckgenommen,
                    on,
                    Some(&why),
                )?,
                Outcome::Erledigt => history::advance(
                    tx,
                    user,
                    &case,
                    CaseStatus::AnderweitigErledigt,
                    on,
                    Some(&why),
                )?,
            };
            let after = item_fields(tx, item_id)?;
            record_change(
                tx,
                user,
                &case,
                AuditAction::CaseDeliberate,
                None,
                Some(serde_json::json!({ "session": session.number, "outcome": outcome.code() })),
            )?;
            record_session_change(tx, user, &session, AuditAction::CommissionSessionItemDecide, None, Some(after))?;
            Ok(item.session_id)
        })?;
        self.session(session_id)
    }
}
