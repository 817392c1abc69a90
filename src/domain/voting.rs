//! The vote on a Härtefallersuchen: each seat's ballot, and whether the outcome recorded
//! matches the count. The majority rule and its arithmetic are in [`crate::domain::majority`].

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::attendance::Quorum;
use crate::domain::choice::{labelled_enum, Labelled};
use crate::domain::majority::Tally;
use crate::{Error, Result};

labelled_enum!(
    Vote {
        Ja => "Ja",
        Nein => "Nein",
        Enthaltung => "Enthaltung",
    }
);

labelled_enum!(
    /// The result of deliberating a case item.
    Outcome {
        Ersuchen => "Ersuchen beschlossen",
        KeinErsuchen => "Kein Ersuchen",
        Vertagt => "Vertagt",
        Zurueckgenommen => "Zurückgenommen",
        Erledigt => "Erledigt",
    }
);

impl Outcome {
    /// Ersuchen and kein Ersuchen are decided by vote; the others without one.
    pub fn needs_vote(self) -> bool {
        matches!(self, Outcome::Ersuchen | Outcome::KeinErsuchen)
    }
}

/// One seat's part in the vote on an item, as the session-day form submits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Ballot {
    pub member_id: u32,
    /// Biased on this item: the member takes no part in the vote.
    pub recused: bool,
    /// The member's own deputy, voting in the seat for this item instead of the recused
    /// member (where the majority rule allows it).
    pub stand_in_id: Option<u32>,
    /// The seat's vote: the member's, or the stand-in's for a recused member.
    pub vote: Option<Vote>,
}

/// The ballots of one item, checked: the recused seats (with their stand-in, if any) and
/// the votes cast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedBallots {
    pub recused: Vec<(u32, Option<u32>)>,
    pub votes: Vec<Vote>,
}

/// Refuses a seat voting twice, a recused member voting, and a stand-in for a seat that
/// is not recused.
pub fn check_ballots(
    ballots: &[Ballot],
    name_of: impl Fn(u32) -> String,
) -> Result<CheckedBallots> {
    const FIELD: &str = "Abstimmung";
    let mut seen = HashSet::new();
    let mut checked = CheckedBallots {
        recused: Vec::new(),
        votes: Vec::new(),
    };
    for b in ballots {
        if !seen.insert(b.member_id) {
            return Err(Error::invalid(
                FIELD,
                format!("{} hat bereits abgestimmt.", name_of(b.member_id)),
            ));
        }
        match (b.recused, b.stand_in_id, b.vote) {
            (true, None, Some(_)) => {
                return Err(Error::invalid(
                    FIELD,
                    format!(
                        "{} ist befangen und stimmt nicht mit ab.",
                        name_of(b.member_id)
                    ),
                ))
            }
            (false, Some(_), _) => {
                return Err(Error::invalid(
                    FIELD,
                    format!(
                        "Die Stellvertretung stimmt nur ab, wenn {} befangen ist.",
                        name_of(b.member_id)
                    ),
                ))
            }
            (true, stand_in, vote) => {
                checked.recused.push((b.member_id, stand_in));
                checked.votes.extend(vote);
            }
            (false, None, vote) => checked.votes.extend(vote),
        }
    }
    Ok(checked)
}

/// Checks that the outcome matches the vote: an Ersuchen needs the majority, "kein Ersuchen"
/// is what a failed vote gives, and the other outcomes take no vote.
pub fn check_outcome(outcome: Outcome, tally: &Tally, quorum: &Quorum) -> Result<()> {
    const FIELD: &str = "Ergebnis";
    let cast = tally.yes + tally.no + tally.abstain;
    if !outcome.needs_vote() {
        if cast > 0 {
            return Err(Error::invalid(
                FIELD,
                format!("Bei „{}“ wird nicht abgestimmt.", outcome.label()),
            ));
        }
        return Ok(());
    }
    if !quorum.reached {
        return Err(Error::invalid(
            FIELD,
            format!(
                "Die Sitzung ist nicht beschlussfähig: {} von {} Sitzen besetzt, {} nötig.",
                quorum.present, quorum.seats, quorum.needed
            ),
        ));
    }
    if cast == 0 {
        return Err(Error::invalid(FIELD, "Bitte die Stimmen erfassen."));
    }
    match (outcome, tally.passes) {
        (Outcome::Ersuchen, false) => Err(Error::invalid(
            FIELD,
            format!(
                "Das Ersuchen ist nicht beschlossen: {} Ja-Stimmen, {}.",
                tally.yes, tally.explanation
            ),
        )),
        (Outcome::KeinErsuchen, true) => Err(Error::invalid(
            FIELD,
            format!(
                "Mit {} Ja-Stimmen ist das Ersuchen beschlossen ({}).",
                tally.yes, tally.explanation
            ),
        )),
        _ => Ok(()),
    }
}

