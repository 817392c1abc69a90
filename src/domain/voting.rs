//! Attendance, quorum and the vote on a Härtefallersuchen. The rule that decides whether a
//! request passes is data (a setting of the file); the arithmetic lives here.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::choice::{labelled_enum, Labelled};
use crate::{Error, Result};

labelled_enum!(
    Attendance {
        /// The member is there.
        Anwesend => "anwesend",
        /// The member is away and their own deputy stands in.
        Vertreten => "vertreten durch die Stellvertretung",
        /// Neither is there.
        Abwesend => "abwesend",
    }
);

labelled_enum!(
    Vote {
        Ja => "Ja",
        Nein => "Nein",
        Enthaltung => "Enthaltung",
    }
);

labelled_enum!(
    /// What it takes for a Härtefallersuchen to pass.
    MajorityRule {
        /// Brandenburg, Saxony, Bavaria, Berlin.
        ZweiDrittelMitglieder => "Zwei Drittel der stimmberechtigten Mitglieder",
        ZweiDrittelAnwesende => "Zwei Drittel der anwesenden stimmberechtigten Mitglieder",
        /// North Rhine-Westphalia.
        EinfacheMehrheitAnwesende => "Einfache Mehrheit der anwesenden stimmberechtigten Mitglieder",
    }
);

impl MajorityRule {
    /// Brandenburg's rule, for a file that has not chosen another.
    pub const DEFAULT: MajorityRule = MajorityRule::ZweiDrittelMitglieder;
}

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

/// Whether the session can decide: at least half of the voting seats are filled, by the
/// member or their deputy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
pub struct Quorum {
    /// Voting seats (members in office on the day).
    pub seats: u32,
    /// Seats filled by the member or their deputy.
    pub present: u32,
    pub needed: u32,
    pub reached: bool,
}

pub fn quorum(seats: u32, present: u32) -> Quorum {
    let needed = seats.div_ceil(2).max(1);
    Quorum {
        seats,
        present,
        needed,
        reached: present >= needed,
    }
}

/// The count of one vote and whether the request passes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Tally {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    pub recused: u32,
    /// Seats that may vote on this item: filled and not recused.
    pub voters: u32,
    /// Yes votes the rule asks for.
    pub needed: u32,
    pub passes: bool,
    /// "6 Ja-Stimmen nötig (zwei Drittel von 8 stimmberechtigten Mitgliedern)".
    pub explanation: String,
}

/// Counts one vote. `seats` are the voting seats in office, `present` those filled, `recused`
/// those filled but biased on this item. Refuses more votes than voters.
pub fn tally(
    rule: MajorityRule,
    seats: u32,
    present: u32,
    recused: u32,
    votes: &[Vote],
) -> Result<Tally> {
    if present > seats {
        return Err(Error::invalid(
            "Anwesenheit",
            format!("{present} Anwesende bei nur {seats} stimmberechtigten Sitzen."),
        ));
    }
    if recused > present {
        return Err(Error::invalid(
            "Befangenheit",
            "Befangen sein können nur anwesende Mitglieder.",
        ));
    }
    let voters = present - recused;
    let cast = u32::try_from(votes.len()).unwrap_or(u32::MAX);
    if cast > voters {
        return Err(Error::invalid(
            "Abstimmung",
            format!(
                "{cast} Stimmen, aber nur {voters} anwesende, nicht befangene stimmberechtigte Mitglieder."
            ),
        ));
    }
    let count = |v: Vote| u32::try_from(votes.iter().filter(|x| **x == v).count()).unwrap_or(0);
    let (yes, no, abstain) = (count(Vote::Ja), count(Vote::Nein), count(Vote::Enthaltung));
    let (base, needed, of_whom) = match rule {
        MajorityRule::ZweiDrittelMitglieder => {
            let base = seats - recused;
            (base, (2 * base).div_ceil(3), "zwei Drittel von")
        }
        MajorityRule::ZweiDrittelAnwesende => {
            (voters, (2 * voters).div_ceil(3), "zwei Drittel von")
        }
        MajorityRule::EinfacheMehrheitAnwesende => {
            (voters, voters / 2 + 1, "mehr als die Hälfte von")
        }
    };
    let whom = match rule {
        MajorityRule::ZweiDrittelMitglieder => "stimmberechtigten Mitgliedern",
        _ => "anwesenden stimmberechtigten Mitgliedern",
    };
    let recusal_note = if recused > 0 {
        format!(", ohne {recused} befangene")
    } else {
        String::new()
    };
    Ok(Tally {
        yes,
        no,
        abstain,
        recused,
        voters,
        needed,
        passes: base > 0 && yes >= needed,
        explanation: format!("{needed} Ja-Stimmen nötig ({of_whom} {base} {whom}{recusal_note})"),
    })
}

