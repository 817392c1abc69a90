//! The workflow of a hardship case as a state machine.
//!
//! ```text
//! eingegangen → vorpruefung → nicht_angenommen (ends the case)
//!                           → angenommen → terminiert → beraten → beim_ministerium → abgeschlossen
//!                                 ↑            │           └──────────────────────→ abgeschlossen
//!                                 └────────────┘ (vertagt / von der Tagesordnung genommen)
//! zurueckgenommen and anderweitig_erledigt end any open case.
//! ```

use crate::domain::choice::{labelled_enum, Labelled};
use crate::{Error, Result};

labelled_enum!(
    CaseStatus {
        /// Received by the secretariat.
        Eingegangen => "Eingegangen",
        /// Admissibility check (Vorprüfung) under way.
        Vorpruefung => "In Vorprüfung",
        /// Excluded at the admissibility check; ends the case.
        NichtAngenommen => "Nicht angenommen",
        /// Admitted; waits for a session.
        Angenommen => "Angenommen",
        /// On the agenda of a session.
        Terminiert => "Terminiert",
        /// Deliberated; the commission decided to send a request (Ersuchen) or not.
        Beraten => "Beraten",
        /// The request lies with the ministry.
        BeimMinisterium => "Beim Ministerium",
        /// Closed with its final outcome.
        Abgeschlossen => "Abgeschlossen",
        /// Withdrawn by the member who brought it in.
        Zurueckgenommen => "Zurückgenommen",
        /// Resolved otherwise, e.g. a permit on another legal basis.
        AnderweitigErledigt => "Anderweitig erledigt",
    }
);

use CaseStatus::*;

pub const ALL: [CaseStatus; 10] = [
    Eingegangen,
    Vorpruefung,
    NichtAngenommen,
    Angenommen,
    Terminiert,
    Beraten,
    BeimMinisterium,
    Abgeschlossen,
    Zurueckgenommen,
    AnderweitigErledigt,
];

impl CaseStatus {
    /// Whether the admissibility check (Vorprüfung) may be recorded: received or in the check.
    pub fn awaits_admissibility(self) -> bool {
        matches!(self, Eingegangen | Vorpruefung)
    }

    /// Whether the case has ended; an ended case changes no further.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            NichtAngenommen | Abgeschlossen | Zurueckgenommen | AnderweitigErledigt
        )
    }

    /// The statuses this one may move to, in the order the UI offers them.
    pub fn allowed_next(self) -> &'static [CaseStatus] {
        match self {
            Eingegangen => &[Vorpruefung, Zurueckgenommen, AnderweitigErledigt],
            Vorpruefung => &[
                Angenommen,
                NichtAngenommen,
                Zurueckgenommen,
                AnderweitigErledigt,
            ],
            Angenommen => &[Terminiert, Zurueckgenommen, AnderweitigErledigt],
            Terminiert => &[Beraten, Angenommen, Zurueckgenommen, AnderweitigErledigt],
            Beraten => &[
                BeimMinisterium,
                Abgeschlossen,
                Zurueckgenommen,
                AnderweitigErledigt,
            ],
            BeimMinisterium => &[Abgeschlossen, Zurueckgenommen, AnderweitigErledigt],
            NichtAngenommen | Abgeschlossen | Zurueckgenommen | AnderweitigErledigt => &[],
        }
    }

    /// The moves a user makes by hand on the case page. Admission and exclusion are recorded
    /// through the admissibility check (Vorprüfung), and scheduling, deliberation and the
    /// ministry through the session cycle, so the page never offers them as bare moves.
    /// A scheduled case is withdrawn or resolved at its session (outcome "zurückgenommen" or
    /// "erledigt") or taken off the agenda first, so its agenda item never dangles.
    pub fn manual_next(self) -> Vec<CaseStatus> {
        if self == Terminiert {
            return Vec::new();
        }
        self.allowed_next()
            .iter()
            .copied()
            .filter(|s| matches!(s, Vorpruefung | Zurueckgenommen | AnderweitigErledigt))
            .collect()
    }

    /// Whether a move to this status must give its reason.
    pub fn needs_reason(self) -> bool {
        matches!(
            self,
            NichtAngenommen | Zurueckgenommen | AnderweitigErledigt
        )
    }

    /// Checks a move; the error names the moves that are allowed.
    pub fn transition(self, to: CaseStatus) -> Result<CaseStatus> {
        if self.allowed_next().contains(&to) {
            return Ok(to);
        }
        let allowed = self.allowed_next();
        let message = if allowed.is_empty() {
            format!(
                "Der Fall ist „{}“ und damit beendet; sein Stand ändert sich nicht mehr.",
                self.label()
            )
        } else {
            let names: Vec<String> = allowed.iter().map(|s| format!("„{}“", s.label())).collect();
            format!(
                "Von „{}“ ist kein Wechsel zu „{}“ möglich. Möglich ist: {}.",
                self.label(),
                to.label(),
                names.join(", ")
            )
        };
        Err(Error::invalid("Stand", message))
    }

    /// Whether a change may still be made in this status. An ended case is read-only; only
    /// what legitimately follows an end stays possible: recording the residence permits
    /// after an order, and reopening (the deletion run goes its own way).
    pub fn check_change(self, change: ChangeAfterEnd) -> Result<()> {
        if !self.is_final() || change != ChangeAfterEnd::Other {
            return Ok(());
        }
        Err(Error::invalid(
            "Fall",
            format!(
                "Der Fall ist „{}“ und damit abgeschlossen; er wird nur noch gelesen. Die Verwaltung kann ihn mit Begründung wiederaufnehmen.",
                self.label()
            ),
        ))
    }

    /// The status a reopened case returns to: the one it held before it ended.
    pub fn reopen(self, before_end: Option<CaseStatus>) -> Result<CaseStatus> {
        if !self.is_final() {
            return Err(Error::invalid(
                "Stand",
                format!("Der Fall ist „{}“ und nicht beendet.", self.label()),
            ));
        }
        match before_end {
            Some(previous) if !previous.is_final() => Ok(previous),
            _ => Err(Error::invalid(
                "Stand",
                "Der Stand vor dem Abschluss ist nicht bekannt; der Fall kann nicht wiederaufgenommen werden.",
            )),
        }
    }
}

