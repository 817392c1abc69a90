//! Reading a case file page by page from outside, as an auditor with the data key would:
//! every page decrypted (SQLCipher 4: 4096-byte pages, AES-256-CBC with the raw key, the IV in
//! the page's reserved tail, the first page after a 16-byte salt), free pages included, so that
//! text left in free or stale pages is found.

use aes::cipher::{block_padding::NoPadding, BlockModeDecrypt, KeyIvInit};
use hfk_akte::store::vault::data_key::DataKey;

const PAGE: usize = 4096;
/// IV (16) and HMAC-SHA512 (64) at the end of every page.
const RESERVE: usize = 80;
const SALT: usize = 16;

type Decryptor = cbc::Decryptor<aes::Aes256>;

/// The plaintext of every page of `bytes` (a database file or its `-wal` frames' pages are
/// not covered: call it on a file after a checkpoint).
pub fn decrypted_pages(bytes: &[u8], key: &DataKey) -> Vec<Vec<u8>> {
    bytes
        .chunks(PAGE)
        .enumerate()
        .filter(|(_, page)| page.len() == PAGE)
        .map(|(i, page)| {
            let start = if i == 0 { SALT } else { 0 };
            let iv = &page[PAGE - RESERVE..PAGE - RESERVE + 16];
            let mut data = page[start..PAGE - RESERVE].to_vec();
            let iv: [u8; 16] = iv.try_into().expect("16 bytes");
            Decryptor::new(&(*key.as_bytes()).into(), &iv.into())
                .decrypt_padded::<NoPadding>(&mut data)
                .expect("whole AES blocks");
            data
        })
        .collect()
}

/// The numbers (from 1) of the pages of the file that hold `needle` (case-insensitive for
/// ASCII), free pages included.
pub fn pages_holding(path: &std::path::Path, key: &DataKey, needle: &str) -> Vec<u32> {
    let bytes = std::fs::read(path).unwrap();
    let needle = needle.to_ascii_lowercase().into_bytes();
    decrypted_pages(&bytes, key)
        .iter()
        .zip(1u32..)
        .filter(|(page, _)| {
            page.to_ascii_lowercase()
                .windows(needle.len())
                .any(|w| w == needle.as_slice())
        })
        .map(|(_, number)| number)
        .collect()
}

/// The pages that hold the live rows of `table` (SQLite's `dbstat`), through a connection
/// with the data key.
pub fn pages_of(conn: &rusqlite::Connection, table: &str) -> Vec<u32> {
    conn.prepare("SELECT pageno FROM dbstat WHERE name = ?1")
        .unwrap()
        .query_map([table], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}
