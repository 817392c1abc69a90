//! What a case letter's placeholders are filled with, from the case page, and what each kind
//! needs before it can be written (a letter of non-admission needs a non-admission).

use chrono::NaiveDate;

use crate::domain::admissibility::AdmissibilityResult;
use crate::domain::choice::Labelled;
use crate::domain::commission::Commission;
use crate::domain::letter_kind::LetterKind;
use crate::domain::letter_template::Values;
use crate::store::cases::ministry::{request_basis, Deliberation};
use crate::store::cases::page::CaseDetail;
use crate::store::cases::persons::PersonView;
use crate::{Error, Result};

fn day(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// "Dudaev, Achmed (Дудаев Ахмед), Hauptperson, geboren am 23.08.2019 in Cottbus;
/// Staatsangehörigkeit: Russische Föderation": birth and nationality never run together.
pub(crate) fn person_line(p: &PersonView) -> String {
    let mut line = format!("{}, {}", p.family_name, p.given_names);
    if let Some(original) = &p.original_name {
        line.push_str(&format!(" ({original})"));
    }
    line.push_str(&format!(", {}", p.family_role_label));
    match (p.birth_date, &p.birth_place) {
        (Some(date), Some(place)) => {
            line.push_str(&format!(", geboren am {} in {place}", day(date)))
        }
        (Some(date), None) => line.push_str(&format!(", geboren am {}", day(date))),
        (None, Some(place)) => line.push_str(&format!(", geboren in {place}")),
        (None, None) => {}
    }
    line.push_str(&format!("; Staatsangehörigkeit: {}", p.nationality_name));
    line
}

fn refused(kind: LetterKind, message: String) -> Error {
    Error::invalid(kind.label(), message)
}

/// The deliberation a letter of its kind reports, or why there is none.
fn deliberation(kind: LetterKind, case: &CaseDetail) -> Result<Option<Deliberation>> {
    let decided = || {
        case.deliberations
            .iter()
            .rev()
            .find(|d| d.outcome.is_some())
    };
    Ok(match kind {
        LetterKind::Ergebnis => Some(decided().cloned().ok_or_else(|| {
            refused(
                kind,
                format!("{} ist noch nicht beraten worden.", case.number),
            )
        })?),
        LetterKind::Haertefallersuchen | LetterKind::MitteilungAuslaenderbehoerde => {
            Some(request_basis(&case.deliberations).cloned().ok_or_else(|| {
                refused(
                    kind,
                    format!(
                        "Für {} hat die Kommission kein Ersuchen beschlossen.",
                        case.number
                    ),
                )
            })?)
        }
        _ => None,
    })
}

/// The values of a case letter to `recipient`, after checking the case allows the kind.
pub(crate) fn case_values(
    commission: &Commission,
    case: &CaseDetail,
    kind: LetterKind,
    recipient: &str,
    today: NaiveDate,
    reply_by: Option<NaiveDate>,
) -> Result<Values> {
    let mut v = Values::new();
    v.insert("Kommission", commission.name.clone());
    v.insert("Datum", day(today));
    v.insert("Empfänger", recipient.to_owned());
    v.insert("Aktenzeichen", case.number.clone());
    v.insert(
        "Hauptperson",
        case.main_person
            .clone()
            .unwrap_or_else(|| "(keine Person erfasst)".into()),
    );
    let persons: Vec<String> = case
        .persons
        .iter()
        .map(|p| format!("– {}", person_line(p)))
        .collect();
    v.insert(
        "Personen",
        if persons.is_empty() {
            "(Im Fall sind keine Personen erfasst.)".into()
        } else {
            persons.join("\n")
        },
    );
    v.insert("Eingangsdatum", day(case.received_on));
    v.insert("Mitglied", case.brought_by.cited_as.clone());
    v.insert(
        "Ausländerbehörde",
        case.office_name
            .clone()
            .unwrap_or_else(|| "(nicht erfasst)".into()),
    );
    if let Some(date) = reply_by {
        v.insert("Antwortfrist", day(date));
    }
    if kind == LetterKind::Nichtannahme {
        let check = case
            .admissibility
            .as_ref()
            .filter(|a| a.result == AdmissibilityResult::NichtAngenommen)
            .ok_or_else(|| {
                refused(
                    kind,
                    format!(
                        "{} ist in der Vorprüfung nicht abgelehnt worden.",
                        case.number
                    ),
                )
            })?;
        v.insert(
            "Ausschlussgrund",
            check
                .ground_label
                .clone()
                .unwrap_or_else(|| "(nicht benannt)".into()),
        );
        v.insert("Begründung", check.reasoning.clone().unwrap_or_default());
    }
    if let Some(d) = deliberation(kind, case)? {
        v.insert("Sitzung", d.session_number.clone());
        v.insert("Sitzungsdatum", day(d.held_on));
        v.insert("Ergebnis", d.outcome_label.clone().unwrap_or_default());
        v.insert(
            "Begründung",
            d.reasons
                .clone()
                .filter(|r| !r.trim().is_empty())
                .unwrap_or_else(|| "(Die Begründung ist in der Akte nicht erfasst.)".into()),
        );
    }
    match (&case.ministry.decision_label, case.ministry.decided_on) {
        (Some(label), Some(on)) => {
            let mut text = format!("{label} vom {}", day(on));
            if !case.ministry.conditions.is_empty() {
                text.push_str(&format!(
                    " (Auflagen: {})",
                    case.ministry.conditions.join("; ")
                ));
            }
            v.insert("Entscheidung", text);
            v.insert("Entscheidungsdatum", day(on));
        }
        _ if kind == LetterKind::MitteilungAuslaenderbehoerde => {
            return Err(refused(
                kind,
                format!(
                    "Über das Ersuchen für {} hat das Ministerium noch nicht entschieden.",
                    case.number
                ),
            ))
        }
        _ => {
            v.insert("Entscheidung", "noch nicht getroffen".into());
        }
    }
    Ok(v)
}
