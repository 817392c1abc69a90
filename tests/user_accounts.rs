//! Users and roles: what an administrator does, and what a removed user can no longer do.

mod common;

use hfk_akte::domain::user::Role;
use hfk_akte::store::CaseFile;
use hfk_akte::store::FilePaths;
use hfk_akte::store::InstanceLock;
use hfk_akte::ErrorCode;

const ADMIN: &str = "Şükrü Güneş";
const ADMIN_PW: &str = "Kiefernwald-Uckermark-Fähre-42";
const CLERK: &str = "Andrea-Maria Petrlić-Woelke";
const CLERK_PW: &str = "Spreewald-Gurke-Oderbruch-17";
const NEW_PW: &str = "Lausitz-Seenland-Brücke-305";

fn setup() -> (tempfile::TempDir, FilePaths, InstanceLock) {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, ADMIN_PW);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    (dir, paths, lock)
}

fn code<T>(r: hfk_akte::Result<T>) -> ErrorCode {
    r.err().expect("expected an error").code()
}

#[test]
fn an_added_user_signs_in_with_their_role_and_cannot_administer() {
    let (_dir, _paths, lock) = setup();
    let mut admin = CaseFile::unlock(&lock, ADMIN, ADMIN_PW).unwrap();
    let added = admin
        .add_user(CLERK, Role::Geschaeftsstelle, CLERK_PW, CLERK_PW)
        .unwrap();
    assert_eq!(added.role, Role::Geschaeftsstelle);
    let names: Vec<String> = admin
        .users()
        .unwrap()
        .into_iter()
        .map(|u| u.username)
        .collect();
    assert_eq!(names, [CLERK, ADMIN]);
    drop(admin);

    let mut clerk = common::take_over(&lock, CLERK, CLERK_PW);
    assert_eq!(clerk.user().role, Role::Geschaeftsstelle);
    assert_eq!(code(clerk.users()), ErrorCode::PermissionDenied);
    assert_eq!(
        code(clerk.set_idle_lock_minutes(5)),
        ErrorCode::PermissionDenied
    );
    assert_eq!(
        code(clerk.add_user("Đorđe Ćosić", Role::Verwaltung, NEW_PW, NEW_PW)),
        ErrorCode::PermissionDenied
    );
    assert_eq!(code(clerk.remove_user(1)), ErrorCode::PermissionDenied);
    assert_eq!(
        code(clerk.reset_password(1, NEW_PW, NEW_PW)),
        ErrorCode::PermissionDenied
    );
}

