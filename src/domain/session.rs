//! A session (Sitzung) of the commission: its number per year, its date, time and place, its
//! status, and how the agenda (Tagesordnung) is numbered.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::choice::{labelled_enum, Labelled};
use crate::domain::input::{required_date, required_text, SHORT_TEXT};
use crate::domain::problems::Problems;
use crate::{Error, Result};

labelled_enum!(
    SessionStatus {
        /// Planned; the agenda may still change and is numbered by its order.
        Geplant => "Geplant",
        /// The invitation has gone out; the item numbers are frozen.
        Einberufen => "Einberufen",
        /// Held; every case item has its outcome.
        Durchgefuehrt => "Durchgeführt",
        /// The minutes are approved; nothing changes any more.
        NiederschriftGenehmigt => "Niederschrift genehmigt",
    }
);

use SessionStatus::*;

impl SessionStatus {
    /// The one status that follows, if any.
    pub fn next(self) -> Option<SessionStatus> {
        match self {
            Geplant => Some(Einberufen),
            Einberufen => Some(Durchgefuehrt),
            Durchgefuehrt => Some(NiederschriftGenehmigt),
            NiederschriftGenehmigt => None,
        }
    }

    /// Checks a move; sessions only go forward, one step at a time.
    pub fn advance(self, to: SessionStatus) -> Result<SessionStatus> {
        match self.next() {
            Some(next) if next == to => Ok(to),
            Some(next) => Err(Error::invalid(
                "Stand der Sitzung",
                format!(
                    "Von „{}“ geht es nur weiter zu „{}“.",
                    self.label(),
                    next.label()
                ),
            )),
            None => Err(Error::invalid(
                "Stand der Sitzung",
                "Die Niederschrift ist genehmigt; die Sitzung ändert sich nicht mehr.",
            )),
        }
    }

    /// Whether items may be added (late ones after the invitation, as Tischvorlage).
    pub fn agenda_open(self) -> bool {
        matches!(self, Geplant | Einberufen)
    }

    /// Whether the order of the items may change: only before the invitation.
    pub fn numbers_frozen(self) -> bool {
        !matches!(self, Geplant)
    }
}

/// The session's number as people say it: "3/2026".
pub fn session_number(seq: u32, year: i32) -> String {
    format!("{seq}/{year}")
}

/// Whether votes and outcomes may be recorded: the session has been called and its day has
/// come, or it is held and its minutes are not yet approved.
pub fn may_decide(status: SessionStatus, held_on: NaiveDate, today: NaiveDate) -> Result<()> {
    let held = match status {
        Einberufen => held_on <= today,
        Durchgefuehrt => true,
        Geplant | NiederschriftGenehmigt => false,
    };
    if held {
        return Ok(());
    }
    let why = match status {
        Geplant => "Die Sitzung ist noch nicht einberufen.".to_owned(),
        NiederschriftGenehmigt => "Die Niederschrift ist bereits genehmigt.".to_owned(),
        _ => format!(
            "Die Sitzung findet erst am {} statt.",
            held_on.format("%d.%m.%Y")
        ),
    };
    Err(Error::invalid(
        "Sitzung",
        format!("In einer Sitzung, die nicht stattfindet, wird nicht abgestimmt. {why}"),
    ))
}

/// What the window may offer for a session in its state (the core checks each again when
/// it is done): one place for the rules the window used to restate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct SessionAffordances {
    /// Date, time and place, and adding items (after the invitation as Tischvorlage).
    pub may_change_agenda: bool,
    /// Changing the order of the items: only before the invitation.
    pub may_reorder: bool,
    /// Recording who is there: once called, until the first decision.
    pub may_record_attendance: bool,
    /// Votes and outcomes: from the session day until the minutes are approved.
    pub may_decide: bool,
    /// Why votes cannot be recorded yet in a called session (its day has not come), in
    /// German; None where the state speaks for itself.
    pub why_not_decide: Option<String>,
}

/// The affordances of a session in `status`, held on `held_on`, seen on `today`;
/// `decided` tells whether any item has its outcome yet.
pub fn affordances(
    status: SessionStatus,
    held_on: NaiveDate,
    today: NaiveDate,
    decided: bool,
) -> SessionAffordances {
    let decide = may_decide(status, held_on, today);
    SessionAffordances {
        may_change_agenda: status.agenda_open(),
        may_reorder: !status.numbers_frozen(),
        may_record_attendance: matches!(status, Einberufen | Durchgefuehrt) && !decided,
        may_decide: decide.is_ok(),
        why_not_decide: match (status, decide) {
            (Einberufen, Err(Error::InvalidInput { message, .. })) => Some(message),
            _ => None,
        },
    }
}

