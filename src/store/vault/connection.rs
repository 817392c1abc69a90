//! Opening the SQLCipher database with the raw data key, and the checks that tell a
//! damaged file from a healthy one.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::domain::collation;
use crate::error::technical;
use crate::store::vault::data_key::DataKey;
use crate::store::vault::private_file;
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// The file must already exist.
    Existing,
    /// The file is created; it must not exist yet.
    Create,
    /// The file must exist and is only read: for checks that must not change what they
    /// check (no journal change, no write of any kind).
    ReadOnly,
}

/// The name SQLite gets: always absolute. The bundled SQLCipher is built with URI names on
/// (`SQLITE_USE_URI`), whatever the open flags say; a name that begins with `file:` would be
/// read as a URI whose parameters (`immutable`, `nolock`, `vfs`) change how the file is
/// opened. An absolute path begins with `/`, so it is always a plain name.
fn sqlite_name(path: &Path) -> Result<std::path::PathBuf> {
    std::path::absolute(path).map_err(|e| {
        Error::io(
            format!("Der Pfad {} ist nicht verwendbar", path.display()),
            e,
        )
    })
}

/// No SQLITE_OPEN_URI either (it would not turn URI names off, see [`sqlite_name`]).
fn flags(mode: OpenMode) -> OpenFlags {
    let access = match mode {
        OpenMode::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
        _ => OpenFlags::SQLITE_OPEN_READ_WRITE,
    };
    access | OpenFlags::SQLITE_OPEN_NO_MUTEX
}

/// Opens the database: silences SQLCipher's own logging, sets the raw key first, proves the
/// key reads the file, then sets WAL with a checkpoint after every commit, foreign keys,
/// in-memory temp store and full sync.
pub fn open(path: &Path, key: &DataKey, mode: OpenMode) -> Result<Connection> {
    // From the first file this process opens on, it writes no core dump.
    crate::store::vault::core_dumps::forbid();
    let flags = flags(mode);
    match mode {
        OpenMode::Create => {
            // Created here, private, before SQLite sees it: an empty file is an empty
            // database, and SQLite gives the -wal and -shm files the same mode.
            private_file::create_new(path).map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => Error::FileExists {
                    path: path.display().to_string(),
                },
                _ => Error::io(
                    format!("Die Akte konnte nicht angelegt werden ({})", path.display()),
                    e,
                ),
            })?;
        }
        OpenMode::Existing | OpenMode::ReadOnly => {
            if !path.exists() {
                return Err(Error::FileNotFound {
                    path: path.display().to_string(),
                });
            }
        }
    }
    let conn = Connection::open_with_flags(sqlite_name(path)?, flags)?;
    // SQLCipher writes its warnings to stderr by default; they would carry file names into logs.
    // cipher_memory_security: SQLCipher wipes every allocation of the library when it is
    // freed, so freed pages of case data do not linger in the heap (it also tries to lock
    // them in memory, which fails silently beyond the small RLIMIT_MEMLOCK: swap is not
    // ruled out). It holds for the whole process once set.
    conn.execute_batch("PRAGMA cipher_log_level = NONE; PRAGMA cipher_memory_security = ON;")?;
    key.apply(&conn)?;
    // The first read proves the key: a wrong key or a damaged first page fails here.
    // Only SQLITE_NOTADB/CORRUPT read as damage (see `From<rusqlite::Error>`); a busy file is
    // not damaged.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    if mode == OpenMode::ReadOnly {
        conn.execute_batch("PRAGMA query_only = ON; PRAGMA temp_store = MEMORY;")?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.create_collation(collation::SQL_COLLATION, collation::compare)?;
        return Ok(conn);
    }
    let journal: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !journal.eq_ignore_ascii_case("wal") {
        return Err(Error::Internal(format!(
            "Journalmodus WAL nicht verfügbar ({journal})"
        )));
    }
    // secure_delete: a freed page is overwritten with zeros, so an edited or removed text
    // does not linger in free pages of the file.
    // wal_autocheckpoint = 1: after every commit SQLite copies the log into the database
    // file itself (and syncs it), so that the `.hfk` file alone holds every acknowledged
    // save; a copy of `.hfk` and `.keys` made right after a save is whole. The log keeps
    // its frames until a later commit reuses them; they are already in the file.
    conn.execute_batch(
        "PRAGMA wal_autocheckpoint = 1;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA synchronous = FULL;
         PRAGMA cache_size = -65536;",
    )?;
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.create_collation(collation::SQL_COLLATION, collation::compare)?;
    Ok(conn)
}