/// The changes an ended case still allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeAfterEnd {
    /// The residence permit issued after the ministry's order.
    Permit,
    /// Reopening by the Verwaltung, with a reason.
    Reopen,
    /// Anything else: refused once the case has ended.
    Other,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn an_ended_case_allows_only_permits_and_reopening() {
        for s in ALL {
            let other = s.check_change(ChangeAfterEnd::Other);
            assert_eq!(other.is_err(), s.is_final(), "{s:?}");
            assert!(s.check_change(ChangeAfterEnd::Permit).is_ok());
            assert!(s.check_change(ChangeAfterEnd::Reopen).is_ok());
        }
        let err = Abgeschlossen
            .check_change(ChangeAfterEnd::Other)
            .unwrap_err();
        assert!(err.to_string().contains("wiederaufnehmen"), "{err}");
    }

    #[test]
    fn a_reopened_case_returns_to_where_it_was_before_the_end() {
        assert_eq!(
            Abgeschlossen.reopen(Some(BeimMinisterium)).unwrap(),
            BeimMinisterium
        );
        assert_eq!(
            NichtAngenommen.reopen(Some(Vorpruefung)).unwrap(),
            Vorpruefung
        );
        assert!(Beraten.reopen(Some(Angenommen)).is_err(), "not ended");
        assert!(Zurueckgenommen.reopen(None).is_err());
        assert!(Abgeschlossen.reopen(Some(Zurueckgenommen)).is_err());
    }

    #[test]
    fn the_regular_path_runs_from_receipt_to_closing() {
        let mut s = Eingegangen;
        for next in [
            Vorpruefung,
            Angenommen,
            Terminiert,
            Beraten,
            BeimMinisterium,
            Abgeschlossen,
        ] {
            s = s.transition(next).unwrap();
        }
        assert!(s.is_final());
    }

    #[test]
    fn a_postponed_case_returns_to_admitted() {
        assert_eq!(Terminiert.transition(Angenommen).unwrap(), Angenommen);
    }

    #[test]
    fn withdrawal_and_resolution_end_every_open_case() {
        for s in ALL.into_iter().filter(|s| !s.is_final()) {
            assert_eq!(s.transition(Zurueckgenommen).unwrap(), Zurueckgenommen);
            assert_eq!(
                s.transition(AnderweitigErledigt).unwrap(),
                AnderweitigErledigt
            );
        }
    }

    #[test]
    fn an_invalid_move_names_the_allowed_ones() {
        let err = Eingegangen.transition(Terminiert).unwrap_err().to_string();
        assert_eq!(
            err,
            "Stand: Von „Eingegangen“ ist kein Wechsel zu „Terminiert“ möglich. \
             Möglich ist: „In Vorprüfung“, „Zurückgenommen“, „Anderweitig erledigt“."
        );
        let err = Abgeschlossen
            .transition(Angenommen)
            .unwrap_err()
            .to_string();
        assert!(err.contains("beendet"), "{err}");
    }

    #[test]
    fn final_statuses_have_no_way_out_and_open_ones_always_have_one() {
        for s in ALL {
            assert_eq!(s.is_final(), s.allowed_next().is_empty(), "{s:?}");
        }
    }

    #[test]
    fn every_status_is_reachable_from_receipt() {
        let mut seen = vec![Eingegangen];
        let mut i = 0;
        while i < seen.len() {
            for next in seen[i].allowed_next() {
                if !seen.contains(next) {
                    seen.push(*next);
                }
            }
            i += 1;
        }
        assert_eq!(seen.len(), ALL.len());
    }

    fn any_status() -> impl Strategy<Value = CaseStatus> {
        prop::sample::select(ALL.to_vec())
    }

    proptest! {
        /// No sequence of requested moves reaches a state outside the table: every accepted
        /// move is listed, every refused one leaves the case where it was, and nothing ever
        /// leaves a final status.
        #[test]
        fn no_sequence_of_calls_reaches_an_invalid_state(
            requests in prop::collection::vec(any_status(), 0..60)
        ) {
            let mut current = Eingegangen;
            for to in requests {
                let before = current;
                match current.transition(to) {
                    Ok(next) => {
                        prop_assert!(before.allowed_next().contains(&next));
                        prop_assert!(!before.is_final());
                        current = next;
                    }
                    Err(e) => {
                        prop_assert!(!before.allowed_next().contains(&to));
                        prop_assert_eq!(e.code(), crate::ErrorCode::InvalidInput);
                    }
                }
            }
        }
    }

    #[test]
    fn a_scheduled_case_is_not_moved_by_hand() {
        assert!(Terminiert.manual_next().is_empty());
        assert_eq!(
            Angenommen.manual_next(),
            [Zurueckgenommen, AnderweitigErledigt]
        );
    }
}
