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
    include_str!("migrations/0009_rebuild_once.sql"),
    include_str!("migrations/0010_signed_audit.sql"),
    include_str!("migrations/0011_privacy_in_depth.sql"),
    include_str!("migrations/0012_member_copies.sql"),
    include_str!("migrations/0013_letters.sql"),
    include_str!("migrations/0014_imports.sql"),
    include_str!("migrations/0015_attachments.sql"),
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

/// Rebuilds the file once when a migration asked for it (`rebuild_pending`): VACUUM writes
/// every live page anew, so no free page keeps text from before secure_delete was on.
pub fn rebuild_if_pending(conn: &Connection) -> Result<()> {
    let pending: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM settings WHERE key = 'rebuild_pending')",
        [],
        |r| r.get(0),
    )?;
    if pending {
        conn.execute_batch("VACUUM")?;
        conn.execute("DELETE FROM settings WHERE key = 'rebuild_pending'", [])?;
    }
    Ok(())
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

    /// The SHA-256 of every shipped script. Files in use were built by exactly these; an
    /// edit would give old and new files different schemas under the same version number.
    /// Append a line for a new script; never change one.
    const PINNED: &[&str] = &[
        "6e1820e9559906c6d1c05cd7eb46ad2704a983a975d65f72a17ef9ea823b4273", // 0001_foundation
        "2a36b7f1b339bc57a99efda604d05449f38c8c553b1471c8d4707f2391ea380e", // 0002_audit
        "9e1e1f81f5713f994d7be83b675c56da3779df5c2830fbb959a985cc325ae4e2", // 0003_cases
        "fe4c0177bcfc210e17cefaf195cd63475212e7906d8416c303ebbf28a19ce00a", // 0004_sessions
        "ba9f2185a712ad8b453d23d5f1ba26b46cf5e6b81482f5cd54d1b0929b09029e", // 0005_retention
        "8e688ee5a09967f30aac7c675f2b771227b0cd77972a13026f0f1837dfa0d222", // 0006_recusal_stand_ins
        "f339d9e3d28d520678998d7fce7682ab250db6dd45fb473a5afa0d56149f3ebd", // 0007_original_names
        "a1b8580b79f93d417063b41ec7518fb7606887142ccfcc02662e635bcb3cb1bb", // 0008_advisory_attendance
        "59d1e790c83cc764772eedc291fd96891a02681aaf55d16231fceebffff00b56", // 0009_rebuild_once
        "ade96a9b70e960555eabf497c67233bfb0cac158ebdb3333abe0e04c79d03e0a", // 0010_signed_audit
        "ccc6ac2254b0e4bfe7f017b10d91ebbd3dc6ae15d1ff9cc64df70d30eb603f0a", // 0011_privacy_in_depth
        "a6d82d8b2f5bf43d8f625f0141cb111cd045f5792ef1ef758ffc6e4524209c02", // 0012_member_copies
        "59c5bb88ec7c35832484d7c5d0645b6da82df2c6595f9444c5ad761c5a914dea", // 0013_letters
        "13ae4b85ff7724486124fec78728570a0e014ac01c4ddfed759d36c0fcd20d18", // 0014_imports
        "af6f4bb2bb841039ee71f788d9c537b15cea7e81b0d375326459dee2721a69f6", // 0015_attachments
    ];

    #[test]
    fn no_shipped_script_was_edited() {
        use sha2::{Digest, Sha256};
        assert_eq!(
            MIGRATIONS.len(),
            PINNED.len(),
            "pin the new script's SHA-256"
        );
        for (i, (script, pinned)) in MIGRATIONS.iter().zip(PINNED).enumerate() {
            let actual = hex::encode(Sha256::digest(script.as_bytes()));
            assert_eq!(&actual, pinned, "migration {} was edited", i + 1);
        }
    }

    /// Tables, indexes, triggers and views as SQLite stores them.
    fn schema(conn: &Connection) -> Vec<(String, String, Option<String>)> {
        conn.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn a_file_of_every_earlier_version_upgrades_to_the_fresh_schema() {
        let mut fresh = Connection::open_in_memory().unwrap();
        migrate(&mut fresh).unwrap();
        let expected = schema(&fresh);
        for version in 1..SCHEMA_VERSION {
            let mut old = Connection::open_in_memory().unwrap();
            register_functions(&old).unwrap();
            for script in &MIGRATIONS[..version as usize] {
                old.execute_batch(script).unwrap();
            }
            old.pragma_update(None, "user_version", version).unwrap();
            migrate(&mut old).unwrap();
            assert_eq!(schema_version(&old).unwrap(), SCHEMA_VERSION);
            assert_eq!(schema(&old), expected, "upgraded from version {version}");
        }
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
