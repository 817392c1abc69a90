//! The Tagesordnung (agenda) of a session, in two variants: the internal one with full names,
//! and one for copies that leave the office with only the case number, initials,
//! nationality and number of persons.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::commission::Commission;
use crate::domain::session::ItemKind;
use crate::domain::wording::counted;
use crate::report::fonts::Weight;
use crate::report::layout::{Column, Layout, BODY};
use crate::store::sessions::page::{AgendaItemView, SessionDetail};

/// Which copy of the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum AgendaVariant {
    /// For the secretariat and the members: full names.
    Intern,
    /// For copies that travel: case number, initials, nationality, number of persons.
    Weitergabe,
}

/// "Petrlić-Woelke, Andrea-Maria" → "A.-M. P.-W."
pub fn initials(display_name: &str) -> String {
    let part = |name: &str| -> String {
        name.split_whitespace()
            .map(|word| {
                word.split('-')
                    .filter_map(|p| p.chars().next())
                    .map(|c| format!("{c}."))
                    .collect::<Vec<_>>()
                    .join("-")
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    match display_name.split_once(", ") {
        Some((family, given)) => format!("{} {}", part(given), part(family)),
        None => part(display_name),
    }
}

pub(crate) fn subject(item: &AgendaItemView, variant: AgendaVariant) -> String {
    match item.kind {
        ItemKind::Frei => item.title.clone(),
        ItemKind::Fall => {
            let number = item.case_number.clone().unwrap_or_default();
            let nationality = item
                .nationality_name
                .clone()
                .unwrap_or_else(|| "Staatsangehörigkeit nicht erfasst".into());
            let persons = counted(item.persons, "Person", "Personen");
            let name = match variant {
                AgendaVariant::Intern if item.title.is_empty() => "keine Person erfasst".to_owned(),
                AgendaVariant::Intern => match &item.original_name {
                    Some(original) => format!("{} ({original})", item.title),
                    None => item.title.clone(),
                },
                AgendaVariant::Weitergabe if item.title.is_empty() => "–".to_owned(),
                AgendaVariant::Weitergabe => initials(&item.title),
            };
            format!("{number}: {name}\n{nationality}, {persons}")
        }
    }
}

pub fn lay_out(
    layout: &mut Layout<'_>,
    commission: &Commission,
    session: &SessionDetail,
    variant: AgendaVariant,
) {
    layout.bookmark(&format!("Tagesordnung der Sitzung {}", session.number));
    layout.paragraph(
        &format!("Tagesordnung der Sitzung {}", session.number),
        Weight::Bold,
        16.0,
    );
    layout.paragraph(
        &format!("{} (§ 23a AufenthG)", commission.name),
        Weight::Regular,
        BODY,
    );
    layout.paragraph(
        &format!(
            "{}, {} Uhr, {}",
            session.held_on.format("%d.%m.%Y"),
            session.start_time,
            session.place
        ),
        Weight::Regular,
        BODY,
    );
    layout.paragraph(
        match variant {
            AgendaVariant::Intern => "Interne Fassung mit vollständigen Namen – nicht weitergeben.",
            AgendaVariant::Weitergabe => {
                "Fassung zur Weitergabe: Aktenzeichen, Initialen, Staatsangehörigkeit und Zahl der Personen."
            }
        },
        Weight::Bold,
        BODY - 1.0,
    );
    layout.rule();
    if session.items.is_empty() {
        layout.paragraph(
            "Die Tagesordnung hat noch keine Punkte.",
            Weight::Regular,
            BODY,
        );
        return;
    }
    let rows: Vec<Vec<String>> = session
        .items
        .iter()
        .map(|item| {
            vec![
                item.label.replace(" (Tischvorlage)", "\nTischvorlage"),
                subject(item, variant),
                item.brought_by_name.clone().unwrap_or_else(|| "–".into()),
                item.rapporteur_name.clone().unwrap_or_else(|| "–".into()),
            ]
        })
        .collect();
    layout.table(
        &[
            Column {
                title: "TOP",
                share: 1.3,
            },
            Column {
                title: "Gegenstand",
                share: 4.2,
            },
            Column {
                title: "Eingebracht von",
                share: 2.4,
            },
            Column {
                title: "Berichterstattung",
                share: 2.4,
            },
        ],
        &rows,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_keep_hyphens_and_every_script() {
        assert_eq!(initials("Petrlić-Woelke, Andrea-Maria"), "A.-M. P.-W.");
        assert_eq!(initials("Güneş, Şükrü"), "Ş. G.");
        assert_eq!(initials("Шевченко, Марія"), "М. Ш.");
        assert_eq!(initials("الأحمد, حسن"), "ح. ا.");
        assert_eq!(initials("Nowak"), "N.");
    }
}
