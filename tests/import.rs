//! Übernahme alter Listen through the core: lists written by the test itself (an .xlsx with
//! rust_xlsxwriter, CSVs in Windows-1252 and UTF-8 with a byte-order mark) are read, mapped,
//! tried in a dry run that writes nothing, and taken over in one transaction; the year's
//! statistics then count exactly what the list says, the persons are found by search, and
//! bad lists are refused whole with the row and column named.

mod common;

use hfk_akte::domain::import::fields::{suggest, ImportField, Mapping, Resolution};
use hfk_akte::domain::import::plan::Verdict;
use hfk_akte::domain::import::ImportList;
use hfk_akte::domain::member::MemberDraft;
use hfk_akte::domain::statistics::{Period, Variant};
use hfk_akte::domain::user::Role;
use hfk_akte::store::cases::search::CaseQuery;
use hfk_akte::store::{CaseFile, InstanceLock};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const ADMIN: &str = "Zeynep Yıldız";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
const CLERK: &str = "Geschäftsstelle";
const CLERK_PW: &str = "Spreewald-Gurke-Oderbruch-17";

const HEADINGS: [&str; 11] = [
    "Az.",
    "Name",
    "Geb.-Datum",
    "Staatsangehörigkeit",
    "Eingang am",
    "eingebracht durch",
    "ABH",
    "Ergebnis",
    "Sitzung",
    "Entscheidung MI",
    "Entscheidung vom",
];

/// The year 2019 of an old list: two requests (one ordered, one refused), one without, one
/// not admitted, one withdrawn and one still open.
const ROWS: [[&str; 11]; 6] = [
    [
        "HFK-2019-004",
        "Güneş, Şükrü",
        "03.04.1985",
        "türkisch",
        "01.02.2019",
        "Pfr. Lehmann",
        "Landkreis Barnim",
        "Ersuchen",
        "12.06.2019",
        "Anordnung",
        "02.09.2019",
    ],
    [
        "7/2019",
        "Ćosić, Đorđe",
        "43497",
        "serbisch",
        "05.03.2019",
        "Lemmermeier",
        "LK Nirgendwo",
        "kein Ersuchen",
        "12.06.2019",
        "",
        "",
    ],
    [
        "",
        "Дудаев, Ахмед",
        "",
        "Russische Föderation",
        "10.04.2019",
        "Pfr. Lehmann",
        "",
        "nicht angenommen",
        "",
        "",
        "",
    ],
    [
        "",
        "زينب الهاشمي",
        "01.01.2001",
        "syrisch",
        "20.05.2019",
        "Lemmermeier",
        "",
        "Ersuchen",
        "16.10.2019",
        "Ablehnung",
        "20.12.2019",
    ],
    [
        "",
        "Petrlić-Woelke, Andrea-Maria",
        "",
        "kroatisch",
        "01.07.2019",
        "Pfr. Lehmann",
        "",
        "zurückgenommen",
        "",
        "",
        "",
    ],
    [
        "",
        "Weiß, Ida",
        "",
        "SY",
        "01.11.2019",
        "Pfr. Lehmann",
        "",
        "",
        "",
        "",
        "",
    ],
];

