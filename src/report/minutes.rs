//! The Niederschrift (minutes) of a session: attendance and quorum, and per item the
//! outcome, the vote and the reasons. Who voted how is not written, only the counts and who
//! was biased. Until the commission approves it, it is marked as a draft (Entwurf) in its
//! title and on every page; it ends with the lines the chair and the minute-taker sign.

use crate::domain::attendance::Attendance;
use crate::domain::commission::Commission;
use crate::domain::session::ItemKind;
use crate::report::fonts::Weight;
use crate::report::layout::{Column, Layout, BODY, INTERNAL};
use crate::store::sessions::page::SessionDetail;

/// The document's title: a draft says so until the minutes are approved.
pub fn title(session: &SessionDetail) -> String {
    match session.minutes_approved_on {
        Some(_) => format!("Niederschrift über die Sitzung {}", session.number),
        None => format!(
            "Niederschrift über die Sitzung {} – Entwurf",
            session.number
        ),
    }
}

pub fn lay_out(layout: &mut Layout<'_>, commission: &Commission, session: &SessionDetail) {
    layout.bookmark(&title(session));
    match session.minutes_approved_on {
        Some(day) => layout.mark(&format!(
            "Genehmigt am {} · {INTERNAL}",
            day.format("%d.%m.%Y")
        )),
        None => layout.mark(&format!("ENTWURF – noch nicht genehmigt · {INTERNAL}")),
    }
    layout.paragraph(&title(session), Weight::Bold, 16.0);
    layout.paragraph(
        &format!("{} (§ 23a AufenthG)", commission.name),
        Weight::Regular,
        BODY,
    );
    layout.paragraph(
        &format!(
            "{}, {} Uhr, {} – Stand: {}",
            session.held_on.format("%d.%m.%Y"),
            session.start_time,
            session.place,
            session.status_label
        ),
        Weight::Regular,
        BODY,
    );
    layout.rule();

    layout.heading("Anwesenheit", 12.0);
    if !session.attendance_recorded {
        layout.paragraph("Die Anwesenheit ist nicht erfasst.", Weight::Regular, BODY);
    } else {
        let rows: Vec<Vec<String>> = session
            .seats
            .iter()
            .map(|s| {
                let state = match (s.attendance, &s.sitting) {
                    (Some(Attendance::Anwesend), _) => "anwesend".to_owned(),
                    (Some(Attendance::Vertreten), Some(who)) => format!("vertreten durch {who}"),
                    (Some(Attendance::Vertreten), None) => "vertreten".to_owned(),
                    (Some(Attendance::Abwesend), _) => "abwesend".to_owned(),
                    (None, _) => "nicht erfasst".to_owned(),
                };
                vec![
                    s.name.clone(),
                    s.organisation_name.clone().unwrap_or_else(|| "–".into()),
                    state,
                ]
            })
            .collect();
        layout.table(
            &[
                Column {
                    title: "Mitglied",
                    share: 3.0,
                },
                Column {
                    title: "Entsendende Stelle",
                    share: 3.5,
                },
                Column {
                    title: "Anwesenheit",
                    share: 3.0,
                },
            ],
            &rows,
        );
    }
    layout.paragraph(
        &format!(
            "{} von {} stimmberechtigten Sitzen besetzt, mindestens {} nötig: {}. Mehrheit für ein Härtefallersuchen: {}.",
            session.quorum.present,
            session.quorum.seats,
            session.quorum.needed,
            if session.quorum.reached { "beschlussfähig" } else { "nicht beschlussfähig" },
            session.majority_rule_label
        ),
        Weight::Regular,
        BODY,
    );

    layout.space(4.0);
    let chair = session.advisory.iter().find(|a| a.chairs);
    layout.field(
        "Vorsitz",
        chair.map_or("nicht im Mitgliederverzeichnis erfasst", |a| {
            a.name.as_str()
        }),
    );
    let present: Vec<String> = session
        .advisory
        .iter()
        .filter(|a| a.present)
        .map(|a| a.cited_as.clone())
        .collect();
    layout.field(
        "Beratende Mitglieder anwesend",
        &match (session.attendance_recorded, present.is_empty()) {
            (false, _) => "Die Anwesenheit ist nicht erfasst.".to_owned(),
            (true, true) => "keine".to_owned(),
            (true, false) => present.join("; "),
        },
    );

    for item in &session.items {
        let subject = match item.kind {
            ItemKind::Fall => format!(
                "{}: {} {}",
                item.label,
                item.case_number.as_deref().unwrap_or_default(),
                item.title
            ),
            ItemKind::Frei => format!("{}: {}", item.label, item.title),
        };
        layout.heading(&subject, 11.0);
        if item.kind == ItemKind::Frei {
            layout.paragraph("Ohne Abstimmung.", Weight::Regular, BODY);
            continue;
        }
        layout.field(
            "Berichterstattung",
            item.rapporteur_name.as_deref().unwrap_or("–"),
        );
        layout.field(
            "Ergebnis",
            item.outcome_label
                .as_deref()
                .unwrap_or("noch nicht entschieden"),
        );
        if let (Some(yes), Some(no), Some(abstain)) = (item.yes, item.no, item.abstain) {
            // Items decided before the rule was kept in words show the bare number.
            let rule = match (&item.rule_applied, item.needed) {
                (Some(words), _) => format!("; {words}"),
                (None, Some(n)) => format!(", nötig {n} Ja-Stimmen"),
                (None, None) => String::new(),
            };
            layout.field(
                "Abstimmung",
                &format!("{yes} Ja, {no} Nein, {abstain} Enthaltung{rule}"),
            );
        }
        if item.rule_applied.is_none() {
            let recused: Vec<String> = item
                .recusals
                .iter()
                .filter_map(|b| session.seats.iter().find(|s| s.member_id == b.member_id))
                .map(|s| s.name.clone())
                .collect();
            if !recused.is_empty() {
                layout.field("Befangen", &recused.join(", "));
            }
        }
        layout.field(
            "Begründung",
            item.reasons
                .as_deref()
                .filter(|r| !r.trim().is_empty())
                .unwrap_or("–"),
        );
    }
    layout.signature_lines(&["Vorsitz", "Protokoll"]);
}
