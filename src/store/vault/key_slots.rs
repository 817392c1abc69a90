//! The slot file (`name.hfk.keys`): each user's password, and the recovery key, wrap the
//! one data key (see [`slot`](crate::store::vault::slot)). It is JSON and holds no case data.

use serde::{Deserialize, Serialize};

use crate::domain::user::username_key;
use crate::store::audit::{self, ChainGap, ChainHead, ChainReport, Signer};
use crate::store::vault::atomic_file;
use crate::store::vault::data_key::DataKey;
use crate::store::vault::recovery_key::RecoveryKey;
use crate::{Error, Result};

pub use crate::store::vault::slot::{spend_equal_time, KdfCost, Slot, SlotOwner};

pub const SLOT_FILE_FORMAT: u32 = 1;

/// The whole slot file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SlotFile {
    pub format: u32,
    /// Random id shared with the database's `file_meta`, binding slots to their file.
    pub file_id: String,
    pub slots: Vec<Slot>,
    /// The first 16 bytes of the database this slot file opens (SQLCipher's salt, random per
    /// database and not secret), so that a key file lying beside the wrong database is told
    /// apart from a damaged database without any key. Absent in files written before 0.2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_salt: Option<String>,
    /// When the case file was created, RFC 3339; absent in files written before 0.2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// The newest audit row's number and hash, signed, after every commit (the anchor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain_head: Option<ChainHead>,
    /// Rows found missing at an unlock: reported at every unlock until a backup is restored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain_gap: Option<ChainGap>,
    /// Where this slot file was read from, for messages; not stored.
    #[serde(skip)]
    pub origin: String,
}

impl SlotFile {
    pub fn new(file_id: String) -> Self {
        SlotFile {
            format: SLOT_FILE_FORMAT,
            file_id,
            slots: Vec::new(),
            database_salt: None,
            created_at: None,
            chain_head: None,
            chain_gap: None,
            origin: String::new(),
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
        let mut file: SlotFile = serde_json::from_slice(bytes).map_err(|_| damaged())?;
        file.origin = origin.to_owned();
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

    /// Checks the audit chain in `conn`, and against the head and the users' public keys
    /// this slot file keeps.
    pub fn verify_chain(&self, conn: &rusqlite::Connection) -> Result<ChainReport> {
        let keys = self.signing_keys();
        let outside = audit::Outside {
            head: self.chain_head.as_ref(),
            slot_keys: &keys,
        };
        audit::verify_with(conn, &outside)
    }

    /// The public keys of the users' slots, by user name, for checking the audit history.
    fn signing_keys(&self) -> Vec<(String, String)> {
        self.slots
            .iter()
            .filter_map(|s| match (&s.owner, &s.signing) {
                (SlotOwner::User { username }, Some(signing)) => {
                    Some((username.clone(), signing.public_key.clone()))
                }
                _ => None,
            })
            .collect()
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

    /// Seals the data key and the user's signing key for the user's password and stores
    /// the slot.
    pub fn put_user(
        &mut self,
        data_key: &DataKey,
        username: &str,
        password: &str,
        signer: &Signer,
    ) -> Result<()> {
        let slot = Slot::seal(
            data_key,
            password.as_bytes(),
            SlotOwner::User {
                username: username.to_owned(),
            },
            &self.file_id,
            KdfCost::DEFAULT,
            Some(signer),
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
            None,
        )?;
        self.put(slot);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::vault::slot::tests::{user, CHEAP};

    #[test]
    fn user_lookup_ignores_case_and_put_replaces() {
        let key = DataKey::generate();
        let mut file = SlotFile::new("f1".into());
        file.put(Slot::seal(&key, b"eins", user("Đorđe"), "f1", CHEAP, None).unwrap());
        file.put(Slot::seal(&key, b"zwei", user("đorđe"), "f1", CHEAP, None).unwrap());
        assert_eq!(file.slots.len(), 1);
        let slot = file.user_slot("ĐORĐE").unwrap();
        assert!(slot.open(b"zwei", "f1", "a.hfk.keys").unwrap().is_some());
        assert!(file.recovery_slot().is_none());
    }

    mod fuzz {
        use super::*;
        use proptest::prelude::*;

        fn cheap_file() -> (SlotFile, Vec<u8>) {
            let key = DataKey::generate();
            let mut file = SlotFile::new("f1".into());
            file.put(Slot::seal(&key, b"geheim", user("anna"), "f1", CHEAP, None).unwrap());
            file.put(
                Slot::seal(&key, b"schluessel", SlotOwner::Recovery, "f1", CHEAP, None).unwrap(),
            );
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
                        if let Err(e) = slot.open(b"geheim", &file.file_id, &file.origin) {
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