/// Writes the log (`-wal`) back into the database and empties it. A log that could not be
/// written back completely (busy) is an error, not a silent success.
pub fn checkpoint(conn: &Connection) -> Result<()> {
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    if busy != 0 {
        return Err(Error::FileUnavailable {
            detail: "Das Journal der Akte ist belegt und wurde nicht zurückgeschrieben.".into(),
        });
    }
    Ok(())
}

/// Checks every page's authentication code (SQLCipher) and the b-tree structure (SQLite).
pub fn check_integrity(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA cipher_integrity_check")?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    if !problems.is_empty() {
        let mut detail: Vec<String> = problems
            .iter()
            .take(3)
            .map(|p| technical::integrity_line(p))
            .collect();
        if problems.len() > 3 {
            detail.push(format!("und {} weitere", problems.len() - 3));
        }
        return Err(Error::FileDamaged {
            detail: detail.join("; "),
        });
    }
    let quick: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if quick != "ok" {
        return Err(Error::FileDamaged {
            detail: technical::integrity_line(&quick),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn a_wrong_key_reads_as_a_damaged_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.hfk");
        let key = DataKey::generate();
        let conn = open(&path, &key, OpenMode::Create).unwrap();
        conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .unwrap();
        drop(conn);
        let err = open(&path, &DataKey::generate(), OpenMode::Existing).unwrap_err();
        assert_eq!(err.code(), ErrorCode::FileDamaged);
        let conn = open(&path, &key, OpenMode::Existing).unwrap();
        check_integrity(&conn).unwrap();
    }

    #[test]
    fn a_busy_file_is_not_reported_as_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.hfk");
        let key = DataKey::generate();
        let holder = open(&path, &key, OpenMode::Create).unwrap();
        // Another connection holds the file exclusively (as a stuck process would).
        holder
            .execute_batch(
                "PRAGMA locking_mode = EXCLUSIVE; CREATE TABLE t(x); INSERT INTO t VALUES (1);",
            )
            .unwrap();
        let err = open(&path, &key, OpenMode::Existing).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Io, "{err}");
        assert!(!err.to_string().contains("Sicherung"), "{err}");
        drop(holder);
        open(&path, &key, OpenMode::Existing).unwrap();
    }

    #[test]
    fn open_modes_guard_existence() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.hfk");
        let key = DataKey::generate();
        assert_eq!(
            open(&path, &key, OpenMode::Existing).unwrap_err().code(),
            ErrorCode::FileNotFound
        );
        drop(open(&path, &key, OpenMode::Create).unwrap());
        assert_eq!(
            open(&path, &key, OpenMode::Create).unwrap_err().code(),
            ErrorCode::FileExists
        );
    }

    #[test]
    fn an_open_file_wipes_freed_memory_and_the_process_writes_no_core_dump() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(
            &dir.path().join("a.hfk"),
            &DataKey::generate(),
            OpenMode::Create,
        )
        .unwrap();
        let on: String = conn
            .query_row("PRAGMA cipher_memory_security", [], |r| r.get(0))
            .unwrap();
        assert_eq!(on, "1");
        assert!(crate::store::vault::core_dumps::forbidden());
    }

    #[test]
    fn a_name_that_looks_like_a_uri_is_only_a_name() {
        // SQLite reads a name beginning with `file:` as a URI: `immutable=1` would open the
        // file without locks or journal. What SQLite gets never begins so.
        let name = sqlite_name(Path::new("file:akte.hfk?immutable=1")).unwrap();
        assert!(name.is_absolute() && name.ends_with("file:akte.hfk?immutable=1"));
        assert!(!name.to_string_lossy().starts_with("file:"));
        for mode in [OpenMode::Existing, OpenMode::Create, OpenMode::ReadOnly] {
            assert!(!flags(mode).contains(OpenFlags::SQLITE_OPEN_URI));
        }
    }
}
