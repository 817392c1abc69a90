//! Key slots: each user's password, and the recovery key, wrap the one data key.
//!
//! A slot holds Argon2id parameters and salt, and the data key sealed with
//! XChaCha20-Poly1305 under the derived key. The associated data binds a slot to its file
//! and its owner, so a slot cannot be moved to another user or another file. The slot file
//! (`name.hfk.keys`) is JSON and holds no case data.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::domain::user::username_key;
use crate::store::atomic_file;
use crate::store::data_key::DataKey;
use crate::store::recovery_key::RecoveryKey;
use crate::{Error, Result};

pub const SLOT_FILE_FORMAT: u32 = 1;
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
    /// Whether a cost read from a slot file is one this program would ever write or accept.
    /// A damaged or tampered file must not make an unlock allocate gigabytes or run for hours.
    pub fn is_plausible(&self) -> bool {
        (1..=16).contains(&self.parallelism)
            && (1..=16).contains(&self.iterations)
            && (8 * self.parallelism..=1024 * 1024).contains(&self.memory_kib)
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
    fn binding(&self) -> String {
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
}

/// The whole slot file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SlotFile {
    pub format: u32,
    /// Random id shared with the database's `file_meta`, binding slots to their file.
    pub file_id: String,
    pub slots: Vec<Slot>,
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

fn associated_data(file_id: &str, owner: &SlotOwner) -> Vec<u8> {
    format!("hfk-akte/slot/v1/{file_id}/{}", owner.binding()).into_bytes()
}

impl Slot {
    /// Seals `data_key` under `secret` (a password or a recovery key).
    pub fn seal(
        data_key: &DataKey,
        secret: &[u8],
        owner: SlotOwner,
        file_id: &str,
        cost: KdfCost,
    ) -> Result<Slot> {
        let mut salt = [0u8; SALT_BYTES];
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut salt);
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let kek = derive(secret, &salt, cost)?;
        let cipher = XChaCha20Poly1305::new(Key::from_slice(kek.as_ref()));
        let sealed = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: data_key.as_bytes(),
                    aad: &associated_data(file_id, &owner),
                },
            )
            .map_err(|_| Error::Internal("Schlüssel konnte nicht versiegelt werden".into()))?;
        Ok(Slot {
            owner,
            kdf: cost,
            salt: hex::encode(salt),
            nonce: hex::encode(nonce),
            sealed_key: hex::encode(sealed),
        })
    }

    /// Opens the slot with `secret`. `None` when the secret is wrong or the slot was altered.
    pub fn open(&self, secret: &[u8], file_id: &str) -> Result<Option<DataKey>> {
        let damaged = || Error::KeySlotsDamaged {
            path: "Schlüsselfach".into(),
        };
        let salt = hex::decode(&self.salt).map_err(|_| damaged())?;
        let nonce = hex::decode(&self.nonce).map_err(|_| damaged())?;
        let sealed = hex::decode(&self.sealed_key).map_err(|_| damaged())?;
        if nonce.len() != NONCE_BYTES || salt.len() < 8 || !self.kdf.is_plausible() {
            return Err(damaged());
        }
        let kek = derive(secret, &salt, self.kdf)?;
        let cipher = XChaCha20Poly1305::new(Key::from_slice(kek.as_ref()));
        let opened = cipher.decrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &sealed,
                aad: &associated_data(file_id, &self.owner),
            },
        );
        match opened {
            Ok(bytes) => {
                let bytes = Zeroizing::new(bytes);
                Ok(Some(DataKey::from_slice(&bytes).ok_or_else(damaged)?))
            }
            Err(_) => Ok(None),
        }
    }
}

/// Spends the same time as opening a slot, so that an unknown user name cannot be told
/// apart from a wrong password by timing.
pub fn spend_equal_time(secret: &[u8]) {
    let _ = derive(secret, &[0u8; SALT_BYTES], KdfCost::DEFAULT);
}

impl SlotFile {
    pub fn new(file_id: String) -> Self {
        SlotFile {
            format: SLOT_FILE_FORMAT,
            file_id,
            slots: Vec::new(),
        }
    }

    pub fn load(path: &std::path::Path) -> Result<SlotFile> {
        let bytes = std::fs::read(path).map_err(|_| Error::KeySlotsDamaged {
            path: path.display().to_string(),
        })?;
        Self::from_bytes(&bytes, &path.display().to_string())
    }

    /// Reads a slot file's content; `origin` names where it came from in the error.
    pub fn from_bytes(bytes: &[u8], origin: &str) -> Result<SlotFile> {
        let damaged = || Error::KeySlotsDamaged {
            path: origin.to_owned(),
        };
        let file: SlotFile = serde_json::from_slice(bytes).map_err(|_| damaged())?;
        if file.format != SLOT_FILE_FORMAT {
            return Err(damaged());
        }
        Ok(file)
    }

