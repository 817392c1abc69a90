//! The printable recovery key (Wiederherstellungsschlüssel): 160 random bits written as
//! 32 base32 characters in eight blocks of four, e.g. `K7Q2-....`.

use data_encoding::BASE32_NOPAD;
use rand::RngCore;
use zeroize::Zeroizing;

use crate::{Error, Result};

const RANDOM_BYTES: usize = 20;
const CHARS: usize = 32;
const BLOCK: usize = 4;
const FIELD: &str = "Wiederherstellungsschlüssel";

/// A recovery key in canonical form (32 upper-case base32 characters, no separators).
pub struct RecoveryKey(Zeroizing<String>);

impl RecoveryKey {
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; RANDOM_BYTES]);
        rand::rngs::OsRng.fill_bytes(bytes.as_mut());
        RecoveryKey(Zeroizing::new(BASE32_NOPAD.encode(bytes.as_ref())))
    }

    /// Reads a key as a person types it: any case, with or without dashes and spaces;
    /// the digits 0, 1 and 8 are read as the letters O, I and B they are mistaken for.
    pub fn parse(input: &str) -> Result<Self> {
        let canonical = canonical(input);
        if canonical.is_empty() {
            return Err(Error::invalid(
                FIELD,
                "Bitte geben Sie den Wiederherstellungsschlüssel ein.",
            ));
        }
        let count = canonical.chars().count();
        if count != CHARS {
            return Err(Error::invalid(
                FIELD,
                format!(
                    "Der Schlüssel hat {CHARS} Zeichen in 8 Blöcken zu 4; eingegeben wurden {count}."
                ),
            ));
        }
        if BASE32_NOPAD.decode(canonical.as_bytes()).is_err() {
            return Err(Error::invalid(
                FIELD,
                "Der Schlüssel enthält nur die Buchstaben A bis Z und die Ziffern 2 bis 7.",
            ));
        }
        Ok(RecoveryKey(canonical))
    }

    /// The key in blocks of four, as printed for the user.
    pub fn display(&self) -> Zeroizing<String> {
        let blocks: Vec<&str> = (0..CHARS / BLOCK)
            .map(|i| &self.0[i * BLOCK..(i + 1) * BLOCK])
            .collect();
        Zeroizing::new(blocks.join("-"))
    }

    /// The last block, which the user types back to confirm they noted the key.
    pub fn last_block(&self) -> &str {
        &self.0[CHARS - BLOCK..]
    }

    /// Whether `typed` is the last block, read as leniently as [`RecoveryKey::parse`] reads.
    pub fn matches_last_block(&self, typed: &str) -> bool {
        canonical(typed).as_str() == self.last_block()
    }

    /// The secret that key derivation takes.
    pub(crate) fn secret(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// Drops separators, upper-cases, and reads 0, 1 and 8 as O, I and B.
fn canonical(input: &str) -> Zeroizing<String> {
    Zeroizing::new(
        input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| match c.to_ascii_uppercase() {
                '0' => 'O',
                '1' => 'I',
                '8' => 'B',
                other => other,
            })
            .collect(),
    )
}

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(verborgen)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_displays_in_eight_blocks_and_parses_back() {
        let key = RecoveryKey::generate();
        let shown = key.display();
        assert_eq!(shown.len(), 39);
        assert_eq!(shown.split('-').count(), 8);
        let again = RecoveryKey::parse(&shown.to_lowercase()).unwrap();
        assert_eq!(again.secret(), key.secret());
        let last = shown.rsplit('-').next().unwrap();
        assert_eq!(key.last_block(), last);
        assert!(key.matches_last_block(&format!(" {} ", last.to_lowercase())));
        assert!(!key.matches_last_block("ZZZZZ"));
    }

    #[test]
    fn confusable_digits_are_read_as_letters() {
        let key = RecoveryKey::parse("0000 1111 8888 AAAA BBBB CCCC DDDD EEEE").unwrap();
        assert!(key.display().starts_with("OOOO-IIII-BBBB"));
    }

    #[test]
    fn wrong_lengths_and_characters_are_named() {
        let err = RecoveryKey::parse("ABCD-EFGH").unwrap_err().to_string();
        assert!(err.contains("eingegeben wurden 8"), "{err}");
        let err = RecoveryKey::parse(&"9".repeat(32)).unwrap_err().to_string();
        assert!(err.contains("2 bis 7"), "{err}");
        assert!(RecoveryKey::parse("").is_err());
    }
}
