//! One key slot: a secret (a password or the recovery key) wraps the data key.
//!
//! A slot holds Argon2id parameters and salt, and the data key sealed with
//! XChaCha20-Poly1305 under the derived key. The associated data binds a slot to its file
//! and its owner, so a slot cannot be moved to another user or another file.
//!
//! A user's slot also holds the user's signing key for the audit history, sealed under the
//! same derived key with a nonce of its own; its public key is bound into the associated
//! data of both, so that changing the public key in the slot file makes the slot not open.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::domain::user::username_key;
use crate::store::audit::Signer;
use crate::store::vault::data_key::DataKey;
use crate::{Error, Result};

const SALT_BYTES: usize = 16;
const NONCE_BYTES: usize = 24;

/// Argon2id cost, stored per slot so that it can be raised later without breaking old slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfCost {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over the memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl KdfCost {
    /// Whether a cost read from a slot file lies in the window this program accepts: from a
    /// quarter of the default's memory (a slot below the default is sealed again at the
    /// default on its next unlock) to 1 GiB and 16 passes. A damaged or tampered file must
    /// neither make an unlock allocate gigabytes or run for hours, nor lower the cost of
    /// guessing a password to almost nothing.
    pub fn is_plausible(&self) -> bool {
        (1..=8).contains(&self.parallelism)
            && (1..=16).contains(&self.iterations)
            && (Self::DEFAULT.memory_kib / 4..=1024 * 1024).contains(&self.memory_kib)
    }

    /// Whether this cost is below `other` in memory or passes (to be sealed again).
    pub fn below(&self, other: KdfCost) -> bool {
        self.memory_kib < other.memory_kib || self.iterations < other.iterations
    }

    /// 64 MiB, 3 passes, 1 lane: about half a second on an office PC (see BENCHMARKS.md).
    pub const DEFAULT: KdfCost = KdfCost {
        memory_kib: 64 * 1024,
        iterations: 3,
        parallelism: 1,
    };
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SlotOwner {
    User { username: String },
    Recovery,
}

