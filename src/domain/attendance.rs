//! Who attends a session: each voting seat's attendance (the member, their own deputy, or
//! nobody) and whether the session has its quorum.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
