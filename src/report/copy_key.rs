//! The values of the PDF 2.0 security handler (revision 6) that a password opens, derived
//! once when the password is set, so that the password itself need never be kept.
//!
//! Revision 6 checks a password against `/U` (a hash of the password with a validation salt)
//! and unwraps the file key from `/UE` with a second hash of the password under a key salt
//! (ISO 32000-2, 7.6.4.3.3 and 7.6.4.4.7). Both hashes depend only on the password and their
//! salts: keeping `/U` and the key-salt hash lets every later copy wrap its own fresh file key
//! for the same password. What is kept opens every copy sealed with it (see SECURITY.md), but
//! is not the password: it cannot be typed into a reader, nor turned back into the password.

use aes::cipher::block_padding::NoPadding;
use aes::cipher::{BlockModeEncrypt, KeyIvInit};
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256, Sha384, Sha512};
use zeroize::Zeroizing;

use crate::{Error, Result};

/// What opening a sealed PDF with one password needs: the `/U` entry and the key that
/// wraps each file's key into `/UE`.
pub struct CopyKey {
    /// Hash (32 bytes), validation salt (8) and key salt (8).
    pub user_value: [u8; 48],
    /// The hash of the password under the key salt.
    pub wrapping_key: Zeroizing<[u8; 32]>,
}

/// Revision 6 uses at most 127 bytes of the password.
const MAX_HASHED_BYTES: usize = 127;

/// Algorithm 2.B of ISO 32000-2: the hash of a password with `salt` and, for the owner
/// values, the 48 bytes of `/U`.
pub(crate) fn hash(password: &[u8], salt: &[u8], user_value: &[u8]) -> Zeroizing<[u8; 32]> {
    let password = &password[..password.len().min(MAX_HASHED_BYTES)];
    let mut k: Zeroizing<Vec<u8>> = Zeroizing::new(
        Sha256::new()
            .chain_update(password)
            .chain_update(salt)
            .chain_update(user_value)
            .finalize()
            .to_vec(),
    );
    let mut round: u32 = 0;
    loop {
        let unit = [password, &k, user_value].concat();
        let mut e: Zeroizing<Vec<u8>> = Zeroizing::new(unit.repeat(64));
        let length = e.len();
        let key: [u8; 16] = k[..16].try_into().expect("a hash of 32 bytes or more");
        let iv: [u8; 16] = k[16..32].try_into().expect("a hash of 32 bytes or more");
        cbc::Encryptor::<aes::Aes128>::new(&key.into(), &iv.into())
            .encrypt_padded::<NoPadding>(&mut e, length)
            .expect("64 repetitions fill whole blocks");
        let remainder = e[..16].iter().map(|b| u32::from(*b)).sum::<u32>() % 3;
        k = Zeroizing::new(match remainder {
            0 => Sha256::digest(&e[..]).to_vec(),
            1 => Sha384::digest(&e[..]).to_vec(),
            _ => Sha512::digest(&e[..]).to_vec(),
        });
        round += 1;
        let last = u32::from(*e.last().expect("never empty"));
        if round >= 64 && last + 32 <= round {
            break;
        }
    }
    let mut out = Zeroizing::new([0u8; 32]);
    out.copy_from_slice(&k[..32]);
    out
}

/// `key` wrapping a 32-byte file key as `/UE` and `/OE` do: AES-256, CBC, zero IV, no padding.
pub(crate) fn wrap(key: &[u8; 32], file_key: &[u8; 32]) -> [u8; 32] {
    let mut out = *file_key;
    cbc::Encryptor::<aes::Aes256>::new(&(*key).into(), &[0u8; 16].into())
        .encrypt_padded::<NoPadding>(&mut out, 32)
        .expect("two whole blocks");
    out
}

fn salts() -> [u8; 16] {
    let mut salts = [0u8; 16];
    OsRng.fill_bytes(&mut salts);
    salts
}

impl CopyKey {
    /// Derives the values for `password` (checked as a copy's password) with fresh salts.
    pub fn derive(password: &str) -> Result<CopyKey> {
        crate::report::sealed_pdf::check_password(password)?;
        let salts = salts();
        let (validation, key_salt) = salts.split_at(8);
        let mut user_value = [0u8; 48];
        user_value[..32].copy_from_slice(hash(password.as_bytes(), validation, &[]).as_ref());
        user_value[32..].copy_from_slice(&salts);
        Ok(CopyKey {
            user_value,
            wrapping_key: hash(password.as_bytes(), key_salt, &[]),
        })
    }

    /// Whether `password` is the one these values were derived from.
    pub fn opens_with(&self, password: &str) -> bool {
        let expected = hash(password.as_bytes(), &self.user_value[32..40], &[]);
        expected.as_ref() == &self.user_value[..32]
    }

    /// The values as stored in the case file, read back.
    pub fn from_stored(user_value: &[u8], wrapping_key: &[u8]) -> Result<CopyKey> {
        let damaged = || Error::FileDamaged {
            detail: "Schlüssel eines Exemplar-Passworts hat die falsche Länge".into(),
        };
        let mut key = CopyKey {
            user_value: user_value.try_into().map_err(|_| damaged())?,
            wrapping_key: Zeroizing::new([0u8; 32]),
        };
        key.wrapping_key
            .copy_from_slice(wrapping_key.get(..32).ok_or_else(damaged)?);
        if wrapping_key.len() != 32 {
            return Err(damaged());
        }
        Ok(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kept_values_recognise_their_password_only() {
        let key = CopyKey::derive("bako-muti-refa-nolu-sawe-42").unwrap();
        assert!(key.opens_with("bako-muti-refa-nolu-sawe-42"));
        assert!(!key.opens_with("bako-muti-refa-nolu-sawe-43"));
        let again = CopyKey::derive("bako-muti-refa-nolu-sawe-42").unwrap();
        assert_ne!(key.user_value, again.user_value, "fresh salts each time");
        let stored = CopyKey::from_stored(&key.user_value, key.wrapping_key.as_ref()).unwrap();
        assert!(stored.opens_with("bako-muti-refa-nolu-sawe-42"));
        assert!(CopyKey::from_stored(&key.user_value[..47], &[0; 32]).is_err());
        assert!(CopyKey::from_stored(&key.user_value, &[0; 31]).is_err());
    }

    #[test]
    fn a_password_too_short_for_a_copy_is_refused() {
        assert!(CopyKey::derive("kurz").is_err());
    }
}