/// The list as a workbook: dates received as real date cells, one session day as a formula.
fn workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("Hinweise")
        .unwrap()
        .write_string(0, 0, "Liste 2019")
        .unwrap();
    let sheet = book.add_worksheet().set_name("Fälle 2019").unwrap();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    for (c, h) in HEADINGS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in ROWS.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, value) in row.iter().enumerate() {
            let c = c as u16;
            if c == 4 {
                let (d, m, y) = (&value[0..2], &value[3..5], &value[6..10]);
                let day = ExcelDateTime::from_ymd(
                    y.parse().unwrap(),
                    m.parse().unwrap(),
                    d.parse().unwrap(),
                )
                .unwrap();
                sheet.write_datetime_with_format(r, c, &day, &date).unwrap();
            } else if c == 8 && r == 1 {
                sheet
                    .write_formula(r, c, "=\"12.06.\"&\"2019\"")
                    .unwrap()
                    .set_formula_result(r, c, "12.06.2019");
            } else {
                sheet.write_string(r, c, *value).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn csv_text(rows: &[[&str; 11]]) -> String {
    let mut text = HEADINGS.join(";");
    for row in rows {
        text.push('\n');
        text.push_str(&row.join(";"));
    }
    text.push('\n');
    text
}

struct Fixture {
    _dir: tempfile::TempDir,
    paths: hfk_akte::store::FilePaths,
    lock: InstanceLock,
    file: CaseFile,
    integration: u32,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let integration = file
        .save_member(
            None,
            &MemberDraft {
                name: "Dr. Doris Lemmermeier".into(),
                kind: "integrationsbeauftragte".into(),
                term_from: "01.01.2015".into(),
                ..MemberDraft::default()
            },
        )
        .unwrap();
    Fixture {
        _dir: dir,
        paths,
        lock,
        file,
        integration,
    }
}

/// The suggested mapping with the answers for the names the file does not know.
fn answered(list: &ImportList, integration: u32) -> Mapping {
    let mut mapping = suggest(&list.table.headings);
    mapping
        .mitglieder
        .insert("Pfr. Lehmann".into(), Resolution::Neu);
    mapping
        .mitglieder
        .insert("Lemmermeier".into(), Resolution::Vorhanden(integration));
    mapping
        .behoerden
        .insert("LK Nirgendwo".into(), Resolution::Leer);
    mapping
}

#[test]
fn a_workbook_is_tried_then_taken_over_and_the_statistics_count_the_list() {
    let mut f = fixture();
    let bytes = workbook();
    // The first sheet holds notes; the cases are on the second.
    let notes = ImportList::read("Liste 2019.xlsx", &bytes, None).unwrap();
    assert_eq!(notes.table.sheets, ["Hinweise", "Fälle 2019"]);
    let list = ImportList::read("Liste 2019.xlsx", &bytes, Some("Fälle 2019")).unwrap();
    assert_eq!(list.table.rows.len(), 6);
    assert_eq!(list.table.rows[0].cells[4], "01.02.2019");

    // The suggestion alone leaves the unknown names unclear.
    let suggested = suggest(&list.table.headings);
    assert_eq!(
        suggested.spalten["Entscheidung vom"],
        ImportField::EntschiedenAm
    );
    let run = f.file.import_dry_run(&list, &suggested).unwrap();
    assert_eq!(
        (run.unclear, run.refused, run.ready),
        (6, 0, false),
        "{run:?}"
    );
    let names: Vec<_> = run
        .unknown_members
        .iter()
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(names, ["Pfr. Lehmann", "Lemmermeier"]);
    assert!(f
        .file
        .apply_import(&list, &suggested)
        .unwrap_err()
        .to_string()
        .contains("6 unklar"));

    let mapping = answered(&list, f.integration);
    let run = f.file.import_dry_run(&list, &mapping).unwrap();
    assert!(run.ready, "{run:?}");
    assert_eq!(
        run.rows
            .iter()
            .filter(|r| r.verdict == Verdict::Neu)
            .count(),
        6
    );
    assert_eq!(
        f.file
            .list_cases(&CaseQuery {
                limit: 10,
                ..CaseQuery::default()
            })
            .unwrap()
            .total,
        0,
        "a dry run writes nothing"
    );

    let imported = f.file.apply_import(&list, &mapping).unwrap();
    assert_eq!(
        (
            imported.cases,
            imported.members_created,
            imported.offices_created
        ),
        (6, 1, 0)
    );
    assert_eq!(imported.first_number.as_deref(), Some("HFK-2019-004"));
    assert_eq!(imported.last_number.as_deref(), Some("HFK-2019-009"));

    let year = f
        .file
        .statistics(Period::years(2019, 2019).unwrap(), Variant::Intern)
        .unwrap()
        .stages;
    let of = |code: &str| year.get(code).unwrap().cases;
    assert_eq!(of("eingang"), 6);
    assert_eq!(of("beraten"), 3);
    assert_eq!(of("ersuchen"), 2);
    assert_eq!(of("kein_ersuchen"), 1);
    assert_eq!(of("nicht_angenommen"), 1);
    assert_eq!(of("zurueckgenommen"), 1);
    assert_eq!(of("anordnung"), 1);
    assert_eq!(of("ablehnung"), 1);
    assert_eq!(of("uebertrag_folgezeitraum"), 1);
    assert_eq!(year.sessions_held, 2);

    // Found by the names of the list, and by the earlier number.
    for (words, number) in [
        ("Güneş", "HFK-2019-004"),
        ("Дудаев", "HFK-2019-006"),
        ("7/2019", "HFK-2019-005"),
    ] {
        let page = f
            .file
            .list_cases(&CaseQuery {
                search: words.into(),
                limit: 10,
                ..CaseQuery::default()
            })
            .unwrap();
        // "7/2019" also finds the case whose note says it came from row 7 of the list.
        assert_eq!(page.rows[0].number, number, "{words}");
    }

    // The same file again is refused whole, naming the first import.
    let again = f.file.import_dry_run(&list, &mapping).unwrap();
    assert!(
        !again.ready
            && again
                .file_problem
                .as_deref()
                .unwrap()
                .contains("schon übernommen (6 Fälle"),
        "{again:?}"
    );
    assert!(f.file.apply_import(&list, &mapping).is_err());
    let history = f.file.imports().unwrap();
    assert_eq!(
        (history.len(), history[0].case_count, history[0].row_count),
        (1, 6, 6)
    );
    assert_eq!(history[0].sha256, list.sha256);

    // One audit row for the import, with the file's name, SHA-256 and count; no person named.
    drop(f.file);
    let conn = common::raw_connection(&f.paths, ADMIN, PASSWORD);
    let (entity_id, payload): (String, String) = conn
        .query_row(
            "SELECT l.entity_id, p.fields FROM audit_log l JOIN audit_payload p ON p.audit_id = l.id
             WHERE l.entity = 'import' AND l.action = 'apply'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(entity_id, "Liste 2019.xlsx");
    assert!(
        payload.contains(&list.sha256) && payload.contains("\"faelle\":6"),
        "{payload}"
    );
    assert!(!payload.contains("Güneş"));
    drop(f.lock);
}

#[test]
fn csv_in_both_encodings_reads_the_same_and_a_saved_mapping_comes_back() {
    let mut f = fixture();
    // Petrlić has a letter Windows-1252 lacks: that row goes into the UTF-8 file only (with tabs).
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(csv_text(&[ROWS[4], ROWS[5]]).replace(';', "\t").as_bytes());
    let weiss = csv_text(&[ROWS[5]]);
    let (latin, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&weiss);
    assert!(!unmappable);
    let latin_list = ImportList::read("alt.csv", &latin, None).unwrap();
    let utf8_list = ImportList::read("neu.csv", &bom, None).unwrap();
    assert!(latin_list
        .table
        .encoding
        .as_deref()
        .unwrap()
        .starts_with("Windows-1252"));
    assert_eq!(
        utf8_list.table.encoding.as_deref(),
        Some("UTF-8 (mit Byte-Order-Mark)")
    );
    assert_eq!(latin_list.table.rows[0].cells[1], "Weiß, Ida");
    assert_eq!(
        utf8_list.table.rows[0].cells[1],
        "Petrlić-Woelke, Andrea-Maria"
    );
    assert_eq!(latin_list.table.headings, utf8_list.table.headings);

    let mapping = answered(&utf8_list, f.integration);
    f.file.save_import_mapping(&mapping).unwrap();
    assert_eq!(f.file.import_mapping().unwrap(), Some(mapping.clone()));
    assert!(f.file.import_dry_run(&utf8_list, &mapping).unwrap().ready);
    assert_eq!(f.file.apply_import(&utf8_list, &mapping).unwrap().cases, 2);
    // The Windows-1252 list maps the same way.
    assert!(f.file.import_dry_run(&latin_list, &mapping).unwrap().ready);
}

#[test]
fn a_bad_row_stops_the_whole_list_and_nothing_is_half_imported() {
    let mut f = fixture();
    let mut bad = ROWS;
    bad[2][4] = "31.02.2019";
    bad[3][1] = "\u{200B}زينب الهاشمي ";
    let list = ImportList::read("fehler.csv", csv_text(&bad).as_bytes(), None).unwrap();
    let mapping = answered(&list, f.integration);
    let run = f.file.import_dry_run(&list, &mapping).unwrap();
    assert_eq!((run.refused, run.created), (1, 5));
    let refused = run
        .rows
        .iter()
        .find(|r| r.verdict == Verdict::Abgelehnt)
        .unwrap();
    assert_eq!(refused.row, 4);
    assert!(
        refused.messages[0]
            .contains("Spalte E „Eingang am“: „31.02.2019“ ist kein Tag des Kalenders"),
        "{refused:?}"
    );
    let cleaned = run.rows.iter().find(|r| r.row == 5).unwrap();
    assert!(
        cleaned
            .messages
            .iter()
            .any(|m| m.contains("unsichtbares Zeichen")),
        "{cleaned:?}"
    );
    assert!(f
        .file
        .apply_import(&list, &mapping)
        .unwrap_err()
        .to_string()
        .contains("1 abgelehnt"));
    assert_eq!(
        f.file
            .list_cases(&CaseQuery {
                limit: 10,
                ..CaseQuery::default()
            })
            .unwrap()
            .total,
        0
    );
    assert!(f.file.imports().unwrap().is_empty());

    // A column mapped twice, and an empty file.
    let mut twice = mapping.clone();
    twice.spalten.insert("Sitzung".into(), ImportField::Eingang);
    let err = f
        .file
        .import_dry_run(&list, &twice)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("„Eingang“ ist zwei Spalten zugeordnet"),
        "{err}"
    );
    assert!(ImportList::read("leer.csv", b"", None)
        .unwrap_err()
        .to_string()
        .contains("leer"));
}

#[test]
fn only_the_administration_takes_lists_over() {
    let mut f = fixture();
    f.file
        .add_user(CLERK, Role::Geschaeftsstelle, CLERK_PW, CLERK_PW)
        .unwrap();
    let list = ImportList::read("liste.csv", csv_text(&[ROWS[5]]).as_bytes(), None).unwrap();
    let mapping = answered(&list, f.integration);
    drop(f.file);
    let mut clerk = common::unlock_on_fixed_day(&f.lock, CLERK, CLERK_PW);
    assert!(matches!(
        clerk.import_dry_run(&list, &mapping),
        Err(hfk_akte::Error::PermissionDenied { .. })
    ));
    assert!(matches!(
        clerk.apply_import(&list, &mapping),
        Err(hfk_akte::Error::PermissionDenied { .. })
    ));
}

#[test]
fn fifty_thousand_rows_are_tried_in_one_dry_run() {
    let f = fixture();
    let mut text =
        String::from("Name;Geburtsdatum;Staatsangehörigkeit;Eingang;eingebracht durch\n");
    for i in 0..50_000u32 {
        text.push_str(&format!(
            "Familie{i}, Vorname;{:02}.{:02}.19{:02};syrisch;{:02}.03.2019;Dr. Doris Lemmermeier\n",
            i % 28 + 1,
            i % 12 + 1,
            i % 90 + 10,
            i % 28 + 1
        ));
    }
    let list = ImportList::read("gross.csv", text.as_bytes(), None).unwrap();
    let run = f
        .file
        .import_dry_run(&list, &suggest(&list.table.headings))
        .unwrap();
    assert_eq!((run.total, run.created, run.refused), (50_000, 50_000, 0));
    assert_eq!(
        run.rows.last().unwrap().number.as_deref(),
        Some("HFK-2019-50000")
    );
}

#[test]
fn the_command_line_suggests_tries_reports_and_takes_over() {
    use common::command_line::{hfk, text};
    let f = fixture();
    let integration = f.integration;
    drop(f.file);
    drop(f.lock);
    let dir = f._dir.path();
    let file = f.paths.database.to_str().unwrap().to_owned();
    let list = dir.join("Liste 2019.xlsx");
    std::fs::write(&list, workbook()).unwrap();
    let list = list.to_str().unwrap();
    let pw = format!("{PASSWORD}\n");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "uebernahme",
            file.as_str(),
            list,
            "--blatt",
            "Fälle 2019",
            "--benutzer",
            ADMIN,
        ];
        args.extend_from_slice(extra);
        hfk(&args, &pw)
    };

    let suggested = run(&["--vorschlag"]);
    assert!(suggested.status.success(), "{}", text(&suggested.stderr));
    let out = text(&suggested.stdout);
    let json = &out[out.find('{').unwrap()..];
    let mut mapping: Mapping = serde_json::from_str(json).unwrap();
    assert_eq!(mapping.blatt.as_deref(), Some("Fälle 2019"));

    // Unknown names: the dry run says so and ends with 3.
    let mapping_path = dir.join("zuordnung.json");
    std::fs::write(&mapping_path, serde_json::to_string(&mapping).unwrap()).unwrap();
    let m = mapping_path.to_str().unwrap();
    let tried = run(&["--zuordnung", m, "--probelauf"]);
    assert_eq!(tried.status.code(), Some(3), "{}", text(&tried.stderr));
    let out = text(&tried.stdout);
    assert!(
        out.contains("Unbekannt (Mitglied): „Pfr. Lehmann“") && out.contains("6 unklar"),
        "{out}"
    );
    assert!(
        out.contains(&format!("{integration} = Dr. Doris Lemmermeier")),
        "{out}"
    );

    mapping
        .mitglieder
        .insert("Pfr. Lehmann".into(), Resolution::Neu);
    mapping
        .mitglieder
        .insert("Lemmermeier".into(), Resolution::Vorhanden(integration));
    mapping
        .behoerden
        .insert("LK Nirgendwo".into(), Resolution::Neu);
    std::fs::write(&mapping_path, serde_json::to_string(&mapping).unwrap()).unwrap();
    let csv = dir.join("Probelauf.csv");
    let pdf = dir.join("Probelauf.pdf");
    for report in [&csv, &pdf] {
        let tried = run(&[
            "--zuordnung",
            m,
            "--probelauf",
            "--bericht",
            report.to_str().unwrap(),
        ]);
        assert!(
            tried.status.success(),
            "{}{}",
            text(&tried.stdout),
            text(&tried.stderr)
        );
    }
    let report = std::fs::read_to_string(&csv).unwrap();
    assert!(
        report.contains("6 anzulegen")
            && report.contains("Güneş, Şükrü")
            && report.contains("HFK-2019-004"),
        "{report}"
    );
    let pdf_text = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let pdf_text = text(&pdf_text.stdout);
    assert!(
        pdf_text.contains("Probelauf der Übernahme") && pdf_text.contains("Дудаев"),
        "{pdf_text}"
    );

    let applied = run(&["--zuordnung", m]);
    assert!(applied.status.success(), "{}", text(&applied.stderr));
    let out = text(&applied.stdout);
    assert!(out.contains("Übernommen: 6 Fälle (HFK-2019-004 bis HFK-2019-009), 1 Mitglieder und 1 Ausländerbehörden"), "{out}");
    let again = run(&["--zuordnung", m]);
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("schon übernommen"),
        "{}",
        text(&again.stderr)
    );
}
