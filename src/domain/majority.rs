//! What it takes for a Härtefallersuchen to pass. The rule is data (a setting of the file):
//! the majority and its base, and how a recusal (Befangenheit) is counted. The arithmetic,
//! and the sentence that explains it to the session, live here.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::choice::{labelled_enum, Labelled};
use crate::domain::voting::Vote;
use crate::domain::wording::counted;
use crate::{Error, Result};

labelled_enum!(
    /// How many yes votes, and of whom.
    Majority {
        /// Brandenburg, Saxony, Bavaria, Berlin.
        ZweiDrittelMitglieder => "Zwei Drittel der stimmberechtigten Mitglieder",
        ZweiDrittelAnwesende => "Zwei Drittel der anwesenden stimmberechtigten Mitglieder",
        /// North Rhine-Westphalia.
        EinfacheMehrheitAnwesende => "Einfache Mehrheit der anwesenden stimmberechtigten Mitglieder",
    }
);

/// The whole majority rule of a commission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct MajorityRule {
    pub majority: Majority,
    /// A recused member still counts in the base of the majority (their seat is not
    /// taken out of "the members" or "those present").
    pub recused_stay_in_base: bool,
    /// A recused member's own deputy, if present, votes in the seat for that one item.
    pub deputy_votes_for_recused: bool,
}

impl MajorityRule {
    /// Brandenburg (HFKV § 2): two thirds of the voting members; a recused member stays in
    /// the base, and their own deputy may take the seat for that item.
    pub const BRANDENBURG: MajorityRule = MajorityRule {
        majority: Majority::ZweiDrittelMitglieder,
        recused_stay_in_base: true,
        deputy_votes_for_recused: true,
    };

    /// The rule as one sentence for the session page and the minutes.
    pub fn describe(&self) -> String {
        let base = if self.recused_stay_in_base {
            "Befangene zählen mit"
        } else {
            "Befangene zählen nicht mit"
        };
        let deputy = if self.deputy_votes_for_recused {
            "ihre Stellvertretung darf für den Punkt abstimmen"
        } else {
            "ihre Stellvertretung stimmt nicht für sie ab"
        };
        format!("{}; {base}, {deputy}", self.majority.label())
    }
}

impl Default for MajorityRule {
    fn default() -> Self {
        Self::BRANDENBURG
    }
}

/// A seat recused on one item, and the deputy voting in it instead, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recusal {
    pub member: String,
    pub stand_in: Option<String>,
}

/// The count of one vote and whether the request passes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Tally {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    pub recused: u32,
    /// Seats that may vote on this item: filled, and not recused or taken by the deputy.
    pub voters: u32,
    /// Yes votes the rule asks for.
    pub needed: u32,
    pub passes: bool,
    /// "6 Ja-Stimmen nötig (zwei Drittel von 8 stimmberechtigten Mitgliedern; 1 befangen:
    /// Anna Muster, vertreten durch Berta Beispiel)".
    pub explanation: String,
}

/// Counts one vote. `seats` are the voting seats in office, `present` those filled,
/// `recusals` the filled seats biased on this item. Refuses more votes than voters and a
/// deputy voting where the rule does not allow it.
pub fn tally(
    rule: &MajorityRule,
    seats: u32,
    present: u32,
    recusals: &[Recusal],
    votes: &[Vote],
) -> Result<Tally> {
    if present > seats {
        return Err(Error::invalid(
            "Anwesenheit",
            format!("{present} Anwesende bei nur {seats} stimmberechtigten Sitzen."),
        ));
    }
    let recused = u32::try_from(recusals.len()).unwrap_or(u32::MAX);
    if recused > present {
        return Err(Error::invalid(
            "Befangenheit",
            "Befangen sein können nur anwesende Mitglieder.",
        ));
    }
    if !rule.deputy_votes_for_recused {
        if let Some(r) = recusals.iter().find(|r| r.stand_in.is_some()) {
            return Err(Error::invalid(
                "Abstimmung",
                format!(
                    "Nach der geltenden Mehrheitsregel stimmt die Stellvertretung nicht für das befangene Mitglied {} ab.",
                    r.member
                ),
            ));
        }
    }
    let vacant =
        u32::try_from(recusals.iter().filter(|r| r.stand_in.is_none()).count()).unwrap_or(u32::MAX);
    let voters = present - vacant;
    let cast = u32::try_from(votes.len()).unwrap_or(u32::MAX);
    if cast > voters {
        return Err(Error::invalid(
            "Abstimmung",
            format!(
                "{}, aber nur {voters} stimmberechtigte Sitze, die abstimmen dürfen.",
                counted(cast, "Stimme", "Stimmen")
            ),
        ));
    }
    let count = |v: Vote| u32::try_from(votes.iter().filter(|x| **x == v).count()).unwrap_or(0);
    let (yes, no, abstain) = (count(Vote::Ja), count(Vote::Nein), count(Vote::Enthaltung));
    let left_out = if rule.recused_stay_in_base { 0 } else { vacant };
    let (base, whom) = match rule.majority {
        Majority::ZweiDrittelMitglieder => (seats - left_out, "stimmberechtigten Mitgliedern"),
        _ => (
            present - left_out,
            "anwesenden stimmberechtigten Mitgliedern",
        ),
    };
    let (needed, of_whom) = match rule.majority {
        Majority::EinfacheMehrheitAnwesende => (base / 2 + 1, "mehr als die Hälfte von"),
        _ => ((2 * base).div_ceil(3), "zwei Drittel von"),
    };
    Ok(Tally {
        yes,
        no,
        abstain,
        recused,
        voters,
        needed,
        passes: base > 0 && yes >= needed,
        explanation: format!(
            "{} nötig ({of_whom} {base} {whom}{})",
            counted(needed, "Ja-Stimme", "Ja-Stimmen"),
            recusal_note(rule, recusals)
        ),
    })
}

