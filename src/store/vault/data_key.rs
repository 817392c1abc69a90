//! The random 256-bit key that encrypts the database (SQLCipher raw key).

use rand::RngCore;
use zeroize::Zeroizing;

pub const DATA_KEY_BYTES: usize = 32;

/// The data key. Wiped from memory when dropped; never printed by `Debug`.
pub struct DataKey(Zeroizing<[u8; DATA_KEY_BYTES]>);

impl DataKey {
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; DATA_KEY_BYTES]);
        rand::rngs::OsRng.fill_bytes(bytes.as_mut());
        DataKey(bytes)
    }

    /// Takes the key from a slice of exactly [`DATA_KEY_BYTES`] bytes.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        let array: [u8; DATA_KEY_BYTES] = bytes.try_into().ok()?;
        Some(DataKey(Zeroizing::new(array)))
    }

    pub fn as_bytes(&self) -> &[u8; DATA_KEY_BYTES] {
        &self.0
    }

    /// Hands this key to SQLCipher as a raw key (no passphrase derivation) through
    /// `sqlite3_key_v2`, not as SQL text: the key never passes SQLite's parser or its
    /// statement cache. The `x'…'` form is SQLCipher's notation for raw key data.
    pub(crate) fn apply(&self, conn: &rusqlite::Connection) -> crate::Result<()> {
        let literal = self.raw_key_literal();
        let length = std::ffi::c_int::try_from(literal.len())
            .map_err(|_| crate::Error::Internal("Schlüssellänge".into()))?;
        // SAFETY: the handle belongs to `conn`, which outlives the call; the name is a valid
        // C string; SQLCipher copies the key bytes before returning.
        let rc = unsafe {
            sqlite3_key_v2(
                conn.handle(),
                c"main".as_ptr(),
                literal.as_ptr().cast(),
                length,
            )
        };
        if rc == rusqlite::ffi::SQLITE_OK {
            Ok(())
        } else {
            Err(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rc), None).into())
        }
    }

    /// `x'…'` with the key in hex: SQLCipher's raw key notation.
    fn raw_key_literal(&self) -> Zeroizing<String> {
        let hex = Zeroizing::new(hex::encode(self.as_bytes()));
        Zeroizing::new(format!("x'{}'", hex.as_str()))
    }
}

// SQLCipher's keying function; the bundled SQLCipher that rusqlite links defines it, but
// libsqlite3-sys does not declare it.
extern "C" {
    fn sqlite3_key_v2(
        db: *mut rusqlite::ffi::sqlite3,
        db_name: *const std::ffi::c_char,
        key: *const std::ffi::c_void,
        key_length: std::ffi::c_int,
    ) -> std::ffi::c_int;
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(verborgen)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_differ_and_do_not_leak_through_debug() {
        let a = DataKey::generate();
        let b = DataKey::generate();
        assert_ne!(a.as_bytes(), b.as_bytes());
        assert!(!format!("{a:?}").contains(&hex::encode(a.as_bytes())));
    }

    #[test]
    fn the_raw_key_is_handed_over_in_sqlciphers_notation() {
        let k = DataKey::from_slice(&[0xab; 32]).unwrap();
        assert_eq!(
            k.raw_key_literal().as_str(),
            format!("x'{}'", "ab".repeat(32))
        );
        assert!(DataKey::from_slice(&[1; 31]).is_none());
    }

    #[test]
    fn a_file_keyed_through_the_api_opens_with_the_same_key_as_sql_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        let k = DataKey::from_slice(&[0x5a; 32]).unwrap();
        let conn = rusqlite::Connection::open(&path).unwrap();
        k.apply(&conn).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (42);")
            .unwrap();
        drop(conn);
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", "5a".repeat(32)))
            .unwrap();
        let x: i64 = conn.query_row("SELECT x FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(x, 42);
        // Not plain SQLite: without the key the file does not read.
        let plain = rusqlite::Connection::open(&path).unwrap();
        assert!(plain
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
                .get::<_, i64>(0))
            .is_err());
    }
}