    pub fn save(&self, path: &std::path::Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::Internal(format!("Schlüsseldatei: {e}")))?;
        atomic_file::write(path, &json, "Die Schlüsseldatei")
    }

    pub fn user_slot(&self, username: &str) -> Option<&Slot> {
        let wanted = username_key(username);
        self.slots.iter().find(|s| match &s.owner {
            SlotOwner::User { username } => username_key(username) == wanted,
            SlotOwner::Recovery => false,
        })
    }

    pub fn recovery_slot(&self) -> Option<&Slot> {
        self.slots.iter().find(|s| s.owner == SlotOwner::Recovery)
    }

    /// Adds a slot, replacing any slot of the same owner.
    pub fn put(&mut self, slot: Slot) {
        let binding = slot.owner.binding();
        self.slots.retain(|s| s.owner.binding() != binding);
        self.slots.push(slot);
    }

    /// Removes a user's slot; true if there was one.
    pub fn remove_user(&mut self, username: &str) -> bool {
        let binding = SlotOwner::User {
            username: username.to_owned(),
        }
        .binding();
        let before = self.slots.len();
        self.slots.retain(|s| s.owner.binding() != binding);
        self.slots.len() != before
    }

    /// Seals the data key for a user's password and stores the slot.
    pub fn put_user(&mut self, data_key: &DataKey, username: &str, password: &str) -> Result<()> {
        let slot = Slot::seal(
            data_key,
            password.as_bytes(),
            SlotOwner::User {
                username: username.to_owned(),
            },
            &self.file_id,
            KdfCost::DEFAULT,
        )?;
        self.put(slot);
        Ok(())
    }

    /// Seals the data key for the recovery key and stores the slot.
    pub fn put_recovery(&mut self, data_key: &DataKey, key: &RecoveryKey) -> Result<()> {
        let slot = Slot::seal(
            data_key,
            key.secret(),
            SlotOwner::Recovery,
            &self.file_id,
            KdfCost::DEFAULT,
        )?;
        self.put(slot);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHEAP: KdfCost = KdfCost {
        memory_kib: 256,
        iterations: 1,
        parallelism: 1,
    };

    fn user(name: &str) -> SlotOwner {
        SlotOwner::User {
            username: name.into(),
        }
    }

    #[test]
    fn a_slot_opens_with_its_secret_only() {
        let key = DataKey::generate();
        let slot = Slot::seal(&key, b"richtig", user("anna"), "f1", CHEAP).unwrap();
        let opened = slot.open(b"richtig", "f1").unwrap().unwrap();
        assert_eq!(opened.as_bytes(), key.as_bytes());
        assert!(slot.open(b"falsch", "f1").unwrap().is_none());
    }

    #[test]
    fn a_slot_moved_to_another_user_or_file_does_not_open() {
        let key = DataKey::generate();
        let mut slot = Slot::seal(&key, b"geheim", user("anna"), "f1", CHEAP).unwrap();
        assert!(slot.open(b"geheim", "f2").unwrap().is_none());
        slot.owner = user("bernd");
        assert!(slot.open(b"geheim", "f1").unwrap().is_none());
    }

    #[test]
    fn user_lookup_ignores_case_and_put_replaces() {
        let key = DataKey::generate();
        let mut file = SlotFile::new("f1".into());
        file.put(Slot::seal(&key, b"eins", user("Đorđe"), "f1", CHEAP).unwrap());
        file.put(Slot::seal(&key, b"zwei", user("đorđe"), "f1", CHEAP).unwrap());
        assert_eq!(file.slots.len(), 1);
        let slot = file.user_slot("ĐORĐE").unwrap();
        assert!(slot.open(b"zwei", "f1").unwrap().is_some());
        assert!(file.recovery_slot().is_none());
    }

    mod fuzz {
        use super::*;
        use proptest::prelude::*;

        fn cheap_file() -> (SlotFile, Vec<u8>) {
            let key = DataKey::generate();
            let mut file = SlotFile::new("f1".into());
            file.put(Slot::seal(&key, b"geheim", user("anna"), "f1", CHEAP).unwrap());
            file.put(Slot::seal(&key, b"schluessel", SlotOwner::Recovery, "f1", CHEAP).unwrap());
            let json = serde_json::to_vec(&file).unwrap();
            (file, json)
        }

        fn read_and_try(bytes: &[u8]) -> std::result::Result<(), TestCaseError> {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("a.hfk.keys");
            std::fs::write(&path, bytes).unwrap();
            match SlotFile::load(&path) {
                Ok(file) => {
                    for slot in &file.slots {
                        if let Err(e) = slot.open(b"geheim", &file.file_id) {
                            prop_assert!(matches!(
                                e.code(),
                                crate::ErrorCode::KeySlotsDamaged | crate::ErrorCode::Internal
                            ));
                        }
                    }
                }
                Err(e) => prop_assert_eq!(e.code(), crate::ErrorCode::KeySlotsDamaged),
            }
            Ok(())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]

            /// Arbitrary bytes never panic the reader; they are refused as a damaged slot file.
            #[test]
            fn arbitrary_bytes_are_refused_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
                read_and_try(&bytes)?;
            }

            /// A real slot file with bytes changed either still reads (and then opens or
            /// refuses the secret) or is refused as damaged; nothing panics.
            #[test]
            fn a_slot_file_with_changed_bytes_never_panics(
                changes in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)
            ) {
                let (_, mut json) = cheap_file();
                for (at, byte) in changes {
                    let i = at.index(json.len());
                    json[i] = byte;
                }
                read_and_try(&json)?;
            }
        }
    }

    #[test]
    fn an_absurd_key_derivation_cost_is_refused_before_any_work() {
        let key = DataKey::generate();
        let mut slot = Slot::seal(&key, b"geheim", user("anna"), "f1", CHEAP).unwrap();
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
        ] {
            slot.kdf = kdf;
            let err = slot.open(b"geheim", "f1").err().unwrap();
            assert_eq!(err.code(), crate::ErrorCode::KeySlotsDamaged);
        }
    }

    #[test]
    fn a_damaged_slot_file_is_reported_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.hfk.keys");
        std::fs::write(&path, b"{ kaputt").unwrap();
        let err = SlotFile::load(&path).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::KeySlotsDamaged);
        let missing = SlotFile::load(&dir.path().join("fehlt")).unwrap_err();
        assert_eq!(missing.code(), crate::ErrorCode::KeySlotsDamaged);
    }
}