impl SlotOwner {
    pub(crate) fn binding(&self) -> String {
        match self {
            SlotOwner::User { username } => format!("user:{}", username_key(username)),
            SlotOwner::Recovery => "recovery".to_owned(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Slot {
    pub owner: SlotOwner,
    pub kdf: KdfCost,
    pub salt: String,
    pub nonce: String,
    pub sealed_key: String,
    /// The user's signing key; absent in recovery slots and in slots written before 0.3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing: Option<SealedSigning>,
}

/// A signing key sealed in a user's slot.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SealedSigning {
    /// Ed25519 public key, lower-case hex (also in the users table and the audit rows).
    pub public_key: String,
    pub nonce: String,
    pub sealed_key: String,
}

/// What a slot yields to its secret.
pub struct Opened {
    pub data_key: DataKey,
    /// The user's signing key; `None` for a slot written before 0.3 (and a recovery slot).
    pub signer: Option<Signer>,
}

fn derive(secret: &[u8], salt: &[u8], cost: KdfCost) -> Result<Zeroizing<[u8; 32]>> {
    let params = Params::new(cost.memory_kib, cost.iterations, cost.parallelism, Some(32))
        .map_err(|e| Error::Internal(format!("Argon2-Parameter: {e}")))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(secret, salt, out.as_mut())
        .map_err(|e| Error::Internal(format!("Argon2: {e}")))?;
    Ok(out)
}

fn associated_data(file_id: &str, owner: &SlotOwner, public_key: Option<&str>) -> Vec<u8> {
    match public_key {
        None => format!("hfk-akte/slot/v1/{file_id}/{}", owner.binding()),
        Some(public) => format!("hfk-akte/slot/v2/{file_id}/{}/{public}", owner.binding()),
    }
    .into_bytes()
}

fn signing_associated_data(file_id: &str, owner: &SlotOwner, public_key: &str) -> Vec<u8> {
    format!(
        "hfk-akte/signing/v1/{file_id}/{}/{public_key}",
        owner.binding()
    )
    .into_bytes()
}

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes
}

impl Slot {
    /// Seals `data_key`, and the user's `signer` if given, under `secret` (a password or a
    /// recovery key).
    pub fn seal(
        data_key: &DataKey,
        secret: &[u8],
        owner: SlotOwner,
        file_id: &str,
        cost: KdfCost,
        signer: Option<&Signer>,
    ) -> Result<Slot> {
        let salt: [u8; SALT_BYTES] = random();
        let nonce: [u8; NONCE_BYTES] = random();
        let kek = derive(secret, &salt, cost)?;
        let cipher = XChaCha20Poly1305::new(Key::from_slice(kek.as_ref()));
        let not_sealed = |_| Error::Internal("Schlüssel konnte nicht versiegelt werden".into());
        let public = signer.map(Signer::public_hex);
        let sealed = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: data_key.as_bytes(),
                    aad: &associated_data(file_id, &owner, public.as_deref()),
                },
            )
            .map_err(not_sealed)?;
        let signing = match (signer, public) {
            (Some(signer), Some(public_key)) => {
                let nonce: [u8; NONCE_BYTES] = random();
                let sealed = cipher
                    .encrypt(
                        XNonce::from_slice(&nonce),
                        Payload {
                            msg: signer.secret().as_ref(),
                            aad: &signing_associated_data(file_id, &owner, &public_key),
                        },
                    )
                    .map_err(not_sealed)?;
                Some(SealedSigning {
                    public_key,
                    nonce: hex::encode(nonce),
                    sealed_key: hex::encode(sealed),
                })
            }
            _ => None,
        };
        Ok(Slot {
            owner,
            kdf: cost,
            salt: hex::encode(salt),
            nonce: hex::encode(nonce),
            sealed_key: hex::encode(sealed),
            signing,
        })
    }

    /// Opens the slot with `secret`: the data key only (see [`Slot::unseal`]).
    pub fn open(&self, secret: &[u8], file_id: &str, origin: &str) -> Result<Option<DataKey>> {
        Ok(self.unseal(secret, file_id, origin)?.map(|o| o.data_key))
    }

    /// Opens the slot with `secret`. `None` when the secret is wrong or the slot was altered.
    /// `origin` names the slot file in the error for a slot that cannot be read at all.
    pub fn unseal(&self, secret: &[u8], file_id: &str, origin: &str) -> Result<Option<Opened>> {
        let damaged = || Error::KeySlotsDamaged {
            path: origin.to_owned(),
        };
        let salt = hex::decode(&self.salt).map_err(|_| damaged())?;
        let nonce = hex::decode(&self.nonce).map_err(|_| damaged())?;
        let sealed = hex::decode(&self.sealed_key).map_err(|_| damaged())?;
        if nonce.len() != NONCE_BYTES || salt.len() < 8 || !self.kdf.is_plausible() {
            return Err(damaged());
        }
        let kek = derive(secret, &salt, self.kdf)?;
        let cipher = XChaCha20Poly1305::new(Key::from_slice(kek.as_ref()));
        let public = self.signing.as_ref().map(|s| s.public_key.as_str());
        let opened = cipher.decrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &sealed,
                aad: &associated_data(file_id, &self.owner, public),
            },
        );
        let Ok(bytes) = opened else {
            return Ok(None);
        };
        let data_key = DataKey::from_slice(&Zeroizing::new(bytes)).ok_or_else(damaged)?;
        let signer = match &self.signing {
            None => None,
            Some(signing) => {
                let nonce = hex::decode(&signing.nonce).map_err(|_| damaged())?;
                let sealed = hex::decode(&signing.sealed_key).map_err(|_| damaged())?;
                if nonce.len() != NONCE_BYTES {
                    return Err(damaged());
                }
                let secret = cipher
                    .decrypt(
                        XNonce::from_slice(&nonce),
                        Payload {
                            msg: &sealed,
                            aad: &signing_associated_data(
                                file_id,
                                &self.owner,
                                &signing.public_key,
                            ),
                        },
                    )
                    .map(Zeroizing::new)
                    .map_err(|_| damaged())?;
                let signer = Signer::from_secret(&secret).ok_or_else(damaged)?;
                if signer.public_hex() != signing.public_key {
                    return Err(damaged());
                }
                Some(signer)
            }
        };
        Ok(Some(Opened { data_key, signer }))
    }
}