/// The session as the planning form submits it; date and time as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SessionDraft {
    pub held_on: String,
    /// "HH:MM"
    pub start_time: String,
    pub place: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFields {
    pub held_on: NaiveDate,
    pub start_time: NaiveTime,
    pub place: String,
}

/// A start time as people write it: 10:00, 10.30, 10 or 10 Uhr, 9:15 Uhr.
pub fn start_time(raw: &str) -> Result<NaiveTime> {
    const FIELD: &str = "Beginn (Uhrzeit)";
    let typed = raw.trim();
    if typed.is_empty() {
        return Err(Error::invalid(
            FIELD,
            "Bitte die Uhrzeit eingeben, z. B. 10:00.",
        ));
    }
    let time = typed
        .strip_suffix("Uhr")
        .or_else(|| typed.strip_suffix("uhr"))
        .unwrap_or(typed)
        .trim()
        .replace('.', ":");
    let time = if time.contains(':') {
        time
    } else {
        format!("{time}:00")
    };
    NaiveTime::parse_from_str(&time, "%H:%M").map_err(|_| {
        Error::invalid(
            FIELD,
            format!("„{typed}“ ist keine gültige Uhrzeit; bitte z. B. 10:00 oder 10 Uhr."),
        )
    })
}

impl SessionDraft {
    /// Checks every field; all problems come back at once.
    pub fn validate(&self) -> Result<SessionFields> {
        let mut p = Problems::default();
        let held_on = p.check(required_date("Sitzungstag", &self.held_on));
        let start_time = p.check(start_time(&self.start_time));
        let place = p.check(required_text("Ort", &self.place, SHORT_TEXT));
        p.finish(|| {
            Some(SessionFields {
                held_on: held_on?,
                start_time: start_time?,
                place: place?,
            })
        })
    }
}

labelled_enum!(
    ItemKind {
        /// A case to deliberate.
        Fall => "Fall",
        /// Anything else: approval of the last minutes, reports, other business.
        Frei => "Sonstiger Punkt",
    }
);

/// Where an item stands in the agenda and the number it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemNumber {
    pub number: u32,
    /// Added after the invitation (Tischvorlage).
    pub late: bool,
}

/// The numbers of the items in their order. Before the invitation they follow the order;
/// afterwards each item keeps the number it was given (`frozen`), and items added later carry
/// the next free number with the Tischvorlage marker.
pub fn number_items(status: SessionStatus, frozen: &[Option<u32>]) -> Vec<ItemNumber> {
    if !status.numbers_frozen() {
        return (1..)
            .zip(frozen)
            .map(|(number, _)| ItemNumber {
                number,
                late: false,
            })
            .collect();
    }
    let mut next = frozen.iter().flatten().max().copied().unwrap_or(0);
    frozen
        .iter()
        .map(|n| match n {
            Some(number) => ItemNumber {
                number: *number,
                late: false,
            },
            None => {
                next += 1;
                ItemNumber {
                    number: next,
                    late: true,
                }
            }
        })
        .collect()
}

/// Whether an item may come off the agenda: not once decided; before the invitation any item,
/// afterwards only a Tischvorlage (the sent agenda stays as it was sent).
pub fn item_removable(status: SessionStatus, late: bool, decided: bool) -> bool {
    status.agenda_open() && !decided && (!status.numbers_frozen() || late)
}