/// One seat's attendance as the form submits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AttendanceEntry {
    /// The voting member whose seat this is.
    pub member_id: u32,
    pub attendance: Attendance,
    /// The deputy standing in; only with `vertreten`.
    pub deputy_id: Option<u32>,
}

/// Checks one seat's entry. `deputy_of` tells whose deputy the named person is, if anyone's.
pub fn check_attendance(
    entry: &AttendanceEntry,
    member_name: &str,
    deputy: Option<(&str, Option<u32>)>,
) -> Result<()> {
    const FIELD: &str = "Anwesenheit";
    match (entry.attendance, entry.deputy_id, deputy) {
        (Attendance::Vertreten, None, _) => Err(Error::invalid(
            FIELD,
            format!("Bitte die Stellvertretung wählen, die für {member_name} teilnimmt."),
        )),
        (Attendance::Vertreten, Some(_), Some((deputy_name, deputy_of))) => {
            if deputy_of == Some(entry.member_id) {
                Ok(())
            } else {
                Err(Error::invalid(
                    FIELD,
                    format!(
                        "{deputy_name} ist nicht die Stellvertretung von {member_name} und kann nicht für {member_name} teilnehmen."
                    ),
                ))
            }
        }
        (Attendance::Vertreten, Some(_), None) => Err(Error::invalid(
            FIELD,
            "Diese Stellvertretung gibt es nicht.",
        )),
        (_, Some(_), _) => Err(Error::invalid(
            FIELD,
            format!(
                "Die Stellvertretung nimmt nur teil, wenn {member_name} fehlt; {member_name} ist als „{}“ erfasst.",
                entry.attendance.label()
            ),
        )),
        (_, None, _) => Ok(()),
    }
}

/// One seat's part in the vote on an item, as the session-day form submits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Ballot {
    pub member_id: u32,
    /// Biased on this item: takes no part in the vote.
    pub recused: bool,
    pub vote: Option<Vote>,
}

