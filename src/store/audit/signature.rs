//! Signatures in the audit history (the exact format is in docs/PRUEFKETTE.md): every row is
//! signed by the acting user over its row hash, which covers the row and the previous row's
//! hash; the chain head kept outside the database is signed the same way.

use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use zeroize::Zeroizing;

/// What a row's signature covers: this prefix, then the row hash in lower-case hex.
const ROW_CONTEXT: &str = "hfk-akte/audit/v1:";
/// What the chain head's signature covers: this prefix, the sequence number, ':', the hash.
const HEAD_CONTEXT: &str = "hfk-akte/head/v1:";

pub(crate) fn row_message(row_hash: &str) -> Vec<u8> {
    format!("{ROW_CONTEXT}{row_hash}").into_bytes()
}

pub(crate) fn head_message(seq: u32, row_hash: &str) -> Vec<u8> {
    format!("{HEAD_CONTEXT}{seq}:{row_hash}").into_bytes()
}

/// A user's signing key while the file is unlocked; its bytes are wiped when it is dropped.
pub struct Signer(SigningKey);

impl Signer {
    pub fn generate() -> Signer {
        Signer(SigningKey::generate(&mut rand::rngs::OsRng))
    }

    /// The key from its 32 secret bytes (as sealed in a key slot).
    pub fn from_secret(bytes: &[u8]) -> Option<Signer> {
        let bytes: [u8; 32] = bytes.try_into().ok()?;
        Some(Signer(SigningKey::from_bytes(&bytes)))
    }

    pub fn secret(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.0.to_bytes())
    }

    /// The public key in lower-case hex, as stored beside each signed row.
    pub fn public_hex(&self) -> String {
        hex::encode(self.0.verifying_key().to_bytes())
    }

    /// The signature over `message`, in lower-case hex.
    pub fn sign(&self, message: &[u8]) -> String {
        hex::encode(self.0.sign(message).to_bytes())
    }
}

/// Whether `signature_hex` is a valid signature of `message` by `public_hex`. Malformed hex
/// or a key that is not a curve point is simply not valid.
pub fn verifies(public_hex: &str, message: &[u8], signature_hex: &str) -> bool {
    let (Ok(public), Ok(signature)) = (hex::decode(public_hex), hex::decode(signature_hex)) else {
        return false;
    };
    let (Ok(public), Ok(signature)) = (
        <[u8; 32]>::try_from(public.as_slice()),
        <[u8; 64]>::try_from(signature.as_slice()),
    ) else {
        return false;
    };
    let Ok(key) = VerifyingKey::from_bytes(&public) else {
        return false;
    };
    key.verify_strict(message, &Signature::from_bytes(&signature))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_holds_for_its_message_and_key_only() {
        let signer = Signer::generate();
        let other = Signer::generate();
        let message = row_message("ab12");
        let signature = signer.sign(&message);
        assert!(verifies(&signer.public_hex(), &message, &signature));
        assert!(!verifies(&other.public_hex(), &message, &signature));
        assert!(!verifies(
            &signer.public_hex(),
            &row_message("ab13"),
            &signature
        ));
        assert!(!verifies(&signer.public_hex(), &message, "zz"));
        let again = Signer::from_secret(signer.secret().as_ref()).unwrap();
        assert_eq!(again.public_hex(), signer.public_hex());
    }

    #[test]
    fn row_and_head_messages_cannot_stand_for_each_other() {
        assert_ne!(row_message("1:ab"), head_message(1, "ab"));
    }
}
