//! A listed case's way through the workflow, as far as the list tells it: received, the
//! outcome and the day of its session, and the ministry's decision. Every step is checked by
//! `CaseStatus::transition`, so an imported case stands where the workflow would have put it
//! and the statistics count it like any other.

use chrono::NaiveDate;

use crate::domain::choice::Labelled;
use crate::domain::import::values::ListOutcome;
use crate::domain::voting::{MinistryDecision, Outcome};
use crate::domain::workflow::CaseStatus::{self, *};

/// The steps and what the file records beside them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Course {
    pub steps: Vec<(Option<CaseStatus>, CaseStatus, NaiveDate)>,
    /// The deliberation: its day and outcome.
    pub hearing: Option<(NaiveDate, Outcome)>,
    /// The admissibility check: admitted or not, and when.
    pub admission: Option<(bool, NaiveDate)>,
    pub decision: Option<(MinistryDecision, NaiveDate)>,
}

impl Course {
    pub fn status(&self) -> CaseStatus {
        self.steps.last().map_or(Eingegangen, |(_, to, _)| *to)
    }

    fn to(&mut self, to: CaseStatus, on: NaiveDate) -> Result<(), String> {
        let from = self.status();
        from.transition(to).map_err(|e| e.to_string())?;
        self.steps.push((Some(from), to, on));
        Ok(())
    }
}

/// What the list says of a case after its receipt.
#[derive(Debug, Clone, Copy, Default)]
pub struct Listed {
    pub outcome: Option<ListOutcome>,
    pub session: Option<NaiveDate>,
    pub decision: Option<MinistryDecision>,
    pub decided_on: Option<NaiveDate>,
}

