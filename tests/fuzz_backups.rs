//! Fuzzing the backup-file reader with random files and with mutations of a real backup of a
//! file that holds a case. Nothing may panic; a damaged backup is refused with a message; and
//! a mutation may go unnoticed only where the format leaves bytes unchecked (the header's
//! time, or JSON whitespace in the header), never in what the backup holds.

mod common;

use hfk_akte::domain::case::CaseDraft;
use hfk_akte::domain::person::PersonDraft;
use hfk_akte::store::vault::backup;
use hfk_akte::store::InstanceLock;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

const ADMIN: &str = "Geschäftsstelle";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
const BACKUP_CASES: u32 = 150;
const MAGIC: &[u8] = b"HFK-AKTE-SICHERUNG\n";

/// The header's byte range and its JSON without the (unchecked) time.
fn header(bytes: &[u8]) -> Option<(std::ops::Range<usize>, Value)> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
    let start = MAGIC.len() + 4;
    let mut json: Value = serde_json::from_slice(bytes.get(start..start + len)?).ok()?;
    json.as_object_mut()?.remove("created_at");
    Some((start..start + len, json))
}

#[test]
fn the_backup_reader_refuses_random_and_mutated_files_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let ib = file.member_register().unwrap().members[0].id;
    let case = file
        .create_case(&CaseDraft {
            received_on: "01.10.2026".into(),
            brought_by: Some(ib),
            brought_in_on: "01.10.2026".into(),
            ..CaseDraft::default()
        })
        .unwrap()
        .id;
    for given in ["Şükrü", "Ayşe"] {
        file.save_person(
            case,
            None,
            &PersonDraft {
                family_role: if given == "Şükrü" {
                    "hauptperson"
                } else {
                    "kind"
                }
                .into(),
                family_name: "Güneş".into(),
                given_names: given.into(),
                sex: "maennlich".into(),
                nationality: "TR".into(),
                ..PersonDraft::default()
            },
        )
        .unwrap();
    }
    let good = dir.path().join("gut.hfksicherung");
    file.create_backup(&good).unwrap();
    let bytes = std::fs::read(&good).unwrap();
    let original = backup::inspect(&good, ADMIN, PASSWORD).unwrap();
    assert_eq!((original.cases, original.persons), (1, 2));
    let (header_range, original_header) = header(&bytes).unwrap();
    let target = dir.path().join("fuzz.hfksicherung");

    let mut runner = TestRunner::new(Config {
        cases: BACKUP_CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let random = prop::collection::vec(any::<u8>(), 0..512);
    runner
        .run(&random, |noise| {
            std::fs::write(&target, &noise).unwrap();
            prop_assert!(backup::inspect(&target, ADMIN, PASSWORD).is_err());
            Ok(())
        })
        .unwrap();
    // Mutations of a real backup: flipped bytes, cuts, insertions.
    let len = bytes.len();
    let mutation = (0..len, any::<u8>(), 0u8..3);
    runner
        .run(&mutation, |(at, byte, how)| {
            let mut spoilt = bytes.clone();
            match how {
                0 => spoilt[at] ^= byte | 1,
                1 => spoilt.truncate(at),
                _ => spoilt.insert(at, byte),
            }
            std::fs::write(&target, &spoilt).unwrap();
            match backup::inspect(&target, ADMIN, PASSWORD) {
                Ok(opened) => {
                    // Only an unchecked byte may change without detection.
                    prop_assert!(header_range.contains(&at), "byte {at} changed unnoticed");
                    let (_, spoilt_header) =
                        header(&spoilt).expect("an opened backup has a header");
                    prop_assert_eq!(&spoilt_header, &original_header);
                    prop_assert_eq!(
                        (opened.cases, opened.persons, opened.sessions, opened.users),
                        (
                            original.cases,
                            original.persons,
                            original.sessions,
                            original.users
                        )
                    );
                }
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
            Ok(())
        })
        .unwrap();
    eprintln!(
        "fuzz: {} backup files (random and mutated)",
        BACKUP_CASES * 2
    );
}
