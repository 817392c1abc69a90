//! Every problem of a form at once: a form's checks run one after the other and each failed
//! check is noted, so that the user sees all invalid fields together instead of one per try.

use crate::{Error, FieldProblem, Result};

/// The problems found so far while checking one form.
#[derive(Debug, Default)]
pub struct Problems {
    found: Vec<FieldProblem>,
    /// An error that is not about a field (none of the pure checks gives one); it wins.
    other: Option<Error>,
}

impl Problems {
    /// The checked value, or `None` after noting why it failed.
    pub fn check<T>(&mut self, outcome: Result<T>) -> Option<T> {
        match outcome {
            Ok(value) => Some(value),
            Err(error) => {
                self.note(error);
                None
            }
        }
    }

    /// Notes a failed check.
    pub fn note(&mut self, error: Error) {
        let problems = error.field_problems();
        if problems.is_empty() {
            self.other.get_or_insert(error);
        } else {
            self.found.extend(problems);
        }
    }

    /// Whether a field already has a problem (a later rule about it would only repeat it).
    pub fn has(&self, field: &str) -> bool {
        self.found.iter().any(|p| p.field == field)
    }

    /// The checked form built by `build` when nothing was found; otherwise every problem.
    /// `build` sees only values that passed (`?` on each `Option`).
    pub fn finish<T>(self, build: impl FnOnce() -> Option<T>) -> Result<T> {
        if let Some(error) = self.other {
            return Err(error);
        }
        match self.found.len() {
            0 => build().ok_or_else(|| Error::Internal("Prüfung ohne Ergebnis".into())),
            1 => {
                let only = self.found.into_iter().next().unwrap_or_default();
                Err(Error::invalid(&only.field, only.message))
            }
            _ => Err(Error::InvalidInputs {
                problems: self.found,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_kept_in_order() {
        let mut p = Problems::default();
        let a: Option<u8> = p.check(Err(Error::invalid("Name", "Bitte ausfüllen.")));
        let b = p.check(Ok(2u8));
        let c: Option<u8> = p.check(Err(Error::invalid("Datum", "Kein Datum.")));
        assert_eq!((a, b, c), (None, Some(2), None));
        assert!(p.has("Datum") && !p.has("Ort"));
        match p.finish(|| Some(b? + a? + c?)) {
            Err(Error::InvalidInputs { problems }) => {
                let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
                assert_eq!(fields, ["Name", "Datum"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn one_problem_stays_a_single_field_error_and_none_builds() {
        let mut p = Problems::default();
        p.note(Error::invalid("Name", "Bitte ausfüllen."));
        assert!(matches!(
            p.finish(|| Some(1)),
            Err(Error::InvalidInput { field, .. }) if field == "Name"
        ));
        assert_eq!(Problems::default().finish(|| Some(7)).unwrap(), 7);
    }

    #[test]
    fn an_error_that_is_no_field_problem_wins() {
        let mut p = Problems::default();
        p.note(Error::invalid("Name", "Bitte ausfüllen."));
        p.note(Error::NotUnlocked);
        assert!(matches!(p.finish(|| Some(1)), Err(Error::NotUnlocked)));
    }

    #[test]
    fn several_problems_are_listed_in_the_message() {
        let mut p = Problems::default();
        p.note(Error::invalid("Name", "Bitte ausfüllen."));
        p.note(Error::invalid("Datum", "Kein Datum."));
        let error = p.finish(|| Some(())).unwrap_err();
        assert_eq!(
            error.to_string(),
            "Bitte prüfen Sie 2 Angaben:\n– Name: Bitte ausfüllen.\n– Datum: Kein Datum."
        );
        assert_eq!(error.field_problems().len(), 2);
    }
}
