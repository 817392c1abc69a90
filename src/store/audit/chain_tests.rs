//! Tests of the audit chain: every kind of forgery is found.

use super::*;
use crate::domain::user::Role;
use crate::store::audit::entries::recent;
use crate::store::audit::{sign_pending, Signer};
use crate::store::vault::migrations;

fn user(id: u32, name: &str) -> User {
    User {
        id,
        username: name.into(),
        role: Role::Verwaltung,
    }
}

/// Appends a row and signs it, as a commit does.
fn add(conn: &Connection, user: &User, signer: &Signer, event: AuditEvent<'_>) {
    append(conn, user, event).unwrap();
    sign_pending(conn, signer).unwrap();
}

fn register(conn: &Connection, by: &User, signer: &Signer, owner: u32, key: &Signer) {
    let entity_id = format!("{owner}:{}", key.public_hex());
    let event = AuditEvent {
        action: AuditAction::SigningKeyRegister,
        entity_id: Some(&entity_id),
        before: None,
        after: None,
    };
    add(conn, by, signer, event);
}

fn setting(i: i32) -> AuditEvent<'static> {
    AuditEvent {
        action: AuditAction::SettingsUpdate,
        entity_id: Some("idle_lock_minutes"),
        before: Some(serde_json::json!(i)),
        after: Some(serde_json::json!(i + 1)),
    }
}

/// Row 1 registers the user's key (signed by itself, as at a new file); rows 2 to 5 change
/// a setting.
fn setup_signed() -> (Connection, User, Signer) {
    let mut conn = Connection::open_in_memory().unwrap();
    migrations::migrate(&mut conn).unwrap();
    let user = user(1, "Şükrü Güneş");
    let signer = Signer::generate();
    register(&conn, &user, &signer, 1, &signer);
    for i in 0..4 {
        add(&conn, &user, &signer, setting(i));
    }
    (conn, user, signer)
}

fn setup() -> (Connection, User) {
    let (conn, user, _) = setup_signed();
    (conn, user)
}

fn first_broken(conn: &Connection) -> Option<u32> {
    verify(conn).unwrap().first_broken.map(|b| b.id)
}

#[test]
fn recent_lists_newest_first_in_german() {
    let (conn, _) = setup();
    let rows = recent(&conn, 2).unwrap();
    assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), [5, 4]);
    assert_eq!(rows[0].description, "Einstellung geändert");
    assert_eq!(rows[0].username, "Şükrü Güneş");
}

#[test]
fn an_untouched_chain_verifies() {
    let (conn, _) = setup();
    assert_eq!(
        verify(&conn).unwrap(),
        ChainReport {
            rows: 5,
            first_broken: None
        }
    );
}

#[test]
fn an_edited_row_is_found() {
    let (conn, _) = setup();
    conn.execute("UPDATE audit_log SET action = 'delete' WHERE id = 3", [])
        .unwrap();
    assert_eq!(first_broken(&conn), Some(3));
}

#[test]
fn an_edited_payload_is_found() {
    let (conn, _) = setup();
    conn.execute(
        "UPDATE audit_payload SET fields = '{\"before\":9,\"after\":9}' WHERE audit_id = 2",
        [],
    )
    .unwrap();
    assert_eq!(first_broken(&conn), Some(2));
}

#[test]
fn a_deleted_row_is_found_at_its_successor() {
    let (conn, _) = setup();
    conn.execute_batch(
        "DELETE FROM audit_payload WHERE audit_id = 2; DELETE FROM audit_log WHERE id = 2;",
    )
    .unwrap();
    assert_eq!(first_broken(&conn), Some(3));
}

#[test]
fn changed_fields_left_behind_by_a_deleted_last_row_are_found() {
    let (conn, _) = setup();
    conn.execute_batch("PRAGMA foreign_keys = OFF; DELETE FROM audit_log WHERE id = 5;")
        .unwrap();
    assert_eq!(first_broken(&conn), Some(5));
}

#[test]
fn swapped_rows_are_found() {
    let (conn, _) = setup();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         UPDATE audit_log SET id = 100 WHERE id = 2;
         UPDATE audit_log SET id = 2 WHERE id = 3;
         UPDATE audit_log SET id = 3 WHERE id = 100;",
    )
    .unwrap();
    assert_eq!(first_broken(&conn), Some(2));
}

