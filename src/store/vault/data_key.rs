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

    /// The SQL that hands this key to SQLCipher as a raw key (no passphrase derivation).
    pub(crate) fn key_pragma(&self) -> Zeroizing<String> {
        let hex = Zeroizing::new(hex::encode(self.as_bytes()));
        Zeroizing::new(format!("PRAGMA key = \"x'{}'\";", hex.as_str()))
    }
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
    fn key_pragma_is_a_raw_hex_key() {
        let k = DataKey::from_slice(&[0xab; 32]).unwrap();
        assert_eq!(
            k.key_pragma().as_str(),
            format!("PRAGMA key = \"x'{}'\";", "ab".repeat(32))
        );
        assert!(DataKey::from_slice(&[1; 31]).is_none());
    }
}