/// "TOP 3" or "TOP 5 (Tischvorlage)".
pub fn item_label(n: ItemNumber) -> String {
    if n.late {
        format!("TOP {} (Tischvorlage)", n.number)
    } else {
        format!("TOP {}", n.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_the_invitation_only_a_tischvorlage_comes_off_the_agenda() {
        assert!(item_removable(Geplant, false, false));
        assert!(!item_removable(Einberufen, false, false));
        assert!(item_removable(Einberufen, true, false));
        assert!(!item_removable(Einberufen, true, true), "decided");
        assert!(!item_removable(Durchgefuehrt, true, false));
    }

    #[test]
    fn the_window_offers_what_the_state_allows() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        let before = day.pred_opt().unwrap();
        let planned = affordances(Geplant, day, before, false);
        assert!(planned.may_change_agenda && planned.may_reorder);
        assert!(!planned.may_record_attendance && !planned.may_decide);
        assert_eq!(planned.why_not_decide, None);
        let called_early = affordances(Einberufen, day, before, false);
        assert!(called_early.may_change_agenda && !called_early.may_reorder);
        assert!(called_early.may_record_attendance);
        assert!(!called_early.may_decide);
        assert!(called_early
            .why_not_decide
            .unwrap()
            .contains("erst am 10.12.2026"));
        let on_the_day = affordances(Einberufen, day, day, true);
        assert!(on_the_day.may_decide && on_the_day.why_not_decide.is_none());
        assert!(
            !on_the_day.may_record_attendance,
            "attendance is fixed after a decision"
        );
        let approved = affordances(NiederschriftGenehmigt, day, day, true);
        assert!(!approved.may_change_agenda && !approved.may_decide);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn sessions_go_forward_one_step_at_a_time() {
        assert_eq!(Geplant.advance(Einberufen).unwrap(), Einberufen);
        let err = Geplant.advance(Durchgefuehrt).unwrap_err().to_string();
        assert!(err.contains("nur weiter zu „Einberufen“"), "{err}");
        assert!(Einberufen.advance(Geplant).is_err());
        assert!(NiederschriftGenehmigt
            .advance(Durchgefuehrt)
            .unwrap_err()
            .to_string()
            .contains("genehmigt"));
    }

    #[test]
    fn votes_only_in_a_session_that_takes_place() {
        let day = d(2026, 11, 20);
        assert!(may_decide(Geplant, day, d(2026, 11, 25)).is_err());
        assert!(may_decide(Einberufen, day, d(2026, 11, 19)).is_err());
        assert!(may_decide(Einberufen, day, day).is_ok());
        assert!(may_decide(Durchgefuehrt, day, d(2026, 12, 1)).is_ok());
        let err = may_decide(NiederschriftGenehmigt, day, d(2026, 12, 1))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("Sitzung: In einer Sitzung, die nicht stattfindet"),
            "{err}"
        );
    }

    #[test]
    fn the_draft_reads_german_dates_and_times() {
        let ok = SessionDraft {
            held_on: "03.12.2026".into(),
            start_time: "10.30".into(),
            place: "Potsdam, MIK, Raum 2.14".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(ok.start_time, NaiveTime::from_hms_opt(10, 30, 0).unwrap());
        for (typed, hours, minutes) in [("10 Uhr", 10, 0), ("9:15 Uhr", 9, 15), ("14", 14, 0)] {
            assert_eq!(
                start_time(typed).unwrap(),
                NaiveTime::from_hms_opt(hours, minutes, 0).unwrap()
            );
        }
        for (time, place, field) in [
            ("25:00", "Potsdam", "Beginn"),
            ("", "Potsdam", "Beginn"),
            ("zehn", "Potsdam", "Beginn"),
            ("10:00", "  ", "Ort"),
        ] {
            let err = SessionDraft {
                held_on: "03.12.2026".into(),
                start_time: time.into(),
                place: place.into(),
            }
            .validate()
            .unwrap_err()
            .to_string();
            assert!(err.starts_with(field), "{err}");
        }
        assert!(SessionDraft {
            held_on: "31.11.2026".into(),
            start_time: "10:00".into(),
            place: "Potsdam".into(),
        }
        .validate()
        .is_err());
    }

    #[test]
    fn numbers_follow_the_order_until_the_invitation_then_freeze() {
        let planned = number_items(Geplant, &[Some(3), None, Some(1)]);
        assert_eq!(
            planned.iter().map(|n| n.number).collect::<Vec<_>>(),
            [1, 2, 3]
        );
        assert!(planned.iter().all(|n| !n.late));

        let called = number_items(Einberufen, &[Some(2), Some(1), None, Some(3), None]);
        assert_eq!(
            called.iter().map(|n| n.number).collect::<Vec<_>>(),
            [2, 1, 4, 3, 5]
        );
        assert_eq!(item_label(called[2]), "TOP 4 (Tischvorlage)");
        assert_eq!(item_label(called[0]), "TOP 2");
        assert_eq!(session_number(3, 2026), "3/2026");
    }
}
