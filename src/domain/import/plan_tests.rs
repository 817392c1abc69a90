use super::*;
use crate::domain::import::fields::{suggest, ImportField, Resolution};
use crate::domain::import::source::Row;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const HEADINGS: [&str; 9] = [
    "Aktenzeichen",
    "Name",
    "Geburtsdatum",
    "Staatsangehörigkeit",
    "Eingang",
    "eingebracht durch",
    "Ausländerbehörde",
    "Ergebnis",
    "Sitzung",
];

fn table(rows: &[[&str; 9]]) -> Table {
    Table {
        kind: "CSV".into(),
        encoding: Some("UTF-8".into()),
        sheets: Vec::new(),
        sheet: None,
        headings: HEADINGS.iter().map(|s| s.to_string()).collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| Row {
                number: i as u32 + 2,
                cells: r.iter().map(|s| s.to_string()).collect(),
            })
            .collect(),
    }
}

fn known() -> Known {
    let mut known = Known {
        members: vec![
            (1, "Pfarrerin Anna Schulz".into()),
            (2, "Integrationsbeauftragte".into()),
        ],
        offices: vec![(5, "Landkreis Barnim".into())],
        ..Known::default()
    };
    known
        .numbers
        .insert("HFK-2019-001".into(), "HFK-2019-001".into());
    known.highest_seq.insert(2019, 1);
    known.persons.insert(
        ("dudaev".into(), "ruslan".into(), d(1980, 5, 5)),
        "HFK-2019-001".into(),
    );
    known
}

fn run(rows: &[[&str; 9]], adjust: impl FnOnce(&mut Mapping)) -> (DryRun, Vec<PlannedCase>) {
    let list = table(rows);
    let mut mapping = suggest(&list.headings);
    adjust(&mut mapping);
    dry_run(&list, &mapping, &known(), d(2026, 12, 10)).unwrap()
}

#[test]
fn good_rows_are_planned_with_kept_and_new_numbers() {
    let (report, planned) = run(
        &[
            [
                "HFK-2019-007",
                "Güneş, Şükrü",
                "03.04.1985",
                "türkisch",
                "01.02.2019",
                "Pfarrerin Anna Schulz",
                "Landkreis Barnim",
                "Ersuchen",
                "12.06.2019",
            ],
            [
                "12/2019",
                "Ćosić, Đorđe",
                "",
                "serbisch",
                "02.03.2019",
                "Integrationsbeauftragte",
                "",
                "",
                "",
            ],
        ],
        |_| {},
    );
    assert_eq!(
        (report.created, report.refused, report.unclear),
        (2, 0, 0),
        "{report:?}"
    );
    assert!(report.ready);
    assert_eq!(planned[0].number.to_string(), "HFK-2019-007");
    assert_eq!(planned[0].previous_number, None);
    // The next number after the highest one, kept numbers included.
    assert_eq!(planned[1].number.to_string(), "HFK-2019-008");
    assert_eq!(planned[1].previous_number.as_deref(), Some("12/2019"));
    assert_eq!(planned[0].nationality, "TR");
    assert_eq!(planned[0].member, Party::Existing(1));
    assert_eq!(planned[0].office, Some(Party::Existing(5)));
    assert_eq!(report.rows[1].number.as_deref(), Some("HFK-2019-008"));
}

#[test]
fn bad_cells_are_refused_naming_row_and_column() {
    let (report, planned) = run(
        &[[
            "",
            "Müller, Jan",
            "31.02.2019",
            "Atlantis",
            "01.01.2030",
            "Pfarrerin Anna Schulz",
            "",
            "",
            "",
        ]],
        |_| {},
    );
    assert_eq!(report.refused, 1);
    assert!(!report.ready && planned.is_empty());
    let messages = report.rows[0].messages.join("\n");
    assert!(
        messages.contains("Spalte C „Geburtsdatum“: „31.02.2019“ ist kein Tag des Kalenders"),
        "{messages}"
    );
    assert!(
        messages.contains("Spalte D „Staatsangehörigkeit“: „Atlantis“"),
        "{messages}"
    );
    assert!(
        messages.contains("Spalte E „Eingang“: das Datum liegt in der Zukunft"),
        "{messages}"
    );
}

