//! Auswertungen through the core's public API: the figures of a file full of sample cases
//! equal an independent count in SQL over the same file, the stage identity holds in every
//! year, and the files saved from them carry the same numbers.

mod common;

use hfk_akte::domain::statistics::{Period, StageTable};
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
    let tables: Vec<StageTable> = years
        .iter()
        .map(|&y| file.statistics(Period::years(y, y).unwrap()).unwrap())
        .collect();
    let all = file.statistics(Period::years(2004, 2027).unwrap()).unwrap();

    let saved = dir.path().join("Auswertung.json");
    file.export_statistics(Period::years(2020, 2020).unwrap(), &saved)
        .unwrap();
    let csv = dir.path().join("Auswertung.csv");
    file.export_statistics(Period::years(2020, 2020).unwrap(), &csv)
        .unwrap();
    assert!(file
        .export_statistics(
            Period::years(2020, 2020).unwrap(),
            &dir.path().join("x.txt")
        )
        .is_err());
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
        received_total += received;
    }
    assert_eq!(
        received_total, 600,
        "every sample case falls into one of the years"
    );
    assert_eq!(all.get("eingang").unwrap().cases, 600);
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
    assert_eq!(saves, 2);
}
