//! `cargo bench --bench unlock`: the cost of unlocking, side by side.
//! Prints a Markdown table for BENCHMARKS.md.

use std::time::{Duration, Instant};

use hfk_akte::store::vault::connection::{self, OpenMode};
use hfk_akte::store::vault::key_slots::{KdfCost, SlotFile};
use hfk_akte::store::vault::new_file::NewFile;
use hfk_akte::store::CaseFile;

const USER: &str = "Geschäftsstelle";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";

fn measure(runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    f(); // warm-up
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    let p95 = times[((runs as f64 * 0.95).ceil() as usize).min(runs) - 1];
    (times[runs / 2], p95)
}

fn row(what: &str, runs: usize, (median, p95): (Duration, Duration)) {
    println!(
        "| {what} | {runs} | {:.2} ms | {:.2} ms |",
        median.as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let location = dir.path().join("bench.hfk");
    let new = NewFile::prepare(location.to_str().unwrap(), USER, PASSWORD, PASSWORD).unwrap();
    let (lock, file) = new.create(new.recovery_key().last_block()).unwrap();
    let paths = file.paths().clone();
    drop(file);

    let slots = SlotFile::load(&paths.key_slots).unwrap();
    let slot = slots.user_slot(USER).unwrap().clone();
    let key = slot
        .open(PASSWORD.as_bytes(), &slots.file_id, &slots.origin)
        .unwrap()
        .unwrap();
    let KdfCost {
        memory_kib,
        iterations,
        parallelism,
    } = slot.kdf;

    println!(
        "Argon2id cost: m = {} MiB, t = {iterations}, p = {parallelism}\n",
        memory_kib / 1024
    );
    println!("| step | runs | median | p95 |");
    println!("|---|---|---|---|");
    row(
        "open one key slot (Argon2id + XChaCha20-Poly1305)",
        10,
        measure(10, || {
            slot.open(PASSWORD.as_bytes(), &slots.file_id, &slots.origin)
                .unwrap()
                .unwrap();
        }),
    );
    row(
        "whole unlock (slot, open, migrations, user, audit row; pages checked afterwards)",
        10,
        measure(10, || {
            drop(CaseFile::unlock(&lock, USER, PASSWORD).unwrap());
        }),
    );
    row(
        "open a connection with the raw data key",
        200,
        measure(200, || {
            drop(connection::open(&paths.database, &key, OpenMode::Existing).unwrap());
        }),
    );

    // For comparison: SQLCipher's own passphrase KDF (PBKDF2-SHA512, 256,000 rounds), which the
    // design avoids because every connection would pay it.
    let pbkdf_path = dir.path().join("passphrase.db");
    {
        let c = rusqlite::Connection::open(&pbkdf_path).unwrap();
        c.execute_batch(
            "PRAGMA cipher_log_level = NONE; PRAGMA key = 'ein Passwort'; CREATE TABLE t(x);",
        )
        .unwrap();
    }
    row(
        "for comparison: open with SQLCipher's passphrase KDF",
        10,
        measure(10, || {
            let c = rusqlite::Connection::open(&pbkdf_path).unwrap();
            c.execute_batch("PRAGMA cipher_log_level = NONE; PRAGMA key = 'ein Passwort';")
                .unwrap();
            c.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap();
        }),
    );
}
