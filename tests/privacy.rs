//! Privacy in depth: searches are recorded, erased fields cannot be confirmed by a guess,
//! and a slot sealed below today's key-derivation cost is sealed again at its next unlock.

mod common;

use hfk_akte::store::cases::search::CaseQuery;
use hfk_akte::store::vault::key_slots::SlotFile;
use hfk_akte::store::vault::slot::{KdfCost, Slot, SlotOwner};
use hfk_akte::store::InstanceLock;
use sha2::{Digest, Sha256};

const ADMIN: &str = "Şükrü Güneş";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";

fn searches(conn: &rusqlite::Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare(
            "SELECT json_extract(p.fields, '$.after.suche') FROM audit_log l
             JOIN audit_payload p ON p.audit_id = l.id
             WHERE l.entity = 'case_list' AND l.action = 'search' ORDER BY l.id",
        )
        .unwrap();
    let rows = stmt.query_map([], |r| r.get(0)).unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn every_search_of_the_case_list_is_recorded_with_its_query() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let query = |search: &str, offset: u32| CaseQuery {
        search: search.into(),
        offset,
        limit: 50,
        ..CaseQuery::default()
    };
    // The list without a search is no search.
    file.list_cases(&query("", 0)).unwrap();
    file.list_cases(&query("Дудаев", 0)).unwrap();
    // The next page of the same search is not a new one; another query is.
    file.list_cases(&query("Дудаев", 50)).unwrap();
    file.list_cases(&query("  Trauma  ", 0)).unwrap();
    let conn = common::raw_connection(&paths, ADMIN, PASSWORD);
    assert_eq!(searches(&conn), ["Дудаев", "Trauma"]);
    assert!(file.verify_audit_chain().unwrap().first_broken.is_none());
}

#[test]
fn changed_fields_are_digested_with_a_salt_a_guess_cannot_reproduce() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    file.list_cases(&CaseQuery {
        search: "Ćosić".into(),
        limit: 50,
        ..CaseQuery::default()
    })
    .unwrap();
    drop(file);
    let conn = common::raw_connection(&paths, ADMIN, PASSWORD);
    let (fields, salt, digest): (String, String, String) = conn
        .query_row(
            "SELECT p.fields, p.salt, l.payload_digest FROM audit_log l
             JOIN audit_payload p ON p.audit_id = l.id WHERE l.entity = 'case_list'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let sha = |text: &str| hex::encode(Sha256::digest(text.as_bytes()));
    assert_eq!(salt.len(), 32);
    // Whoever guesses the exact fields cannot confirm the guess without the salt …
    assert_ne!(sha(&fields), digest);
    // … which is the digest's own input, and is erased with the fields.
    assert_eq!(sha(&format!("{salt}{fields}")), digest);
}

#[test]
fn a_slot_sealed_below_the_default_cost_is_sealed_again_at_its_next_unlock() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    // As an older program (or a tampered slot file within the accepted window) left it.
    let mut slots = SlotFile::load(&paths.key_slots).unwrap();
    let opened = slots
        .user_slot(ADMIN)
        .unwrap()
        .unseal(PASSWORD.as_bytes(), &slots.file_id, &slots.origin)
        .unwrap()
        .unwrap();
    let cheap = KdfCost {
        memory_kib: KdfCost::DEFAULT.memory_kib / 4,
        iterations: 1,
        parallelism: 1,
    };
    let owner = SlotOwner::User {
        username: ADMIN.into(),
    };
    let weak = Slot::seal(
        &opened.data_key,
        PASSWORD.as_bytes(),
        owner,
        &slots.file_id,
        cheap,
        opened.signer.as_ref(),
    )
    .unwrap();
    slots.put(weak);
    slots.save(&paths.key_slots).unwrap();
    let cost = || {
        SlotFile::load(&paths.key_slots)
            .unwrap()
            .user_slot(ADMIN)
            .unwrap()
            .kdf
    };
    assert_eq!(cost(), cheap);

    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    drop(common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD));
    assert_eq!(cost(), KdfCost::DEFAULT);
    drop(common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD));
}
