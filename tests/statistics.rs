//! Auswertungen through the core's public API: the figures of a file full of sample cases
//! equal an independent count in SQL over the same file, the stage identity holds in every
//! year, and the files saved from them (JSON, CSV, the spreadsheet read back with calamine,
//! the PDF read back with pdftotext) carry the same numbers.

mod common;

use chrono::Datelike;
use hfk_akte::domain::statistics::{german_number, Period, Report, StageTable, Variant};
use hfk_akte::store::InstanceLock;

const ADMIN: &str = "Zeynep Yıldız";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";

/// The count of one SQL query over the period's first and last day.
fn counted(conn: &rusqlite::Connection, sql: &str, period: Period) -> u32 {
    conn.query_row(sql, rusqlite::params![period.from, period.to], |r| r.get(0))
        .unwrap()
}

const FINAL: &str =
    "('nicht_angenommen', 'abgeschlossen', 'zurueckgenommen', 'anderweitig_erledigt')";

#[test]
fn the_figures_equal_an_independent_count_and_the_identity_holds_every_year() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    file.fill_with_sample_cases(600, 11).unwrap();
    let years: Vec<i32> = (2004..=2027).collect();
    let reports: Vec<Report> = years
        .iter()
        .map(|&y| {
            file.statistics(Period::years(y, y).unwrap(), Variant::Intern)
                .unwrap()
        })
        .collect();
    let tables: Vec<StageTable> = reports.iter().map(|r| r.stages.clone()).collect();
    let all = file
        .statistics(Period::years(2004, 2027).unwrap(), Variant::Intern)
        .unwrap()
        .stages;

    let year = Period::years(2020, 2020).unwrap();
    let saved = dir.path().join("Auswertung.json");
    let csv = dir.path().join("Auswertung.csv");
    let xlsx = dir.path().join("Auswertung.xlsx");
    let pdf = dir.path().join("Auswertung.pdf");
    for target in [&saved, &csv, &xlsx, &pdf] {
        file.export_statistics(year, Variant::Intern, target)
            .unwrap();
    }
    assert!(file
        .export_statistics(year, Variant::Intern, &dir.path().join("x.txt"))
        .is_err());
    let published = file.statistics(year, Variant::Veroeffentlichung).unwrap();
    // Half a year: the stage table keeps to its days, the series still counts whole years.
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2020, m, d).unwrap();
    let half = file
        .statistics(
            Period::days(day(1, 1), day(6, 30)).unwrap(),
            Variant::Intern,
        )
        .unwrap();
    drop(file);
    drop(lock);

    let conn = common::raw_connection(&paths, ADMIN, PASSWORD);
    let mut received_total = 0;
    for (year, table) in years.iter().zip(&tables) {
        let period = table.period;
        let received = counted(
            &conn,
            "SELECT COUNT(*) FROM cases WHERE received_on BETWEEN ?1 AND ?2",
            period,
        );
        let persons = counted(
            &conn,
            "SELECT COUNT(*) FROM persons p JOIN cases c ON c.id = p.case_id WHERE c.received_on BETWEEN ?1 AND ?2",
            period,
        );
        let ended = counted(
            &conn,
            &format!("SELECT COUNT(DISTINCT case_id) FROM case_transitions WHERE to_status IN {FINAL} AND on_date BETWEEN ?1 AND ?2"),
            period,
        );
        let open_after = counted(
            &conn,
            &format!(
                "SELECT COUNT(*) FROM cases c WHERE c.received_on <= ?2 AND NOT EXISTS (
                     SELECT 1 FROM case_transitions t WHERE t.case_id = c.id AND t.to_status IN {FINAL} AND t.on_date <= ?2)
                     AND ?1 <= ?2"
            ),
            period,
        );
        let get = |code: &str| table.get(code).unwrap();
        assert_eq!(
            (get("eingang").cases, get("eingang").persons),
            (received, persons),
            "{year}"
        );
        assert_eq!(get("erledigt").cases, ended, "{year}");
        assert_eq!(get("uebertrag_folgezeitraum").cases, open_after, "{year}");
        let before = get("uebertrag");
        let after = get("uebertrag_folgezeitraum");
        assert_eq!(
            get("wiederaufgenommen").cases,
            0,
            "sample cases are never reopened"
        );
        assert_eq!(
            before.cases + received,
            ended + after.cases,
            "identity in {year}"
        );
        assert_eq!(
            before.persons + get("eingang").persons,
            get("erledigt").persons + after.persons,
            "{year}"
        );
        let deliberated = counted(
            &conn,
            "SELECT COUNT(DISTINCT i.case_id) FROM agenda_items i JOIN sessions s ON s.id = i.session_id
             WHERE i.outcome IN ('ersuchen', 'kein_ersuchen') AND s.held_on BETWEEN ?1 AND ?2",
            period,
        );
        assert_eq!(get("beraten").cases, deliberated, "{year}");
        let orders = counted(
            &conn,
            "SELECT COUNT(*) FROM cases WHERE decision = 'anordnung' AND decided_on BETWEEN ?1 AND ?2",
            period,
        );
        assert_eq!(get("anordnung").cases, orders, "{year}");
        let sessions = counted(
            &conn,
            "SELECT COUNT(*) FROM sessions WHERE held_on BETWEEN ?1 AND ?2",
            period,
        );
        assert_eq!(table.sessions_held, sessions, "{year}");
        received_total += received;
    }
    assert_eq!(
        received_total, 600,
        "every sample case falls into one of the years"
    );
    assert_eq!(all.get("eingang").unwrap().cases, 600);
    // The sample tells a consistent story: deliberations, requests and decisions in every
    // year after the first, nobody at the ministry without a request, every decided case
    // closed, and every voting member with a deputy.
    assert!(tables
        .iter()
        .filter(|t| (2008..=2025).contains(&t.period.from.year()))
        .all(|t| t.get("beraten").unwrap().cases > 0 && t.get("anordnung").unwrap().cases > 0));
    let any = |sql: &str| counted(&conn, sql, all.period);
    assert_eq!(
        any("SELECT COUNT(*) FROM cases c WHERE c.status = 'beim_ministerium' AND ?1 <= ?2 AND NOT EXISTS (
                 SELECT 1 FROM agenda_items i WHERE i.case_id = c.id AND i.outcome = 'ersuchen')"),
        0
    );
    assert_eq!(
        any("SELECT COUNT(*) FROM cases WHERE decision IS NOT NULL AND status != 'abgeschlossen' AND ?1 <= ?2"),
        0
    );
    assert_eq!(
        any(
            "SELECT COUNT(*) FROM members m WHERE m.kind = 'mitglied' AND ?1 <= ?2 AND NOT EXISTS (
                 SELECT 1 FROM members d WHERE d.deputy_of = m.id)"
        ),
        0
    );
    assert_eq!(all.get("uebertrag").unwrap().cases, 0);

    // The saved files hold the numbers of the table.
    let year_2020 = &tables[years.iter().position(|&y| y == 2020).unwrap()];
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(
        json["zahlen"]["eingang"]["faelle"],
        year_2020.get("eingang").unwrap().cases
    );
    assert_eq!(
        json["zahlen"]["erledigt"]["personen"],
        year_2020.get("erledigt").unwrap().persons
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    let row: Vec<&str> = text
        .lines()
        .find(|l| l.starts_with("eingang;"))
        .unwrap()
        .split(';')
        .collect();
    assert_eq!(row[2], year_2020.get("eingang").unwrap().cases.to_string());

    // Each save is in the audit history.
    let saves = counted(
        &conn,
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'statistics' AND action = 'export' AND ?1 <= ?2",
        year_2020.period,
    );
    assert_eq!(saves, 4);

    let report_2020 = &reports[years.iter().position(|&y| y == 2020).unwrap()];
    assert_eq!(half.series.rows.last(), report_2020.series.rows.last());
    assert!(
        half.stages.get("eingang").unwrap().cases
            <= report_2020.stages.get("eingang").unwrap().cases
    );
    cross_tables_equal_an_independent_count(&conn, report_2020);
    published_hides_only_small_numbers(report_2020, &published);
    spreadsheet_holds_the_numbers(&xlsx, report_2020);
    pdf_shows_every_tables_numbers(&pdf, report_2020);
}

