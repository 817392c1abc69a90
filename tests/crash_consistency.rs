//! Crash consistency: a child process writes whole cases in transactions and reports each
//! commit; the parent kills it with SIGKILL at a random moment, 100 times. After every kill the
//! file must open, pass SQLite's and SQLCipher's integrity checks, hold every reported commit,
//! and keep an intact audit chain.
//!
//! The child unlocks the file with the password, as the window does, so its rows are signed
//! and the chain's head is kept in the slot file after each commit; the head must never be
//! ahead of the file. The child is this test binary itself, started with `HFK_CRASH_CHILD` set and filtered to the
//! ignored `child_writer` test, so no extra program ships for it. SIGKILL ends the process, not
//! the machine: what reached the kernel survives, so this proves the program's transactions,
//! not the disk's cache.

mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use hfk_akte::store::vault::connection::{self, OpenMode};
use hfk_akte::store::vault::data_key::DataKey;
use hfk_akte::store::vault::key_slots::SlotFile;
use hfk_akte::store::{CaseFile, FilePaths, InstanceLock};
use rand::{Rng, SeedableRng};

const ADMIN: &str = "Geschäftsstelle";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
const KILLS: usize = 100;

fn open(db: &std::path::Path, key_hex: &str) -> rusqlite::Connection {
    let key = DataKey::from_slice(&hex::decode(key_hex).unwrap()).unwrap();
    connection::open(db, &key, OpenMode::Existing).unwrap()
}

/// The child: unlocks the file as the program does and writes one invented case per
/// transaction (signed, its head kept in the slot file), forever, and prints its number after
/// each commit has returned.
#[test]
#[ignore = "run by crash_consistency_survives_100_kills as its child process"]
fn child_writer() {
    let (Ok(db), Ok(key)) = (
        std::env::var("HFK_CRASH_CHILD"),
        std::env::var("HFK_CRASH_KEY"),
    ) else {
        return;
    };
    let lock = InstanceLock::acquire(FilePaths::for_database(&db)).unwrap();
    let mut file = CaseFile::unlock(&lock, ADMIN, PASSWORD).unwrap();
    let reader = open(std::path::Path::new(&db), &key);
    let seed: u64 = std::env::var("HFK_CRASH_SEED").unwrap().parse().unwrap();
    for i in 0.. {
        file.fill_with_sample_cases(1, seed * 10_000 + i).unwrap();
        let number: String = reader
            .query_row(
                "SELECT number FROM cases ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        println!("COMMIT {number}");
    }
}

#[test]
fn crash_consistency_survives_100_kills() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let key_hex = hex::encode(common::data_key(&paths, ADMIN, PASSWORD).as_bytes());
    let mut rng = rand::rngs::StdRng::seed_from_u64(23);
    let mut reported: HashSet<String> = HashSet::new();

    for kill in 0..KILLS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "child_writer",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("HFK_CRASH_CHILD", &paths.database)
            .env("HFK_CRASH_KEY", &key_hex)
            .env("HFK_CRASH_SEED", kill.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, commits) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(number) = line.strip_prefix("COMMIT ") {
                    if send.send(number.to_owned()).is_err() {
                        break;
                    }
                }
            }
        });
        // Wait for the first commit, then let it write for a random while and kill it.
        let first = commits
            .recv_timeout(Duration::from_secs(30))
            .expect("the child never committed");
        reported.insert(first);
        let until = Instant::now() + Duration::from_millis(rng.gen_range(0..40));
        while Instant::now() < until {
            if let Ok(n) = commits.recv_timeout(Duration::from_millis(1)) {
                reported.insert(n);
            }
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        // Commits printed before the kill landed count too.
        reported.extend(commits.try_iter());

        let conn = open(&paths.database, &key_hex);
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "after kill {kill}");
        let mut stmt = conn.prepare("PRAGMA cipher_integrity_check").unwrap();
        let problems: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(problems.is_empty(), "after kill {kill}: {problems:?}");
        drop(stmt);
        let mut stmt = conn.prepare("SELECT number FROM cases").unwrap();
        let stored: HashSet<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let lost: Vec<&String> = reported.difference(&stored).collect();
        assert!(
            lost.is_empty(),
            "after kill {kill}, reported commits lost: {lost:?}"
        );
        // Every case is whole: it has its persons (a half-written case would have none).
        let orphans: i64 = conn
            .query_row(
                "SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.case_id = c.id)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0, "after kill {kill}");
        // The chain holds, signed, and the head kept outside never claims more than the file
        // has (it is written after the commit).
        let slots = SlotFile::load(&paths.key_slots).unwrap();
        let chain = slots.verify_chain(&conn).unwrap();
        assert!(chain.first_broken.is_none(), "after kill {kill}: {chain:?}");
    }
    eprintln!(
        "crash consistency: {KILLS} kills survived, {} reported commits, none lost",
        reported.len()
    );
}