#[test]
fn erasing_a_payload_keeps_the_chain_valid_and_new_rows_chain_on() {
    let (conn, user, signer) = setup_signed();
    // What a deletion run does to the personal data in a row's changed fields.
    conn.execute(
        "UPDATE audit_payload SET fields = NULL WHERE audit_id = 2",
        [],
    )
    .unwrap();
    assert_eq!(
        first_broken(&conn),
        Some(2),
        "an erasure no deletion run lists is a finding"
    );
    add(
        &conn,
        &user,
        &signer,
        AuditEvent {
            action: AuditAction::RetentionDelete,
            entity_id: None,
            before: None,
            after: Some(serde_json::json!({ "cases": [], "erased_rows": [2] })),
        },
    );
    assert_eq!(first_broken(&conn), None);
    add(
        &conn,
        &user,
        &signer,
        AuditEvent {
            action: AuditAction::DocumentExport,
            entity_id: None,
            before: None,
            after: None,
        },
    );
    assert_eq!(verify(&conn).unwrap().rows, 7);
    assert_eq!(first_broken(&conn), None);
}

/// An insider with the data key re-hashes an edited row and every later one, signing with
/// their own key: the rows in the other user's name are found.
#[test]
fn a_rehashed_chain_signed_by_another_user_is_found() {
    let (conn, admin, admin_key) = setup_signed();
    let clerk = user(2, "Đorđe Ćosić");
    let clerk_key = Signer::generate();
    register(&conn, &admin, &admin_key, 2, &clerk_key);
    add(&conn, &clerk, &clerk_key, setting(9));
    assert_eq!(first_broken(&conn), None);
    // The clerk rewrites the administrator's row 3 and re-hashes the chain from there.
    conn.execute("UPDATE audit_log SET action = 'delete' WHERE id = 3", [])
        .unwrap();
    let mut prev: String = conn
        .query_row("SELECT row_hash FROM audit_log WHERE id = 2", [], |r| {
            r.get(0)
        })
        .unwrap();
    for id in 3..=7i64 {
        let hash = rehash(&conn, id, &prev);
        conn.execute(
            "UPDATE audit_log SET prev_hash = ?1, row_hash = ?2, signer_key = ?3, signature = ?4 WHERE id = ?5",
            rusqlite::params![prev, hash, clerk_key.public_hex(), clerk_key.sign(&super::super::signature::row_message(&hash)), id],
        )
        .unwrap();
        prev = hash;
    }
    let report = verify(&conn).unwrap();
    let broken = report.first_broken.unwrap();
    assert_eq!(broken.id, 3);
    assert!(broken
        .reason
        .contains("nicht für diesen Benutzer hinterlegt"));
}

/// A row in another user's name, signed with the forger's own key, is found; so is an
/// unsigned row after signed ones, and a self-registered key for a user who has one is
/// accepted only as a registration (it is visible in the history).
#[test]
fn a_row_in_another_users_name_is_found() {
    let (conn, _, _) = setup_signed();
    let forger = Signer::generate();
    add(&conn, &user(1, "Şükrü Güneş"), &forger, setting(7));
    assert_eq!(first_broken(&conn), Some(6));

    let (conn, admin, _) = setup_signed();
    append(&conn, &admin, setting(8)).unwrap();
    assert_eq!(first_broken(&conn), Some(6), "an unsigned row is found");
}

/// Rows written before signatures began verify as an unsigned prefix; a signature removed
/// from a later row does not.
#[test]
fn only_a_prefix_of_rows_may_be_unsigned() {
    let (conn, _, _) = setup_signed();
    conn.execute(
        "UPDATE audit_log SET signer_key = '', signature = '' WHERE id <= 2",
        [],
    )
    .unwrap();
    assert_eq!(
        first_broken(&conn),
        Some(3),
        "the key row 1 registered is no longer registered"
    );
    let (conn2, _, _) = setup_signed();
    conn2
        .execute(
            "UPDATE audit_log SET signer_key = '', signature = '' WHERE id = 4",
            [],
        )
        .unwrap();
    assert_eq!(first_broken(&conn2), Some(4));
}

fn rehash(conn: &Connection, id: i64, prev: &str) -> String {
    conn.query_row(
        "SELECT id, at, user_id, username, entity, entity_id, action, payload_digest FROM audit_log WHERE id = ?1",
        [id],
        |r| {
            Ok(ChainedFields {
                id: r.get(0)?,
                at: &r.get::<_, String>(1)?,
                user_id: r.get(2)?,
                username: &r.get::<_, String>(3)?,
                entity: &r.get::<_, String>(4)?,
                entity_id: r.get::<_, Option<String>>(5)?.as_deref(),
                action: &r.get::<_, String>(6)?,
                payload_digest: &r.get::<_, String>(7)?,
                prev_hash: prev,
            }
            .hash())
        },
    )
    .unwrap()
}