#[test]
fn unknown_names_are_unclear_until_answered() {
    let row = [
        "",
        "Дудаев, Ахмед",
        "",
        "russisch",
        "05.05.2020",
        "Pfr. Lehmann",
        "LK Nirgendwo",
        "",
        "",
    ];
    let (report, _) = run(&[row], |_| {});
    assert_eq!(report.unclear, 1);
    assert_eq!(report.unknown_members[0].name, "Pfr. Lehmann");
    assert!(!report.unknown_members[0].resolved);
    assert_eq!(report.unknown_offices[0].rows, [2]);
    let (report, planned) = run(&[row], |m| {
        m.mitglieder.insert("Pfr. Lehmann".into(), Resolution::Neu);
        m.behoerden.insert("LK Nirgendwo".into(), Resolution::Leer);
    });
    assert!(report.ready, "{report:?}");
    assert_eq!(planned[0].member, Party::New("Pfr. Lehmann".into()));
    assert_eq!(planned[0].office, None);
    assert_eq!(planned[0].number.to_string(), "HFK-2020-001");
    let (report, _) = run(&[row], |m| {
        m.mitglieder.insert("Pfr. Lehmann".into(), Resolution::Leer);
        m.behoerden
            .insert("LK Nirgendwo".into(), Resolution::Vorhanden(99));
    });
    let messages = report.rows[0].messages.join("\n");
    assert!(
        messages.contains("„leer lassen“ geht hier nicht") && messages.contains("Nr. 99"),
        "{messages}"
    );
}

#[test]
fn duplicates_in_the_file_and_in_the_list_are_left_out_unless_wanted() {
    let rows = [
        [
            "HFK-2019-001",
            "Neu, Eva",
            "",
            "syrisch",
            "01.02.2019",
            "Integrationsbeauftragte",
            "",
            "",
            "",
        ],
        [
            "",
            "Dudaev, Ruslan",
            "05.05.1980",
            "russisch",
            "01.02.2019",
            "Integrationsbeauftragte",
            "",
            "",
            "",
        ],
        [
            "",
            "Weiß, Ida",
            "01.01.1990",
            "syrisch",
            "01.02.2019",
            "Integrationsbeauftragte",
            "",
            "",
            "",
        ],
        [
            "",
            "Weiß, Ida",
            "01.01.1990",
            "syrisch",
            "01.03.2019",
            "Integrationsbeauftragte",
            "",
            "",
            "",
        ],
    ];
    let (report, planned) = run(&rows, |_| {});
    assert_eq!((report.duplicates, report.created), (3, 1), "{report:?}");
    assert!(report.rows[0].messages[0].contains("schon in der Akte (HFK-2019-001)"));
    assert!(report.rows[1].messages[0].contains("schon in der Akte"));
    assert!(report.rows[3].messages[0].contains("steht schon in Zeile 4"));
    assert_eq!(planned.len(), 1);
    let (report, planned) = run(&rows, |m| m.doppelte_uebernehmen = true);
    assert_eq!(
        (report.duplicates, report.created, planned.len()),
        (0, 4, 4)
    );
}

#[test]
fn a_name_with_an_invisible_character_is_cleaned_with_a_note() {
    let (report, planned) = run(
        &[[
            "",
            "Güneş\u{200B}, Şükrü ",
            "",
            "",
            "01.02.2019",
            "Integrationsbeauftragte",
            "",
            "",
            "",
        ]],
        |m| {
            m.spalten.insert("Sitzung".into(), ImportField::Ignorieren);
        },
    );
    assert_eq!(planned[0].family_name, "Güneş");
    assert_eq!(planned[0].given_names, "Şükrü");
    assert_eq!(planned[0].nationality, "XU");
    let messages = report.rows[0].messages.join("\n");
    assert!(
        messages.contains("Spalte B „Name“: unsichtbares Zeichen"),
        "{messages}"
    );
}

#[test]
fn a_formula_error_is_named_not_taken_for_an_empty_cell() {
    let (report, _) = run(
        &[[
            "",
            "Weiß, Ida",
            "",
            "#N/A",
            "#REF!",
            "Integrationsbeauftragte",
            "",
            "",
            "",
        ]],
        |_| {},
    );
    let messages = report.rows[0].messages.join("\n");
    assert!(
        messages.contains("Spalte E „Eingang“: die Zelle enthält einen Formelfehler (#REF!)"),
        "{messages}"
    );
    assert!(
        messages.contains(
            "Spalte D „Staatsangehörigkeit“: die Zelle enthält einen Formelfehler (#N/A)"
        ),
        "{messages}"
    );
    assert!(!messages.contains("fehlt"), "{messages}");
    assert_eq!(report.blocked_by.as_deref(), Some("Die Liste wird erst übernommen, wenn keine Zeile abgelehnt und keine unklar ist: 1 abgelehnt, 0 unklar."));
}