/// Cases received in the period by the nationality of their first person, counted in SQL.
fn cross_tables_equal_an_independent_count(conn: &rusqlite::Connection, report: &Report) {
    let by_country = report
        .cross
        .iter()
        .find(|t| t.code == "herkunft_hauptperson")
        .unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT p.nationality, COUNT(*) FROM cases c JOIN persons p ON p.case_id = c.id
             WHERE c.received_on BETWEEN ?1 AND ?2
               AND p.position = (SELECT MIN(position) FROM persons q WHERE q.case_id = c.id)
             GROUP BY p.nationality",
        )
        .unwrap();
    let period = report.stages.period;
    let counted: Vec<(String, u32)> = stmt
        .query_map(rusqlite::params![period.from, period.to], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        counted.len() > 1,
        "sample cases come from several countries"
    );
    for (code, n) in counted {
        let name = hfk_akte::domain::countries::name(&code).unwrap_or(&code);
        let row = by_country.rows.iter().find(|r| r.label == name).unwrap();
        assert_eq!(row.cells[0].value, n, "{name}");
    }
    let received = report.stages.get("eingang").unwrap();
    for table in &report.cross {
        let expected = if table.unit == "Personen" {
            received.persons
        } else {
            received.cases
        };
        assert_eq!(table.total[0], expected, "{}", table.code);
    }
}