/// Spends the same time as opening a slot, so that an unknown user name cannot be told
/// apart from a wrong password by timing.
pub fn spend_equal_time(secret: &[u8]) {
    let _ = derive(secret, &[0u8; SALT_BYTES], KdfCost::DEFAULT);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The cheapest cost a slot may have (a quarter of the default's memory, one pass).
    pub(crate) const CHEAP: KdfCost = KdfCost {
        memory_kib: 16 * 1024,
        iterations: 1,
        parallelism: 1,
    };

    pub(crate) fn user(name: &str) -> SlotOwner {
        SlotOwner::User {
            username: name.into(),
        }
    }

    #[test]
    fn a_slot_opens_with_its_secret_only() {
        let key = DataKey::generate();
        let slot = Slot::seal(&key, b"richtig", user("anna"), "f1", CHEAP, None).unwrap();
        let opened = slot.open(b"richtig", "f1", "a.hfk.keys").unwrap().unwrap();
        assert_eq!(opened.as_bytes(), key.as_bytes());
        assert!(slot.open(b"falsch", "f1", "a.hfk.keys").unwrap().is_none());
    }

    #[test]
    fn a_slot_moved_to_another_user_or_file_does_not_open() {
        let key = DataKey::generate();
        let mut slot = Slot::seal(&key, b"geheim", user("anna"), "f1", CHEAP, None).unwrap();
        assert!(slot.open(b"geheim", "f2", "a.hfk.keys").unwrap().is_none());
        slot.owner = user("bernd");
        assert!(slot.open(b"geheim", "f1", "a.hfk.keys").unwrap().is_none());
    }

    #[test]
    fn an_absurd_key_derivation_cost_is_refused_before_any_work() {
        let key = DataKey::generate();
        let mut slot = Slot::seal(&key, b"geheim", user("anna"), "f1", CHEAP, None).unwrap();
        assert!(KdfCost::DEFAULT.is_plausible() && CHEAP.is_plausible());
        for kdf in [
            KdfCost {
                memory_kib: 64 * 1024 * 1024,
                ..CHEAP
            },
            KdfCost {
                iterations: 1_000_000,
                ..CHEAP
            },
            KdfCost {
                parallelism: 0,
                ..CHEAP
            },
            // Far below the window: a tampered slot file must not make guessing cheap.
            KdfCost {
                memory_kib: 64,
                ..CHEAP
            },
        ] {
            slot.kdf = kdf;
            let err = slot.open(b"geheim", "f1", "a.hfk.keys").err().unwrap();
            assert_eq!(err.code(), crate::ErrorCode::KeySlotsDamaged);
        }
    }

    #[test]
    fn a_user_slot_keeps_the_signing_key_bound_to_its_public_key() {
        let key = DataKey::generate();
        let signer = Signer::generate();
        let mut slot =
            Slot::seal(&key, b"geheim", user("anna"), "f1", CHEAP, Some(&signer)).unwrap();
        let opened = slot.unseal(b"geheim", "f1", "a.hfk.keys").unwrap().unwrap();
        assert_eq!(opened.signer.unwrap().public_hex(), signer.public_hex());
        // Another user's public key put into the slot file: the slot no longer opens.
        slot.signing.as_mut().unwrap().public_key = Signer::generate().public_hex();
        assert!(slot.open(b"geheim", "f1", "a.hfk.keys").unwrap().is_none());
    }
}
