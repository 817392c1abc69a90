//! Schema migrations: append-only SQL scripts numbered by `PRAGMA user_version`.
//!
//! All pending scripts run in one IMMEDIATE transaction together with the new version
//! number, so a file is either wholly upgraded or untouched. A file whose version is newer
//! than this program knows is refused before anything is written.

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, TransactionBehavior};

use crate::domain::search_text::sound_text;
use crate::{Error, Result};

/// The SQL function a migration uses to fill the name-sounds index from stored names.
fn register_functions(conn: &Connection) -> Result<()> {
    conn.create_scalar_function(
        "hfk_name_sounds",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(sound_text(&ctx.get::<String>(0)?)),
    )?;
    Ok(())
}

/// Never edit or reorder an entry; only append.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_foundation.sql"),
    include_str!("migrations/0002_audit.sql"),
    include_str!("migrations/0003_cases.sql"),
    include_str!("migrations/0004_sessions.sql"),
    include_str!("migrations/0005_retention.sql"),
    include_str!("migrations/0006_recusal_stand_ins.sql"),
    include_str!("migrations/0007_original_names.sql"),
    include_str!("migrations/0008_advisory_attendance.sql"),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// The file's schema version, refused when this program cannot read it (newer, or invalid).
pub fn readable_version(conn: &Connection) -> Result<i64> {
    let current = schema_version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            file_version: current,
            program_version: SCHEMA_VERSION,
        });
    }
    if current < 0 {
        return Err(Error::FileDamaged {
            detail: format!("ungültige Schemaversion {current}"),
        });
    }
    Ok(current)
}

/// Whether the file needs an upgrade (which writes to it).
pub fn pending(conn: &Connection) -> Result<bool> {
    Ok(readable_version(conn)? < SCHEMA_VERSION)
}

/// Brings the file to [`SCHEMA_VERSION`]; writes nothing when it is there already.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    if !pending(conn)? {
        return Ok(());
    }
    register_functions(conn)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current = readable_version(&tx)?;
    for script in &MIGRATIONS[current as usize..] {
        tx.execute_batch(script)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_to_an_empty_database_and_are_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION);
        migrate(&mut conn).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn a_file_of_the_first_version_is_upgraded_with_its_data() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO users (username, username_key, role, created_at)
             VALUES ('Đorđe Ćosić', 'đorđe ćosić', 'lesend', '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION);
        let name: String = conn
            .query_row("SELECT username FROM users", [], |r| r.get(0))
            .unwrap();
        assert_eq!(name, "Đorđe Ćosić");
        let audit_rows: i64 = conn
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap();
        assert_eq!(audit_rows, 0);
    }

    #[test]
    fn names_stored_before_the_sounds_index_are_found_by_their_sound() {
        let mut conn = Connection::open_in_memory().unwrap();
        for script in &MIGRATIONS[..6] {
            conn.execute_batch(script).unwrap();
        }
        conn.pragma_update(None, "user_version", 6).unwrap();
        conn.execute_batch(
            "INSERT INTO cases (id, number, year, seq, status, received_on, brought_by, brought_in_on,
                                consent_on_file, created_at, updated_at)
             VALUES (7, 'HFK-2026-007', 2026, 7, 'eingegangen', '2026-01-05', 1, '2026-01-05', 1,
                     '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z');
             INSERT INTO persons (case_id, position, family_role, family_name, given_names, sex, nationality)
             VALUES (7, 1, 'hauptperson', 'Dudaev', 'Achmed', 'maennlich', 'RU');",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let found: i64 = conn
            .query_row(
                "SELECT rowid FROM name_sounds WHERE name_sounds MATCH '\"ddv\"*'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(found, 7);
    }

    #[test]
    fn a_newer_schema_is_refused_and_left_alone() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::SchemaTooNew);
        assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION + 1);
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tables, 0);
    }

    #[test]
    fn a_failing_script_leaves_no_trace() {
        let mut conn = Connection::open_in_memory().unwrap();
        // A table the first script is about to create makes it fail half-way.
        conn.execute_batch("CREATE TABLE settings (x)").unwrap();
        assert!(migrate(&mut conn).is_err());
        assert_eq!(schema_version(&conn).unwrap(), 0);
        let has_users: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'users'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(has_users, 0);
    }
}