fn published_hides_only_small_numbers(intern: &Report, published: &Report) {
    assert_eq!(intern.stages, published.stages);
    for (a, b) in intern.cross.iter().zip(&published.cross) {
        assert_eq!(a.total, b.total);
        assert_eq!(a.rows.len(), b.rows.len());
        for rb in &b.rows {
            let ra = a.rows.iter().find(|r| r.label == rb.label).unwrap();
            for (ca, cb) in ra.cells.iter().zip(&rb.cells) {
                assert_eq!(cb.hidden, (1..=2).contains(&ca.value));
                assert_eq!(cb.value, if cb.hidden { 0 } else { ca.value });
            }
        }
    }
}

fn spreadsheet_holds_the_numbers(path: &std::path::Path, report: &Report) {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let stages = book.worksheet_range("Nach Stand").unwrap();
    for line in &report.stages.lines {
        let row = stages
            .rows()
            .find(|r| r[0] == Data::String(line.code.to_owned()))
            .unwrap();
        assert_eq!(
            row[2],
            Data::Float(f64::from(line.count.cases)),
            "{}",
            line.code
        );
        assert_eq!(row[3], Data::Float(f64::from(line.count.persons)));
        assert_eq!(row[4], Data::Float(f64::from(line.count.minors)));
    }
    for table in &report.cross {
        let sheet = book.worksheet_range(table.sheet).unwrap();
        for line in &table.rows {
            let row = sheet
                .rows()
                .find(|r| r[0] == Data::String(line.label.clone()))
                .unwrap();
            for (cell, read) in line.cells.iter().zip(&row[1..]) {
                assert_eq!(*read, Data::Float(f64::from(cell.value)));
            }
        }
    }
    let series = book.worksheet_range("Zeitreihe").unwrap();
    assert_eq!(series.rows().count(), report.series.rows.len() + 1);
}

fn pdf_shows_every_tables_numbers(path: &std::path::Path, report: &Report) {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed by make setup");
    let text = String::from_utf8(out.stdout).unwrap();
    // The numbers at the end of the line that starts with `label`.
    let shows = |label: &str, numbers: &[String]| {
        text.lines().any(|l| {
            let l = l.trim();
            l.starts_with(label)
                && l[label.len()..].split_whitespace().collect::<Vec<_>>() == numbers
        })
    };
    for line in &report.stages.lines {
        let c = line.count;
        let numbers = [c.cases, c.persons, c.minors].map(german_number);
        assert!(shows(line.label, &numbers), "{} {numbers:?}", line.label);
    }
    for table in &report.cross {
        for row in table.rows.iter().filter(|r| r.label.chars().count() < 30) {
            let numbers: Vec<String> = row.cells.iter().map(|c| c.text(3)).collect();
            assert!(
                shows(&row.label, &numbers),
                "{}: {} {numbers:?}",
                table.code,
                row.label
            );
        }
    }
    for row in &report.series.rows {
        let mut numbers = vec![german_number(row.sessions)];
        numbers.extend(row.cases.iter().map(|v| german_number(*v)));
        assert!(shows(&row.year.to_string(), &numbers), "{}", row.year);
    }
}