labelled_enum!(
    /// What the ministry decided on a request.
    MinistryDecision {
        Anordnung => "Anordnung",
        Ablehnung => "Ablehnung",
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attendance::quorum;
    use crate::domain::majority::{tally, MajorityRule};
    use Vote::*;

    fn votes(yes: usize, no: usize, abstain: usize) -> Vec<Vote> {
        let mut v = vec![Ja; yes];
        v.extend(vec![Nein; no]);
        v.extend(vec![Enthaltung; abstain]);
        v
    }

    #[test]
    fn a_seat_votes_once_and_a_recused_member_only_through_a_stand_in() {
        let name = |id: u32| format!("Mitglied {id}");
        let ballot = |member_id, recused, stand_in_id, vote| Ballot {
            member_id,
            recused,
            stand_in_id,
            vote,
        };
        let checked = check_ballots(
            &[
                ballot(1, false, None, Some(Ja)),
                ballot(2, true, None, None),
                ballot(3, false, None, None),
                ballot(4, true, Some(14), Some(Nein)),
            ],
            name,
        )
        .unwrap();
        assert_eq!(checked.recused, vec![(2, None), (4, Some(14))]);
        assert_eq!(checked.votes, vec![Ja, Nein]);
        let err = check_ballots(
            &[
                ballot(1, false, None, Some(Ja)),
                ballot(1, false, None, Some(Nein)),
            ],
            name,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("Mitglied 1 hat bereits abgestimmt"), "{err}");
        let err = check_ballots(&[ballot(2, true, None, Some(Nein))], name)
            .unwrap_err()
            .to_string();
        assert!(err.contains("befangen"), "{err}");
        let err = check_ballots(&[ballot(2, false, Some(12), Some(Nein))], name)
            .unwrap_err()
            .to_string();
        assert!(err.contains("nur ab, wenn Mitglied 2 befangen"), "{err}");
    }

    #[test]
    fn the_outcome_must_match_the_vote() {
        let q = quorum(3, 3);
        let rule = MajorityRule::BRANDENBURG;
        let pass = tally(&rule, 3, 3, &[], &votes(2, 1, 0)).unwrap();
        let fail = tally(&rule, 3, 3, &[], &votes(1, 2, 0)).unwrap();
        let none = tally(&rule, 3, 3, &[], &[]).unwrap();
        assert!(check_outcome(Outcome::Ersuchen, &pass, &q).is_ok());
        assert!(check_outcome(Outcome::KeinErsuchen, &fail, &q).is_ok());
        assert!(check_outcome(Outcome::Ersuchen, &fail, &q)
            .unwrap_err()
            .to_string()
            .contains("nicht beschlossen"));
        assert!(check_outcome(Outcome::KeinErsuchen, &pass, &q).is_err());
        assert!(check_outcome(Outcome::Ersuchen, &none, &q).is_err());
        assert!(check_outcome(Outcome::Vertagt, &none, &q).is_ok());
        assert!(check_outcome(Outcome::Vertagt, &pass, &q).is_err());
        let err = check_outcome(Outcome::Ersuchen, &pass, &quorum(8, 3))
            .unwrap_err()
            .to_string();
        assert!(err.contains("nicht beschlussfähig"), "{err}");
    }
}
