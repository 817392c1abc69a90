//! The Fallübersicht (case summary) for the session: who brought the case in (with the
//! organisation's name of that day), the people concerned, residence and asylum history,
//! grounds and negative factors with their evidence, the Vorprüfung, the statement of the
//! foreigners' office and earlier deliberations. What is missing is said, not left blank.

use chrono::NaiveDate;

use crate::domain::choice::Labelled;
use crate::domain::grounds::GroundKind;
use crate::report::fonts::Weight;
use crate::report::layout::{Column, Layout, BODY};
use crate::store::cases::page::CaseDetail;

fn day(d: Option<NaiveDate>) -> String {
    d.map_or_else(
        || "nicht erfasst".to_owned(),
        |d| d.format("%d.%m.%Y").to_string(),
    )
}

fn or_missing(text: &Option<String>, missing: &str) -> String {
    text.as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(missing)
        .to_owned()
}

/// Lays the summary of one case out on the current page; `bookmark` names it in the outline.
pub fn lay_out(layout: &mut Layout<'_>, case: &CaseDetail, bookmark: &str) {
    layout.bookmark(bookmark);
    layout.paragraph(
        &format!("Fallübersicht {}", case.number),
        Weight::Bold,
        16.0,
    );
    layout.paragraph(
        &format!("Stand: {}", case.status_label),
        Weight::Regular,
        BODY,
    );
    layout.rule();

    layout.heading("Eingang und Einbringung", 12.0);
    layout.field("Eingegangen am", &day(Some(case.received_on)));
    layout.field("Eingebracht von", &case.brought_by.cited_as);
    layout.field("Eingebracht am", &day(Some(case.brought_in_on)));
    layout.field(
        "Ausländerbehörde",
        &or_missing(&case.office_name, "nicht erfasst"),
    );
    layout.field(
        "Rechtsbeistand / Beratung",
        &or_missing(&case.counsel, "nicht erfasst"),
    );
    layout.field(
        "Einverständniserklärung",
        &if case.consent_on_file {
            format!("liegt vor (vom {})", day(case.consent_date))
        } else {
            "liegt nicht vor".to_owned()
        },
    );

    layout.heading("Betroffene Personen", 12.0);
    if case.persons.is_empty() {
        layout.paragraph("Keine Personen erfasst.", Weight::Regular, BODY);
    } else {
        let rows: Vec<Vec<String>> = case
            .persons
            .iter()
            .map(|p| {
                let born = match (p.birth_date, p.age) {
                    (Some(b), Some(age)) => format!("{} ({age} J.)", b.format("%d.%m.%Y")),
                    _ => "nicht erfasst".to_owned(),
                };
                let place = p.birth_place.clone().unwrap_or_default();
                let status = match (&p.residence_status_label, p.residence_valid_until) {
                    (Some(s), Some(until)) => {
                        format!("{s}, gültig bis {}", until.format("%d.%m.%Y"))
                    }
                    (Some(s), None) => s.clone(),
                    (None, _) => "nicht erfasst".to_owned(),
                };
                vec![
                    p.family_role_label.clone(),
                    format!(
                        "{}, {}{}{}",
                        p.family_name,
                        p.given_names,
                        p.original_name
                            .as_deref()
                            .map(|o| format!("\n{o}"))
                            .unwrap_or_default(),
                        if p.minor == Some(true) {
                            " (minderjährig)"
                        } else {
                            ""
                        }
                    ),
                    if place.is_empty() {
                        born
                    } else {
                        format!("{born}, {place}")
                    },
                    p.nationality_name.clone(),
                    day(p.entry_date),
                    status,
                ]
            })
            .collect();
        layout.table(
            &[
                Column {
                    title: "Rolle",
                    share: 1.55,
                },
                Column {
                    title: "Name",
                    share: 2.3,
                },
                Column {
                    title: "Geboren",
                    share: 1.9,
                },
                Column {
                    title: "Staat",
                    share: 1.6,
                },
                Column {
                    title: "Einreise",
                    share: 1.1,
                },
                Column {
                    title: "Aufenthalt",
                    share: 2.3,
                },
            ],
            &rows,
        );
    }

    layout.heading("Aufenthalts- und Asylverlauf", 12.0);
    let histories: Vec<String> = case
        .persons
        .iter()
        .filter_map(|p| {
            p.asylum_history
                .as_deref()
                .filter(|h| !h.trim().is_empty())
                .map(|h| format!("{}, {}: {h}", p.family_name, p.given_names))
        })
        .collect();
    if histories.is_empty() {
        layout.paragraph("Nicht erfasst.", Weight::Regular, BODY);
    }
    for h in histories {
        layout.paragraph(&h, Weight::Regular, BODY);
        layout.space(3.0);
    }

    for (kind, title, none) in [
        (
            GroundKind::Haertegrund,
            "Härtegründe",
            "Keine Härtegründe erfasst.",
        ),
        (
            GroundKind::Negativfaktor,
            "Negative Faktoren",
            "Keine negativen Faktoren erfasst.",
        ),
    ] {
        layout.heading(title, 12.0);
        let grounds: Vec<_> = case.grounds.iter().filter(|g| g.kind == kind).collect();
        if grounds.is_empty() {
            layout.paragraph(none, Weight::Regular, BODY);
        }
        for g in grounds {
            layout.paragraph(&g.label, Weight::Bold, BODY);
            layout.paragraph(&g.description, Weight::Regular, BODY);
            if let Some(evidence) = g.evidence.as_deref().filter(|e| !e.trim().is_empty()) {
                layout.paragraph(&format!("Nachweise: {evidence}"), Weight::Regular, BODY);
            }
            layout.space(3.0);
        }
    }

    layout.heading("Vorprüfung", 12.0);
    match &case.admissibility {
        None => layout.paragraph("Noch keine Vorprüfung erfasst.", Weight::Regular, BODY),
        Some(a) => {
            layout.field(
                "Ergebnis",
                &format!("{} am {}", a.result_label, day(Some(a.decided_on))),
            );
            if let Some(ground) = &a.ground_label {
                layout.field("Ausschlussgrund", ground);
            }
            let ticked: Vec<String> = a
                .checks
                .iter()
                .filter(|c| c.applies)
                .map(
                    |c| match c.note.as_deref().filter(|n| !n.trim().is_empty()) {
                        Some(note) => format!("{} ({}): {note}", c.label, c.kind.label()),
                        None => format!("{} ({})", c.label, c.kind.label()),
                    },
                )
                .collect();
            layout.field(
                "Angekreuzte Ausschlussgründe",
                &if ticked.is_empty() {
                    "keine".to_owned()
                } else {
                    ticked.join("\n")
                },
            );
            if let Some(reasoning) = a.reasoning.as_deref().filter(|r| !r.trim().is_empty()) {
                layout.field("Begründung", reasoning);
            }
        }
    }

    layout.heading("Stellungnahme der Ausländerbehörde", 12.0);
    layout.field("Angefordert am", &day(case.abh_requested_on));
    layout.field("Eingegangen am", &day(case.abh_received_on));
    layout.field("Inhalt", &or_missing(&case.abh_content, "nicht erfasst"));

    deliberations(layout, case);
    ministry(layout, case);

    layout.heading("Lebensgeschichte", 12.0);
    layout.paragraph(
        &or_missing(&case.life_story, "Nicht erfasst."),
        Weight::Regular,
        BODY,
    );
}

