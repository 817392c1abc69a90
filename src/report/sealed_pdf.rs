//! A PDF sealed under a password for whoever receives it outside the office: AES-256 with the
//! PDF 2.0 security handler (V 5, revision 6, crypt filter AESV3) through lopdf, the library
//! printpdf builds on. The file key and the owner password are fresh random values for every
//! file, never zeros and never kept; only the user password opens it, in any reader that
//! knows PDF 2.0 encryption (poppler, pdf.js, Acrobat).

use std::collections::BTreeMap;
use std::sync::Arc;

use lopdf::encryption::crypt_filters::{Aes256CryptFilter, CryptFilter};
use lopdf::encryption::{EncryptionState, EncryptionVersion, Permissions};
use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use zeroize::Zeroizing;

use crate::report::copy_key::{self, CopyKey};
use crate::{Error, Result};

/// Readers cut longer passwords (revision 6 itself takes 127 bytes).
pub const MAX_PASSWORD_BYTES: usize = 32;
pub const MIN_PASSWORD_CHARS: usize = 16;

const FIELD: &str = "Passwort für das Exemplar";

/// A password a copy may be sealed under: 16 to 32 printable ASCII characters, so that every
/// reader and every keyboard layout types it the same way.
pub fn check_password(password: &str) -> Result<()> {
    if !password.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::invalid(
            FIELD,
            "Bitte nur Buchstaben ohne Umlaute, Ziffern und Satzzeichen verwenden, ohne Leerzeichen.",
        ));
    }
    if password.len() < MIN_PASSWORD_CHARS || password.len() > MAX_PASSWORD_BYTES {
        return Err(Error::invalid(
            FIELD,
            format!(
                "Das Passwort muss {MIN_PASSWORD_CHARS} bis {MAX_PASSWORD_BYTES} Zeichen lang sein."
            ),
        ));
    }
    Ok(())
}

/// A password to hand over on paper: five groups of two syllables and two digits, such as
/// "bako-muti-refa-nolu-sawe-42" (27 characters, about 70 bits).
pub fn handover_password() -> String {
    const CONSONANTS: &[u8] = b"bdfghkmnprstvwz";
    const VOWELS: &[u8] = b"aeiou";
    let mut rng = OsRng;
    let mut groups: Vec<String> = (0..5)
        .map(|_| {
            (0..2)
                .flat_map(|_| {
                    [
                        CONSONANTS[rng.gen_range(0..CONSONANTS.len())],
                        VOWELS[rng.gen_range(0..VOWELS.len())],
                    ]
                })
                .map(char::from)
                .collect()
        })
        .collect();
    groups.push(format!("{:02}", rng.gen_range(0..100)));
    groups.join("-")
}

/// The password entries of the member, and the key length written out as qpdf and Acrobat
/// write it: poppler (Evince, Okular, pdftotext) takes a crypt filter without `/Length` for a
/// 128-bit one and decrypts garbage.
fn write_encrypt_entries(
    document: &mut lopdf::Document,
    entries: &[(&str, Vec<u8>)],
) -> Result<()> {
    use lopdf::Object;
    let id = document
        .trailer
        .get(b"Encrypt")
        .and_then(Object::as_reference)
        .map_err(failed)?;
    let encrypt = document
        .get_object_mut(id)
        .and_then(Object::as_dict_mut)
        .map_err(failed)?;
    for (name, value) in entries {
        encrypt.set(
            *name,
            Object::String(value.clone(), lopdf::StringFormat::Hexadecimal),
        );
    }
    encrypt.set("Length", Object::Integer(256));
    let filter = encrypt
        .get_mut(b"CF")
        .and_then(Object::as_dict_mut)
        .and_then(|cf| cf.get_mut(b"StdCF"))
        .and_then(Object::as_dict_mut)
        .map_err(failed)?;
    filter.set("Length", Object::Integer(32));
    filter.set("AuthEvent", Object::Name(b"DocOpen".to_vec()));
    Ok(())
}

fn failed(e: lopdf::Error) -> Error {
    Error::Internal(format!("Verschlüsseln des Dokuments: {e}"))
}

/// The document encrypted under `password` (checked first), everything else unchanged.
pub fn seal(pdf: &[u8], password: &str) -> Result<Vec<u8>> {
    seal_with(pdf, &CopyKey::derive(password)?)
}

/// Random printable ASCII of the longest length readers take.
fn random_password() -> Zeroizing<String> {
    Zeroizing::new(
        (0..MAX_PASSWORD_BYTES)
            .map(|_| char::from(OsRng.gen_range(b'!'..=b'~')))
            .collect(),
    )
}

/// The document encrypted for the password `key` was derived from, under a fresh random
/// file key and a fresh random owner password that nobody keeps.
pub fn seal_with(pdf: &[u8], key: &CopyKey) -> Result<Vec<u8>> {
    let mut document = lopdf::Document::load_mem(pdf).map_err(failed)?;
    let mut file_key = Zeroizing::new([0u8; 32]);
    OsRng.fill_bytes(file_key.as_mut());
    let owner = random_password();
    // lopdf encrypts the objects under the file key; the password entries it derives from a
    // stand-in are then replaced by the member's own (below).
    let stand_in = random_password();
    let filter: Arc<dyn CryptFilter> = Arc::new(Aes256CryptFilter);
    let version = EncryptionVersion::V5 {
        encrypt_metadata: true,
        crypt_filters: BTreeMap::from([(b"StdCF".to_vec(), filter)]),
        file_encryption_key: file_key.as_ref(),
        stream_filter: b"StdCF".to_vec(),
        string_filter: b"StdCF".to_vec(),
        owner_password: &owner,
        user_password: &stand_in,
        // Reading, printing and screen readers; no changes, no copying of text out of it.
        permissions: Permissions::PRINTABLE
            | Permissions::PRINTABLE_IN_HIGH_QUALITY
            | Permissions::COPYABLE_FOR_ACCESSIBILITY,
    };
    let state = EncryptionState::try_from(version).map_err(failed)?;
    document.encrypt(&state).map_err(failed)?;
    let mut salts = [0u8; 16];
    OsRng.fill_bytes(&mut salts);
    let mut owner_value = [0u8; 48];
    owner_value[..32]
        .copy_from_slice(copy_key::hash(owner.as_bytes(), &salts[..8], &key.user_value).as_ref());
    owner_value[32..].copy_from_slice(&salts);
    let owner_key = copy_key::hash(owner.as_bytes(), &salts[8..], &key.user_value);
    let entries = [
        ("U", key.user_value.to_vec()),
        ("UE", copy_key::wrap(&key.wrapping_key, &file_key).to_vec()),
        ("O", owner_value.to_vec()),
        ("OE", copy_key::wrap(&owner_key, &file_key).to_vec()),
    ];
    write_encrypt_entries(&mut document, &entries)?;
    // The AES-256 handler is PDF 2.0's; say so in the header.
    document.version = "2.0".to_owned();
    let mut sealed = Vec::new();
    document
        .save_to(&mut sealed)
        .map_err(|e| Error::Internal(format!("Verschlüsseltes Dokument nicht geschrieben: {e}")))?;
    Ok(sealed)
}

#[cfg(test)]
#[path = "sealed_pdf_tests.rs"]
mod tests;