/// "; 1 befangen: Anna Muster, vertreten durch Berta Beispiel" or "…, zählt mit".
fn recusal_note(rule: &MajorityRule, recusals: &[Recusal]) -> String {
    if recusals.is_empty() {
        return String::new();
    }
    let each: Vec<String> = recusals
        .iter()
        .map(|r| match (&r.stand_in, rule.recused_stay_in_base) {
            (Some(deputy), _) => format!("{}, vertreten durch {deputy}", r.member),
            (None, true) => format!("{}, zählt mit", r.member),
            (None, false) => format!("{}, nicht mitgezählt", r.member),
        })
        .collect();
    format!("; {} befangen: {}", recusals.len(), each.join("; "))
}

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

    fn rule(majority: Majority, stay: bool, deputy: bool) -> MajorityRule {
        MajorityRule {
            majority,
            recused_stay_in_base: stay,
            deputy_votes_for_recused: deputy,
        }
    }

    fn recused(n: usize, with_deputy: usize) -> Vec<Recusal> {
        (0..n)
            .map(|i| Recusal {
                member: format!("M{i}"),
                stand_in: (i < with_deputy).then(|| format!("S{i}")),
            })
            .collect()
    }

    #[test]
    fn exactly_two_thirds_of_the_members_passes() {
        let r = MajorityRule::BRANDENBURG;
        let t = tally(&r, 6, 6, &[], &votes(4, 2, 0)).unwrap();
        assert_eq!(t.needed, 4);
        assert!(t.passes);
        assert!(!tally(&r, 6, 6, &[], &votes(3, 3, 0)).unwrap().passes);
        let t = tally(&r, 8, 8, &[], &votes(5, 1, 2)).unwrap();
        assert_eq!(t.needed, 6);
        assert!(!t.passes);
        assert_eq!(
            t.explanation,
            "6 Ja-Stimmen nötig (zwei Drittel von 8 stimmberechtigten Mitgliedern)"
        );
    }

    /// The majority over seats, recusals, deputies and each state's rule. Columns: rule,
    /// seats, present, recused (of them with a deputy voting), yes/no/abstain → needed, passes.
    #[test]
    fn the_majority_table() {
        use Majority::*;
        let bb = MajorityRule::BRANDENBURG;
        let leave = rule(ZweiDrittelMitglieder, false, false);
        let stay_no_deputy = rule(ZweiDrittelMitglieder, true, false);
        let by = rule(ZweiDrittelAnwesende, true, true);
        let by_leave = rule(ZweiDrittelAnwesende, false, false);
        let nw = rule(EinfacheMehrheitAnwesende, true, false);
        let nw_leave = rule(EinfacheMehrheitAnwesende, false, false);
        type Row = (
            MajorityRule,
            u32,
            u32,
            (usize, usize),
            (usize, usize, usize),
            u32,
            bool,
        );
        #[rustfmt::skip]
        let table: &[Row] = &[
            // Brandenburg: 8 seats, one recused and not replaced: still 6 of 8.
            (bb, 8, 8, (1, 0), (5, 2, 0), 6, false),
            (bb, 8, 8, (1, 0), (6, 1, 0), 6, true),
            // ... the deputy votes in the seat: the sixth yes can be theirs.
            (bb, 8, 8, (1, 1), (6, 2, 0), 6, true),
            (bb, 8, 8, (2, 1), (5, 2, 0), 6, false),
            // Absent seats count against under "of the members".
            (bb, 8, 5, (0, 0), (5, 0, 0), 6, false),
            // The old reading: the recused seat leaves the base (two thirds of 7 = 5).
            (leave, 8, 8, (1, 0), (5, 2, 0), 5, true),
            (leave, 8, 8, (2, 0), (4, 2, 0), 4, true),
            (stay_no_deputy, 8, 8, (1, 0), (5, 2, 0), 6, false),
            // Two thirds of those present (Bavaria's reading).
            (by, 8, 6, (0, 0), (4, 2, 0), 4, true),
            (by, 8, 6, (1, 0), (3, 2, 0), 4, false),
            (by_leave, 8, 6, (1, 0), (4, 1, 0), 4, true),
            (by_leave, 8, 6, (1, 0), (3, 2, 0), 4, false),
            // Simple majority of those present (North Rhine-Westphalia).
            (nw, 8, 6, (0, 0), (4, 0, 2), 4, true),
            (nw, 8, 6, (0, 0), (3, 1, 2), 4, false),
            (nw, 8, 4, (0, 0), (2, 2, 0), 3, false),
            (nw, 8, 6, (2, 0), (3, 1, 0), 4, false),
            (nw_leave, 8, 6, (2, 0), (3, 1, 0), 3, true),
        ];
        for (i, &(r, seats, present, (rec, dep), (y, n, a), needed, passes)) in
            table.iter().enumerate()
        {
            let t = tally(&r, seats, present, &recused(rec, dep), &votes(y, n, a)).unwrap();
            assert_eq!(
                (t.needed, t.passes),
                (needed, passes),
                "row {i}: {}",
                t.explanation
            );
        }
    }

    #[test]
    fn the_explanation_states_the_rule_and_the_recusal() {
        let bb = MajorityRule::BRANDENBURG;
        let t = tally(&bb, 8, 8, &recused(1, 1), &votes(6, 1, 0)).unwrap();
        assert_eq!(
            t.explanation,
            "6 Ja-Stimmen nötig (zwei Drittel von 8 stimmberechtigten Mitgliedern; 1 befangen: M0, vertreten durch S0)"
        );
        let t = tally(&bb, 8, 8, &recused(1, 0), &votes(5, 1, 0)).unwrap();
        assert!(
            t.explanation.ends_with("1 befangen: M0, zählt mit)"),
            "{}",
            t.explanation
        );
        let t = tally(&bb, 3, 3, &[], &votes(2, 0, 0)).unwrap();
        assert!(
            t.explanation.starts_with("2 Ja-Stimmen"),
            "{}",
            t.explanation
        );
        let nw = rule(Majority::EinfacheMehrheitAnwesende, true, false);
        let t = tally(&nw, 3, 1, &[], &votes(1, 0, 0)).unwrap();
        assert!(
            t.explanation.starts_with("1 Ja-Stimme nötig"),
            "{}",
            t.explanation
        );
        assert!(bb.describe().contains("Befangene zählen mit"));
    }

    #[test]
    fn impossible_counts_are_refused() {
        let bb = MajorityRule::BRANDENBURG;
        let err = tally(&bb, 8, 5, &recused(1, 0), &votes(3, 2, 0))
            .unwrap_err()
            .to_string();
        assert!(err.contains("5 Stimmen, aber nur 4"), "{err}");
        // A deputy voting for a recused member fills the seat again.
        assert!(tally(&bb, 8, 5, &recused(1, 1), &votes(3, 2, 0)).is_ok());
        assert!(tally(&bb, 3, 4, &[], &[]).is_err());
        assert!(tally(&bb, 3, 2, &recused(3, 0), &[]).is_err());
        let no_deputy = rule(Majority::ZweiDrittelMitglieder, true, false);
        let err = tally(&no_deputy, 8, 8, &recused(1, 1), &votes(6, 0, 0))
            .unwrap_err()
            .to_string();
        assert!(err.contains("stimmt die Stellvertretung nicht"), "{err}");
        let anwesende = rule(Majority::ZweiDrittelAnwesende, true, true);
        assert!(!tally(&anwesende, 3, 0, &[], &[]).unwrap().passes);
    }
}