/// Every session that dealt with the case: outcome, votes and the reasons recorded.
fn deliberations(layout: &mut Layout<'_>, case: &CaseDetail) {
    layout.heading("Beratungen der Kommission", 12.0);
    if case.deliberations.is_empty() {
        layout.paragraph("Der Fall wurde noch nicht beraten.", Weight::Regular, BODY);
    }
    for d in &case.deliberations {
        layout.field(
            "Sitzung",
            &format!(
                "{} am {}, {}",
                d.session_number,
                d.held_on.format("%d.%m.%Y"),
                d.item_label
            ),
        );
        layout.field(
            "Ergebnis",
            d.outcome_label
                .as_deref()
                .unwrap_or("noch nicht entschieden"),
        );
        if let (Some(y), Some(n), Some(a)) = (d.yes, d.no, d.abstain) {
            layout.field("Abstimmung", &format!("{y} Ja, {n} Nein, {a} Enthaltung"));
        }
        if let Some(reasons) = d.reasons.as_deref().filter(|r| !r.trim().is_empty()) {
            layout.field("Begründung", reasons);
        }
        layout.space(4.0);
    }
}

/// Where the case stands with the ministry: the request, and its order or refusal.
fn ministry(layout: &mut Layout<'_>, case: &CaseDetail) {
    let m = &case.ministry;
    if m.request_sent_on.is_none() && m.decision.is_none() {
        return;
    }
    layout.heading("Entscheidung des Ministeriums", 12.0);
    layout.field("Ersuchen gesandt am", &day(m.request_sent_on));
    match &m.decision_label {
        None => layout.field("Entscheidung", "steht aus"),
        Some(label) => {
            layout.field("Entscheidung", &format!("{label} am {}", day(m.decided_on)));
            if !m.conditions.is_empty() {
                layout.field("Auflagen und Bedingungen", &m.conditions.join("\n"));
            }
            if let Some(reasons) = m.reasons.as_deref().filter(|r| !r.trim().is_empty()) {
                layout.field("Gründe", reasons);
            }
        }
    }
}