/// Refuses a seat voting twice, or voting while recused. Returns the recused seats and the
/// votes cast.
pub fn check_ballots(
    ballots: &[Ballot],
    name_of: impl Fn(u32) -> String,
) -> Result<(Vec<u32>, Vec<Vote>)> {
    let mut seen = HashSet::new();
    let mut recused = Vec::new();
    let mut votes = Vec::new();
    for b in ballots {
        if !seen.insert(b.member_id) {
            return Err(Error::invalid(
                "Abstimmung",
                format!("{} hat bereits abgestimmt.", name_of(b.member_id)),
            ));
        }
        match (b.recused, b.vote) {
            (true, Some(_)) => {
                return Err(Error::invalid(
                    "Abstimmung",
                    format!(
                        "{} ist befangen und stimmt nicht mit ab.",
                        name_of(b.member_id)
                    ),
                ))
            }
            (true, None) => recused.push(b.member_id),
            (false, Some(v)) => votes.push(v),
            (false, None) => {}
        }
    }
    Ok((recused, votes))
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
    use Vote::*;

    fn votes(yes: usize, no: usize, abstain: usize) -> Vec<Vote> {
        let mut v = vec![Ja; yes];
        v.extend(vec![Nein; no]);
        v.extend(vec![Enthaltung; abstain]);
        v
    }

    #[test]
    fn exactly_two_thirds_of_the_members_passes() {
        let rule = MajorityRule::ZweiDrittelMitglieder;
        // Six seats: four yes is exactly two thirds.
        let t = tally(rule, 6, 6, 0, &votes(4, 2, 0)).unwrap();
        assert_eq!(t.needed, 4);
        assert!(t.passes);
        assert!(!tally(rule, 6, 6, 0, &votes(3, 3, 0)).unwrap().passes);
        // Eight seats: two thirds is 5.33, so six are needed.
        let t = tally(rule, 8, 8, 0, &votes(5, 1, 2)).unwrap();
        assert_eq!(t.needed, 6);
        assert!(!t.passes);
        assert_eq!(
            t.explanation,
            "6 Ja-Stimmen nötig (zwei Drittel von 8 stimmberechtigten Mitgliedern)"
        );
    }

    #[test]
    fn of_the_members_counts_absent_seats_against() {
        // Five of eight seats filled, all yes: 5 < 6.
        let t = tally(
            MajorityRule::ZweiDrittelMitglieder,
            8,
            5,
            0,
            &votes(5, 0, 0),
        )
        .unwrap();
        assert!(!t.passes);
        let t = tally(MajorityRule::ZweiDrittelAnwesende, 8, 5, 0, &votes(4, 1, 0)).unwrap();
        assert_eq!(t.needed, 4);
        assert!(t.passes);
    }

    #[test]
    fn abstentions_count_as_present_but_not_yes() {
        let rule = MajorityRule::EinfacheMehrheitAnwesende;
        // Six present: four yes needed, abstentions do not help.
        let t = tally(rule, 8, 6, 0, &votes(3, 1, 2)).unwrap();
        assert_eq!(t.needed, 4);
        assert!(!t.passes);
        assert!(tally(rule, 8, 6, 0, &votes(4, 0, 2)).unwrap().passes);
        // Exactly half is not a majority.
        assert!(!tally(rule, 8, 4, 0, &votes(2, 2, 0)).unwrap().passes);
    }

    #[test]
    fn recusals_leave_the_base() {
        // Eight seats, two biased: two thirds of six.
        let t = tally(
            MajorityRule::ZweiDrittelMitglieder,
            8,
            8,
            2,
            &votes(4, 2, 0),
        )
        .unwrap();
        assert_eq!((t.needed, t.voters), (4, 6));
        assert!(t.passes);
        assert!(
            t.explanation.ends_with("ohne 2 befangene)"),
            "{}",
            t.explanation
        );
        let t = tally(MajorityRule::ZweiDrittelAnwesende, 8, 6, 1, &votes(4, 1, 0)).unwrap();
        assert_eq!(t.needed, 4);
        assert!(t.passes);
    }

    #[test]
    fn impossible_counts_are_refused() {
        let err = tally(
            MajorityRule::ZweiDrittelMitglieder,
            8,
            5,
            1,
            &votes(3, 2, 0),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("5 Stimmen, aber nur 4"), "{err}");
        assert!(tally(MajorityRule::ZweiDrittelMitglieder, 3, 4, 0, &[]).is_err());
        assert!(tally(MajorityRule::ZweiDrittelMitglieder, 3, 2, 3, &[]).is_err());
        // Nobody to vote: nothing passes.
        assert!(
            !tally(MajorityRule::ZweiDrittelAnwesende, 3, 0, 0, &[])
                .unwrap()
                .passes
        );
    }

    #[test]
    fn quorum_is_half_the_seats() {
        assert!(quorum(8, 4).reached);
        assert!(!quorum(8, 3).reached);
        assert_eq!(quorum(7, 4).needed, 4);
        assert!(!quorum(0, 0).reached);
    }

    #[test]
    fn deputies_stand_in_only_for_their_own_absent_member() {
        let entry = |attendance, deputy_id| AttendanceEntry {
            member_id: 1,
            attendance,
            deputy_id,
        };
        assert!(check_attendance(&entry(Attendance::Anwesend, None), "Anna", None).is_ok());
        assert!(check_attendance(
            &entry(Attendance::Vertreten, Some(5)),
            "Anna",
            Some(("Berta", Some(1)))
        )
        .is_ok());
        let err = check_attendance(
            &entry(Attendance::Vertreten, Some(6)),
            "Anna",
            Some(("Carla", Some(2))),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("Carla ist nicht die Stellvertretung von Anna"),
            "{err}"
        );
        let err = check_attendance(
            &entry(Attendance::Anwesend, Some(5)),
            "Anna",
            Some(("Berta", Some(1))),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("nur teil, wenn Anna fehlt"), "{err}");
        assert!(check_attendance(&entry(Attendance::Vertreten, None), "Anna", None).is_err());
    }

    #[test]
    fn a_seat_votes_once_and_not_when_recused() {
        let name = |id: u32| format!("Mitglied {id}");
        let ballot = |member_id, recused, vote| Ballot {
            member_id,
            recused,
            vote,
        };
        let (recused, cast) = check_ballots(
            &[
                ballot(1, false, Some(Ja)),
                ballot(2, true, None),
                ballot(3, false, None),
            ],
            name,
        )
        .unwrap();
        assert_eq!((recused, cast), (vec![2], vec![Ja]));
        let err = check_ballots(
            &[ballot(1, false, Some(Ja)), ballot(1, false, Some(Nein))],
            name,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("Mitglied 1 hat bereits abgestimmt"), "{err}");
        let err = check_ballots(&[ballot(2, true, Some(Nein))], name)
            .unwrap_err()
            .to_string();
        assert!(err.contains("befangen"), "{err}");
    }

    #[test]
    fn the_outcome_must_match_the_vote() {
        let q = quorum(3, 3);
        let rule = MajorityRule::ZweiDrittelMitglieder;
        let pass = tally(rule, 3, 3, 0, &votes(2, 1, 0)).unwrap();
        let fail = tally(rule, 3, 3, 0, &votes(1, 2, 0)).unwrap();
        let none = tally(rule, 3, 3, 0, &[]).unwrap();
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
