//! The bytes of a document inside the encrypted file, written and read with SQLite's
//! incremental blob I/O in pieces of 1 MiB, so that no SQL statement holds a second copy of
//! a 50 MB scan. Reading checks the SHA-256 kept with the description.

use std::io::{Read, Write};

use rusqlite::{Connection, MAIN_DB};
use sha2::{Digest, Sha256};

use crate::{Error, Result};

const PIECE: usize = 1 << 20;

/// The SHA-256 of a document, in hex, as it is stored and compared.
pub fn sha256_hex(content: &[u8]) -> String {
    hex::encode(Sha256::digest(content))
}

/// Keeps the bytes of the document `attachment_id`.
pub(crate) fn write(tx: &Connection, attachment_id: u32, content: &[u8]) -> Result<()> {
    let length = i64::try_from(content.len())
        .map_err(|_| Error::Internal("Anlage zu groß für die Datenbank".into()))?;
    tx.execute(
        "INSERT INTO attachment_content (attachment_id, content) VALUES (?1, zeroblob(?2))",
        rusqlite::params![attachment_id, length],
    )?;
    let mut blob = tx.blob_open(
        MAIN_DB,
        "attachment_content",
        "content",
        i64::from(attachment_id),
        false,
    )?;
    for piece in content.chunks(PIECE) {
        blob.write_all(piece)
            .map_err(|e| Error::io("Die Anlage konnte nicht in die Akte geschrieben werden", e))?;
    }
    Ok(())
}

/// The bytes of the document `attachment_id`, checked against `sha256`; `title` names it
/// in the error when they do not match.
pub(crate) fn read(
    conn: &Connection,
    attachment_id: u32,
    sha256: &str,
    title: &str,
) -> Result<Vec<u8>> {
    let mut blob = open(conn, attachment_id, title)?;
    let mut content = Vec::with_capacity(blob.len());
    blob.read_to_end(&mut content)
        .map_err(|e| Error::io("Die Anlage konnte nicht gelesen werden", e))?;
    if sha256_hex(&content) != sha256 {
        return Err(damaged(title));
    }
    Ok(content)
}

/// Whether the bytes of the document still match `sha256`, read in pieces of 1 MiB without
/// holding the whole document.
pub(crate) fn verify(
    conn: &Connection,
    attachment_id: u32,
    sha256: &str,
    title: &str,
) -> Result<()> {
    let mut blob = open(conn, attachment_id, title)?;
    let mut hasher = Sha256::new();
    let mut piece = vec![0u8; PIECE];
    loop {
        let read = blob
            .read(&mut piece)
            .map_err(|e| Error::io("Die Anlage konnte nicht gelesen werden", e))?;
        if read == 0 {
            break;
        }
        hasher.update(&piece[..read]);
    }
    if hex::encode(hasher.finalize()) != sha256 {
        return Err(damaged(title));
    }
    Ok(())
}

/// The bytes `begin..end` of the document (cut at its end); each page of the file they lie
/// on is checked by SQLCipher's page HMAC as it is read.
pub(crate) fn read_range(
    conn: &Connection,
    attachment_id: u32,
    title: &str,
    begin: usize,
    end: usize,
) -> Result<Vec<u8>> {
    let blob = open(conn, attachment_id, title)?;
    let end = end.min(blob.len());
    if begin > end {
        return Err(Error::invalid(
            "Anlage",
            format!("Die Anlage „{title}“ ist kürzer als der verlangte Ausschnitt."),
        ));
    }
    let mut range = vec![0u8; end - begin];
    blob.read_at_exact(&mut range, begin)?;
    Ok(range)
}

/// The length of the document's bytes.
pub(crate) fn length(conn: &Connection, attachment_id: u32, title: &str) -> Result<usize> {
    Ok(open(conn, attachment_id, title)?.len())
}

fn open<'c>(
    conn: &'c Connection,
    attachment_id: u32,
    title: &str,
) -> Result<rusqlite::blob::Blob<'c>> {
    conn.blob_open(
        MAIN_DB,
        "attachment_content",
        "content",
        i64::from(attachment_id),
        true,
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(_, _) => Error::NotFound {
            what: format!("Der Inhalt der Anlage „{title}“"),
        },
        other => Error::Database(other),
    })
}

fn damaged(title: &str) -> Error {
    Error::AttachmentDamaged {
        title: title.to_owned(),
    }
}

/// Removes the bytes of the given documents (secure_delete zeroes their pages).
pub(crate) fn remove(tx: &Connection, attachment_ids: &[u32]) -> Result<()> {
    let mut stmt = tx.prepare_cached("DELETE FROM attachment_content WHERE attachment_id = ?1")?;
    for id in attachment_ids {
        stmt.execute([id])?;
    }
    Ok(())
}
