//! Copying the open database into a new SQLCipher file under a given key
//! (`sqlcipher_export`): the snapshot of a backup and the re-encrypted file of a key change.
//! The copy stays encrypted throughout, also in its temporary place.

use std::path::Path;

use rusqlite::Connection;
use zeroize::Zeroizing;

use crate::store::vault::data_key::DataKey;
use crate::store::vault::migrations;
use crate::{Error, Result};

/// The name the copy is attached under while `finish` runs (`ziel.file_meta` …).
pub(crate) const TARGET: &str = "ziel";

/// Exports the whole database into a new file `target` (replaced if present) under `key`,
/// with the schema version; `finish` may change the copy before it is detached. `what` names
/// the copy in an error ("Die Sicherung").
pub(crate) fn export_encrypted(
    conn: &Connection,
    target: &Path,
    key: &DataKey,
    what: &str,
    finish: impl FnOnce(&Connection) -> Result<()>,
) -> Result<()> {
    let _ = std::fs::remove_file(target);
    // The connection may not create files; an empty file is an empty database to attach.
    // Created new: a link planted at this name is not followed.
    crate::store::vault::private_file::create_new(target).map_err(|e| {
        Error::io(
            format!("{what} konnte nicht angelegt werden ({})", target.display()),
            e,
        )
    })?;
    // Absolute, so that SQLite never reads the name as a URI (see `connection`).
    let absolute = std::path::absolute(target).map_err(|e| {
        Error::io(
            format!("{what} konnte nicht angelegt werden ({})", target.display()),
            e,
        )
    })?;
    let target_str = absolute
        .to_str()
        .ok_or_else(|| Error::invalid("Ziel", "Der Pfad enthält Zeichen, die nicht gehen."))?;
    let hex = Zeroizing::new(hex::encode(key.as_bytes()));
    let literal = Zeroizing::new(format!("x'{}'", hex.as_str()));
    conn.execute(
        &format!("ATTACH DATABASE ?1 AS {TARGET} KEY ?2"),
        [target_str, literal.as_str()],
    )?;
    let done = (|| -> Result<()> {
        conn.query_row(&format!("SELECT sqlcipher_export('{TARGET}')"), [], |_| {
            Ok(())
        })?;
        conn.execute_batch(&format!(
            "PRAGMA {TARGET}.user_version = {}",
            migrations::schema_version(conn)?
        ))?;
        finish(conn)
    })();
    conn.execute_batch(&format!("DETACH DATABASE {TARGET}"))?;
    done
}
