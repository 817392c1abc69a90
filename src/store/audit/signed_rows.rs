//! Which key may sign which row (docs/PRUEFKETTE.md): a key belongs to a user from the row
//! that registers it ("Signaturschlüssel hinterlegt", entity id `user id:public key`). A
//! registration is signed either by a key the user already has (an administrator's key for
//! a new account or a reset) or, when a user has no usable key yet (a new file, a reset with
//! the recovery key, the first unlock after the update), by the registered key itself.

use std::collections::HashMap;

use crate::store::audit::signature::{row_message, verifies};
use crate::store::audit::AuditAction;

/// One row's fields the signature rules read.
pub(crate) struct SignedRow<'a> {
    pub user_id: Option<i64>,
    pub entity: &'a str,
    pub action: &'a str,
    pub entity_id: Option<&'a str>,
    pub row_hash: &'a str,
    pub signer_key: Option<&'a str>,
    pub signature: Option<&'a str>,
}

/// The keys registered so far, walking the chain from its first row.
#[derive(Default)]
pub(crate) struct Signatures {
    keys: HashMap<i64, Vec<String>>,
    signed_seen: bool,
}

fn registration(row: &SignedRow<'_>) -> Option<(i64, String)> {
    let register = AuditAction::SigningKeyRegister;
    if row.entity != register.entity() || row.action != register.action() {
        return None;
    }
    let (user, key) = row.entity_id?.split_once(':')?;
    Some((user.parse().ok()?, key.to_owned()))
}

impl Signatures {
    /// Checks one row and learns the key it registers; the German reason when it fails.
    pub fn check(&mut self, row: &SignedRow<'_>) -> Option<&'static str> {
        let (Some(key), Some(signature)) = (row.signer_key, row.signature) else {
            return Some("Der Eintrag ist nicht signiert.");
        };
        if key.is_empty() && signature.is_empty() {
            // Written before signatures began (version 0.3); only a prefix may be unsigned.
            return self.signed_seen.then_some(
                "Der Eintrag hat keine Signatur, obwohl frühere Einträge signiert sind.",
            );
        }
        self.signed_seen = true;
        if !verifies(key, &row_message(row.row_hash), signature) {
            return Some(
                "Die Signatur des Eintrags stimmt nicht: er wurde nach dem Signieren verändert.",
            );
        }
        let Some(user_id) = row.user_id else {
            return Some("Der Eintrag nennt keinen Benutzer, der ihn signiert hat.");
        };
        let registered = registration(row);
        let self_registered = registered
            .as_ref()
            .is_some_and(|(owner, new_key)| *owner == user_id && new_key == key);
        if !self_registered && !self.belongs(user_id, key) {
            return Some("Der Eintrag ist mit einem Schlüssel signiert, der nicht für diesen Benutzer hinterlegt ist.");
        }
        if let Some((owner, new_key)) = registered {
            self.keys.entry(owner).or_default().push(new_key);
        }
        None
    }

    /// Whether `key` has been registered for `user_id` in the rows walked so far.
    pub fn belongs(&self, user_id: i64, key: &str) -> bool {
        self.keys
            .get(&user_id)
            .is_some_and(|keys| keys.iter().any(|k| k == key))
    }

    /// Whether `key` is the newest key registered for `user_id`.
    pub fn is_latest(&self, user_id: i64, key: &str) -> bool {
        self.keys
            .get(&user_id)
            .and_then(|keys| keys.last())
            .is_some_and(|k| k == key)
    }

    /// Whether `key` has been registered for anyone.
    pub fn known(&self, key: &str) -> bool {
        self.keys.values().flatten().any(|k| k == key)
    }
}