/// The course of a case received on `received`; the error says what in the row does not fit.
pub fn course(received: NaiveDate, listed: Listed) -> Result<Course, String> {
    let mut course = Course {
        steps: vec![(None, Eingegangen, received)],
        hearing: None,
        admission: None,
        decision: None,
    };
    if let Some(day) = listed.session.filter(|d| *d < received) {
        return Err(format!(
            "Die Sitzung ({}) liegt vor dem Eingang ({}).",
            day.format("%d.%m.%Y"),
            received.format("%d.%m.%Y")
        ));
    }
    let decision = match (listed.decision, listed.decided_on) {
        (Some(d), Some(on)) => Some((d, on)),
        (None, None) => None,
        (Some(_), None) => return Err("Die Entscheidung des Ministeriums hat kein Datum.".into()),
        (None, Some(_)) => {
            return Err("Ein Entscheidungsdatum ohne Entscheidung des Ministeriums.".into())
        }
    };
    let Some(outcome) = listed.outcome else {
        if listed.session.is_some() || decision.is_some() {
            return Err(
                "Sitzung oder Entscheidung ohne Ergebnis der Beratung: bitte das Ergebnis angeben."
                    .into(),
            );
        }
        return Ok(course);
    };
    let day = listed.session.unwrap_or(received);
    let deliberated = match outcome {
        ListOutcome::Deliberated(o) => o,
        ended => {
            if decision.is_some() {
                return Err(
                    "Eine Entscheidung des Ministeriums gibt es nur nach einem Ersuchen.".into(),
                );
            }
            let status = match ended {
                ListOutcome::NotAdmitted => {
                    course.to(Vorpruefung, received)?;
                    course.admission = Some((false, day));
                    NichtAngenommen
                }
                ListOutcome::Withdrawn => Zurueckgenommen,
                _ => AnderweitigErledigt,
            };
            course.to(status, day)?;
            return Ok(course);
        }
    };
    let Some(session) = listed.session else {
        return Err(format!(
            "Das Ergebnis „{}“ braucht den Tag der Sitzung.",
            deliberated.label()
        ));
    };
    course.to(Vorpruefung, received)?;
    course.to(Angenommen, received)?;
    course.admission = Some((true, received));
    course.to(Terminiert, session)?;
    course.hearing = Some((session, deliberated));
    match deliberated {
        Outcome::Ersuchen => {
            course.to(Beraten, session)?;
            course.to(BeimMinisterium, session)?;
            if let Some((d, on)) = decision {
                if on < session {
                    return Err(format!(
                        "Die Entscheidung des Ministeriums ({}) liegt vor der Sitzung ({}).",
                        on.format("%d.%m.%Y"),
                        session.format("%d.%m.%Y")
                    ));
                }
                course.to(Abgeschlossen, on)?;
                course.decision = Some((d, on));
            }
        }
        other if decision.is_some() => {
            return Err(format!(
                "Nach „{}“ gibt es keine Entscheidung des Ministeriums.",
                other.label()
            ));
        }
        Outcome::KeinErsuchen => {
            course.to(Beraten, session)?;
            course.to(Abgeschlossen, session)?;
        }
        _ => course.to(Angenommen, session)?,
    }
    Ok(course)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_request_with_an_order_ends_closed_with_its_days() {
        let c = course(
            d(2019, 3, 1),
            Listed {
                outcome: Some(ListOutcome::Deliberated(Outcome::Ersuchen)),
                session: Some(d(2019, 6, 12)),
                decision: Some(MinistryDecision::Anordnung),
                decided_on: Some(d(2019, 9, 2)),
            },
        )
        .unwrap();
        assert_eq!(c.status(), Abgeschlossen);
        assert_eq!(c.hearing, Some((d(2019, 6, 12), Outcome::Ersuchen)));
        assert_eq!(
            c.decision,
            Some((MinistryDecision::Anordnung, d(2019, 9, 2)))
        );
        assert_eq!(c.admission, Some((true, d(2019, 3, 1))));
        let to: Vec<_> = c.steps.iter().map(|s| s.1).collect();
        assert_eq!(
            to,
            [
                Eingegangen,
                Vorpruefung,
                Angenommen,
                Terminiert,
                Beraten,
                BeimMinisterium,
                Abgeschlossen
            ]
        );
    }

    #[test]
    fn a_request_without_a_decision_lies_with_the_ministry() {
        let listed = Listed {
            outcome: Some(ListOutcome::Deliberated(Outcome::Ersuchen)),
            session: Some(d(2020, 1, 15)),
            ..Listed::default()
        };
        assert_eq!(
            course(d(2019, 11, 1), listed).unwrap().status(),
            BeimMinisterium
        );
    }

    #[test]
    fn what_does_not_fit_is_named() {
        let received = d(2019, 3, 1);
        let no_day = Listed {
            outcome: Some(ListOutcome::Deliberated(Outcome::KeinErsuchen)),
            ..Listed::default()
        };
        assert!(course(received, no_day)
            .unwrap_err()
            .contains("braucht den Tag der Sitzung"));
        let early = Listed {
            session: Some(d(2019, 1, 1)),
            ..no_day
        };
        assert!(course(received, early)
            .unwrap_err()
            .contains("vor dem Eingang"));
        let order_after_no = Listed {
            session: Some(d(2019, 5, 1)),
            decision: Some(MinistryDecision::Anordnung),
            decided_on: Some(d(2019, 6, 1)),
            ..no_day
        };
        assert!(course(received, order_after_no)
            .unwrap_err()
            .contains("keine Entscheidung des Ministeriums"));
        let undated = Listed {
            decision: Some(MinistryDecision::Ablehnung),
            ..Listed::default()
        };
        assert!(course(received, undated)
            .unwrap_err()
            .contains("kein Datum"));
    }

    #[test]
    fn cases_ended_without_a_session_end_on_their_day() {
        let received = d(2021, 2, 1);
        let not_admitted = Listed {
            outcome: Some(ListOutcome::NotAdmitted),
            session: Some(d(2021, 3, 1)),
            ..Listed::default()
        };
        let c = course(received, not_admitted).unwrap();
        assert_eq!(c.status(), NichtAngenommen);
        assert_eq!(c.admission, Some((false, d(2021, 3, 1))));
        let withdrawn = Listed {
            outcome: Some(ListOutcome::Withdrawn),
            ..Listed::default()
        };
        assert_eq!(
            course(received, withdrawn).unwrap().steps.last().unwrap().1,
            Zurueckgenommen
        );
        assert_eq!(
            course(received, Listed::default()).unwrap().status(),
            Eingegangen
        );
    }
}