#[test]
fn a_removed_user_opens_nothing_even_with_an_old_copy_of_the_slot_file() {
    let (_dir, paths, lock) = setup();
    let mut admin = CaseFile::unlock(&lock, ADMIN, ADMIN_PW).unwrap();
    let clerk = admin
        .add_user(CLERK, Role::Geschaeftsstelle, CLERK_PW, CLERK_PW)
        .unwrap();
    let old_slots = std::fs::read(&paths.key_slots).unwrap();
    admin.remove_user(clerk.id).unwrap();
    assert_eq!(admin.users().unwrap().len(), 1);
    drop(admin);

    assert_eq!(
        code(CaseFile::unlock(&lock, CLERK, CLERK_PW)),
        ErrorCode::WrongCredentials
    );
    // The file waits for an upgrade (as after installing a newer program): the removed user's
    // attempt must not write it.
    let raw = common::raw_connection(&paths, ADMIN, ADMIN_PW);
    raw.execute_batch(common::BEFORE_SIGNED_AUDIT).unwrap();
    raw.execute_batch("DROP TABLE advisory_attendance; PRAGMA user_version = 7;")
        .unwrap();
    drop(raw);
    std::fs::write(&paths.key_slots, old_slots).unwrap();
    assert_eq!(
        code(CaseFile::unlock(&lock, CLERK, CLERK_PW)),
        ErrorCode::WrongCredentials
    );
    let version = |paths: &FilePaths| -> i64 {
        common::raw_connection(paths, ADMIN, ADMIN_PW)
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(version(&paths), 7, "a refused user upgraded the file");
    // The administrator still gets in with the old copy: slots are not tied to each other.
    let mut admin = CaseFile::unlock(&lock, ADMIN, ADMIN_PW).unwrap();
    assert_eq!(
        version(&paths),
        hfk_akte::store::vault::migrations::SCHEMA_VERSION
    );
    // A removed name is not given out again, so history stays unambiguous.
    assert_eq!(
        code(admin.add_user(CLERK, Role::Lesend, CLERK_PW, CLERK_PW)),
        ErrorCode::InvalidInput
    );
}

#[test]
fn administrators_cannot_remove_themselves_or_the_last_administrator() {
    let (_dir, _paths, lock) = setup();
    let mut admin = CaseFile::unlock(&lock, ADMIN, ADMIN_PW).unwrap();
    let me = admin.user().id;
    assert_eq!(code(admin.remove_user(me)), ErrorCode::InvalidInput);
    assert_eq!(code(admin.remove_user(999)), ErrorCode::InvalidInput);
    let second = admin
        .add_user("Đorđe Ćosić", Role::Verwaltung, NEW_PW, NEW_PW)
        .unwrap();
    drop(admin);
    let mut other = common::take_over(&lock, "Đorđe Ćosić", NEW_PW);
    other.remove_user(me).unwrap();
    assert_eq!(code(other.remove_user(second.id)), ErrorCode::InvalidInput);
}

#[test]
fn reset_and_own_change_replace_the_password() {
    let (_dir, _paths, lock) = setup();
    let mut admin = CaseFile::unlock(&lock, ADMIN, ADMIN_PW).unwrap();
    let clerk = admin
        .add_user(CLERK, Role::Lesend, CLERK_PW, CLERK_PW)
        .unwrap();
    admin.reset_password(clerk.id, NEW_PW, NEW_PW).unwrap();
    assert_eq!(
        code(admin.reset_password(clerk.id, "kurz", "kurz")),
        ErrorCode::InvalidInput
    );
    drop(admin);
    assert_eq!(
        code(CaseFile::unlock(&lock, CLERK, CLERK_PW)),
        ErrorCode::WrongCredentials
    );

    // The reset password opens nothing until the colleague has chosen their own; it may not
    // be kept, and the new one must meet the policy.
    assert_eq!(
        code(CaseFile::unlock(&lock, CLERK, NEW_PW)),
        ErrorCode::PasswordChangeRequired
    );
    assert_eq!(
        code(CaseFile::unlock_with_new_password(
            &lock, CLERK, NEW_PW, NEW_PW, NEW_PW
        )),
        ErrorCode::InvalidInput
    );
    assert_eq!(
        code(CaseFile::unlock_with_new_password(
            &lock, CLERK, NEW_PW, "kurz", "kurz"
        )),
        ErrorCode::InvalidInput
    );
    assert_eq!(
        code(CaseFile::unlock_with_new_password(
            &lock,
            CLERK,
            "falsch-falsch-1",
            CLERK_PW,
            CLERK_PW
        )),
        ErrorCode::WrongCredentials
    );
    let mut clerk_file =
        CaseFile::unlock_with_new_password(&lock, CLERK, NEW_PW, CLERK_PW, CLERK_PW).unwrap();
    assert_eq!(
        code(clerk_file.change_own_password("falsch-falsch-1", CLERK_PW, CLERK_PW)),
        ErrorCode::InvalidInput
    );
    let report = clerk_file.verify_audit_chain().unwrap();
    assert!(report.first_broken.is_none());
    drop(clerk_file);
    // Chosen by the colleague: no further change is asked for, and the old one is gone.
    CaseFile::unlock(&lock, CLERK, CLERK_PW).unwrap();
    assert_eq!(
        code(CaseFile::unlock(&lock, CLERK, NEW_PW)),
        ErrorCode::WrongCredentials
    );
    // An administrator's own change is not a reset: they are not asked again.
    let mut admin = CaseFile::unlock(&lock, ADMIN, ADMIN_PW).unwrap();
    admin.change_own_password(ADMIN_PW, NEW_PW, NEW_PW).unwrap();
    drop(admin);
    CaseFile::unlock(&lock, ADMIN, NEW_PW).unwrap();
}

#[test]
fn every_account_action_is_in_the_audit_chain_without_key_material() {
    let (_dir, paths, lock) = setup();
    let mut admin = CaseFile::unlock(&lock, ADMIN, ADMIN_PW).unwrap();
    let clerk = admin
        .add_user(CLERK, Role::Geschaeftsstelle, CLERK_PW, CLERK_PW)
        .unwrap();
    admin.reset_password(clerk.id, NEW_PW, NEW_PW).unwrap();
    admin.remove_user(clerk.id).unwrap();
    drop(admin);
    let conn = common::raw_connection(&paths, ADMIN, ADMIN_PW);
    let rows: Vec<(String, String)> = conn
        .prepare(
            "SELECT l.entity || '/' || l.action, coalesce(p.fields, '')
             FROM audit_log l JOIN audit_payload p ON p.audit_id = l.id ORDER BY l.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let actions: Vec<&str> = rows.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        actions,
        [
            "signing_key/register",
            "file/create",
            "session/unlock",
            "signing_key/register",
            "user/create",
            "signing_key/register",
            "user/password_reset",
            "user/remove"
        ]
    );
    for (_, fields) in &rows {
        for secret in [ADMIN_PW, CLERK_PW, NEW_PW] {
            assert!(!fields.contains(secret), "{fields}");
        }
    }
}
