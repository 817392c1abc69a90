//! `cargo bench --bench saves`: what one save costs when every commit is checkpointed into
//! the database file (as the application opens it: `wal_autocheckpoint = 1`, so that the
//! `.hfk` file alone holds every acknowledged save) against SQLite's default (a checkpoint
//! every 1000 pages), side by side in one run, on a file with many cases; then the same kind
//! of saves through the unlocked file (rows signed, the chain head kept in the slot file).
//! Prints a Markdown table for BENCHMARKS.md.
//!
//! `HFK_BENCH_FAELLE` sets the number of cases already in the file (default 5 000).

use std::time::{Duration, Instant};

use hfk_akte::domain::user::Role;
use hfk_akte::store::cases::sample_cases;
use hfk_akte::store::users::User;
use hfk_akte::store::vault::connection::{self, OpenMode};
use hfk_akte::store::vault::key_slots::SlotFile;
use hfk_akte::store::vault::new_file::NewFile;
use hfk_akte::store::{CaseFile, InstanceLock};

const USER: &str = "Geschäftsstelle";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
const RUNS: usize = 200;

fn measure(mut f: impl FnMut(usize)) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|i| {
            let t = Instant::now();
            f(i);
            t.elapsed()
        })
        .collect();
    times.sort();
    let p95 = times[((RUNS as f64 * 0.95).ceil() as usize).min(RUNS) - 1];
    (times[RUNS / 2], p95)
}

fn main() {
    let count: u32 = std::env::var("HFK_BENCH_FAELLE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let location = dir.path().join("bench.hfk");
    let new = NewFile::prepare(location.to_str().unwrap(), USER, PASSWORD, PASSWORD).unwrap();
    let (lock, mut file) = new.create(new.recovery_key().last_block()).unwrap();
    file.fill_with_sample_cases(count, 1).unwrap();
    let paths = file.paths().clone();
    drop(file);
    drop(lock);
    let slots = SlotFile::load(&paths.key_slots).unwrap();
    let key = slots
        .user_slot(USER)
        .unwrap()
        .open(PASSWORD.as_bytes(), &slots.file_id, &slots.origin)
        .unwrap()
        .unwrap();
    let mut conn = connection::open(&paths.database, &key, OpenMode::Existing).unwrap();
    let user = User {
        id: 1,
        username: USER.into(),
        role: Role::Verwaltung,
    };
    println!("File with {count} cases.\n");
    println!("| save | checkpoint | runs | median | p95 |");
    println!("|---|---|---|---|---|");
    for (label, pages) in [
        ("after every commit (as the app)", 1),
        ("every 1000 pages (SQLite default)", 1000),
    ] {
        conn.execute_batch(&format!("PRAGMA wal_autocheckpoint = {pages};"))
            .unwrap();
        let (median, p95) = measure(|i| {
            conn.execute(
                "UPDATE cases SET notes = ?1 WHERE id = ?2",
                rusqlite::params![format!("Notiz {i}"), 1 + (i as u32 * 7) % count],
            )
            .unwrap();
        });
        println!(
            "| one field of a case | {label} | {RUNS} | {:.2} ms | {:.2} ms |",
            median.as_secs_f64() * 1e3,
            p95.as_secs_f64() * 1e3
        );
        // A day before any sample case: the new case is written as received, without a
        // history or sessions, as a clerk saves one.
        let before_all = chrono::NaiveDate::from_ymd_opt(2005, 12, 31).unwrap();
        let (median, p95) = measure(|i| {
            let tx = conn.transaction().unwrap();
            sample_cases::fill(&tx, &user, 1, 10_000 + i as u64, before_all).unwrap();
            tx.commit().unwrap();
        });
        println!(
            "| a whole new case with persons and grounds | {label} | {RUNS} | {:.2} ms | {:.2} ms |",
            median.as_secs_f64() * 1e3,
            p95.as_secs_f64() * 1e3
        );
    }
    drop(conn);

    // The same saves through the unlocked file, as the window makes them: the audit row
    // signed and the chain head written into the slot file after the commit.
    let lock = InstanceLock::acquire(paths).unwrap();
    let mut file = CaseFile::unlock(&lock, USER, PASSWORD).unwrap();
    let label = "after every commit, signed, head kept (as the app)";
    let (median, p95) = measure(|i| file.set_idle_lock_minutes(10 + (i as u32 % 50)).unwrap());
    println!(
        "| one setting, with its audit row | {label} | {RUNS} | {:.2} ms | {:.2} ms |",
        median.as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3
    );
    let (median, p95) = measure(|i| file.fill_with_sample_cases(1, 20_000 + i as u64).unwrap());
    println!(
        "| a whole new case with persons and grounds | {label} | {RUNS} | {:.2} ms | {:.2} ms |",
        median.as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3
    );
}
