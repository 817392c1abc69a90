//! `cargo bench --bench cases`: the case list at the volume of many years, encrypted
//! (SQLCipher, as the application opens it) and plain SQLite side by side, through the same
//! query code; plain SQLite also before the first encrypted file turns on SQLCipher's memory
//! wiping for the process (`cipher_memory_security`). Prints a Markdown table for
//! BENCHMARKS.md.
//!
//! `HFK_BENCH_FAELLE` sets the number of cases (default 100 000).

use std::time::{Duration, Instant};

use hfk_akte::domain::workflow::CaseStatus;
use hfk_akte::store::cases::sample_cases;
use hfk_akte::store::cases::search::{self, CasePage, CaseQuery, CaseSort};
use hfk_akte::store::users::User;
use hfk_akte::store::vault::migrations;
use hfk_akte::store::vault::new_file::NewFile;
use hfk_akte::store::CaseFile;
use rusqlite::Connection;

const USER: &str = "Geschäftsstelle";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
const RUNS: usize = 40;

fn measure(mut f: impl FnMut() -> CasePage) -> (Duration, Duration, u32) {
    let total = f().total; // warm-up
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    let p95 = times[((RUNS as f64 * 0.95).ceil() as usize).min(RUNS) - 1];
    (times[RUNS / 2], p95, total)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn queries() -> Vec<(&'static str, CaseQuery)> {
    let page = |q: CaseQuery| CaseQuery { limit: 50, ..q };
    vec![
        ("first page, by number", page(CaseQuery::default())),
        (
            "page 100, by name descending",
            page(CaseQuery {
                sort: CaseSort::Name,
                descending: true,
                offset: 4950,
                ..CaseQuery::default()
            }),
        ),
        (
            "status „In Vorprüfung“",
            page(CaseQuery {
                status: Some(CaseStatus::Vorpruefung),
                ..CaseQuery::default()
            }),
        ),
        (
            "nationality SY, year 2024",
            page(CaseQuery {
                nationality: Some("SY".into()),
                year: Some(2024),
                ..CaseQuery::default()
            }),
        ),
        (
            "search „petrlic“ (typed without ć)",
            page(CaseQuery {
                search: "petrlic".into(),
                ..CaseQuery::default()
            }),
        ),
        (
            "search „gunes sukru“",
            page(CaseQuery {
                search: "gunes sukru".into(),
                ..CaseQuery::default()
            }),
        ),
        (
            "search „Шевченко“ + status",
            page(CaseQuery {
                search: "Шевченко".into(),
                status: Some(CaseStatus::Angenommen),
                ..CaseQuery::default()
            }),
        ),
    ]
}

fn main() {
    let count: u32 = std::env::var("HFK_BENCH_FAELLE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("tempdir");

    // Plain: the same schema, pragmas and sample data without SQLCipher's key.
    let mut plain = Connection::open(dir.path().join("plain.sqlite")).unwrap();
    plain
        .execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;
             PRAGMA synchronous = FULL; PRAGMA cache_size = -65536;",
        )
        .unwrap();
    migrations::migrate(&mut plain).unwrap();
    // The list sorts names in German dictionary order, as every connection of the program does.
    plain
        .create_collation(
            hfk_akte::domain::collation::SQL_COLLATION,
            hfk_akte::domain::collation::compare,
        )
        .unwrap();
    plain
        .execute(
            "INSERT INTO users (id, username, username_key, role, created_at)
             VALUES (1, ?1, ?1, 'verwaltung', '2026-01-01T00:00:00Z')",
            [USER],
        )
        .unwrap();
    let user = User {
        id: 1,
        username: USER.into(),
        role: hfk_akte::domain::user::Role::Verwaltung,
    };
    let t = Instant::now();
    let tx = plain.transaction().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    sample_cases::fill(&tx, &user, count, 1, today).unwrap();
    tx.commit().unwrap();
    let fill_plain = t.elapsed();

    // Before any encrypted file is opened, SQLite's memory is not yet wiped on free
    // (cipher_memory_security, which the program turns on for the whole process).
    let unwiped: Vec<(Duration, Duration)> = queries()
        .iter()
        .map(|(_, query)| {
            let (m, p, _) = measure(|| search::list(&plain, query).unwrap());
            (m, p)
        })
        .collect();

    // Encrypted: the file exactly as the application creates and opens it.
    let location = dir.path().join("bench.hfk");
    let new = NewFile::prepare(location.to_str().unwrap(), USER, PASSWORD, PASSWORD).unwrap();
    let (lock, mut file) = new.create(new.recovery_key().last_block()).unwrap();
    let t = Instant::now();
    file.fill_with_sample_cases(count, 1).unwrap();
    let fill_encrypted = t.elapsed();
    drop(file);
    // Unlocking checks only the pages it reads; the check of every page runs afterwards,
    // beside the work (timed here on its own).
    let t = Instant::now();
    let file = CaseFile::unlock(&lock, USER, PASSWORD).unwrap();
    let unlock_full = t.elapsed();
    let t = Instant::now();
    file.page_check().run().unwrap();
    let page_check = t.elapsed();
    let size_mib = std::fs::metadata(&location).map(|m| m.len()).unwrap_or(0) as f64 / 1048576.0;

    let persons: i64 = plain
        .query_row("SELECT count(*) FROM persons", [], |r| r.get(0))
        .unwrap();
    println!(
        "{count} cases with {persons} persons, {RUNS} runs per query after one warm-up run.\n"
    );
    println!(
        "| query | matches | encrypted median | encrypted p95 | plain median | plain p95 | plain, memory not wiped: median | p95 |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for ((what, query), (um, up)) in queries().into_iter().zip(unwiped) {
        let (em, ep, total) = measure(|| file.list_cases(&query).unwrap());
        let (pm, pp, plain_total) = measure(|| search::list(&plain, &query).unwrap());
        assert_eq!(total, plain_total, "both files hold the same cases");
        println!(
            "| {what} | {total} | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms |",
            ms(em),
            ms(ep),
            ms(pm),
            ms(pp),
            ms(um),
            ms(up)
        );
    }
    println!(
        "\nFilling {count} sample cases (one transaction, with search index): encrypted {:.1} s, plain (memory not wiped) {:.1} s.",
        fill_encrypted.as_secs_f64(),
        fill_plain.as_secs_f64()
    );
    println!(
        "Unlocking the filled file ({size_mib:.0} MiB): {:.2} s; the check of every page, run \
         beside the work after unlocking: {:.2} s.",
        unlock_full.as_secs_f64(),
        page_check.as_secs_f64()
    );
}
