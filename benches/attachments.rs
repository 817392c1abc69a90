//! `cargo bench --bench attachments`: Anlagen, side by side in one run.
//!
//! 1. Where a document's bytes live: adding and reading a 20 MB PDF as a BLOB inside the
//!    SQLCipher file (what HFK-Akte does: incremental blob I/O, SHA-256 checked), beside the
//!    alternative of an encrypted file next to the case file (XChaCha20-Poly1305 under a
//!    256-bit key, written and synced). Median of 5 runs each.
//! 2. Viewing: the read is what the window's command does before its binary reply.
//! 3. The file with many documents (`HFK_BENCH_DOCUMENTS_GB`, default 5): unlock, case list
//!    and search beside the same file before the documents were added; also the check of
//!    every page that runs beside the work after unlocking and before each backup.
//!
//! Prints Markdown for BENCHMARKS.md.

use std::io::Write;
use std::time::{Duration, Instant};

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hfk_akte::domain::attachment::AttachmentDraft;
use hfk_akte::domain::case::CaseDraft;
use hfk_akte::domain::member::MemberKind;
use hfk_akte::store::attachments::changes::ChosenFile;
use hfk_akte::store::cases::search::CaseQuery;
use hfk_akte::store::vault::new_file::NewFile;
use hfk_akte::store::CaseFile;
use rand::RngCore;

const USER: &str = "Verwaltung";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
const RUNS: usize = 5;
const SIZE: usize = 20 * 1024 * 1024;

/// A "PDF" of `size` random bytes (the content check reads its head and tail only).
fn document(size: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; size];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes[..9].copy_from_slice(b"%PDF-1.7\n");
    let end = size - 7;
    bytes[end..].copy_from_slice(b"\n%%EOF\n");
    bytes
}

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64()
}

fn draft() -> AttachmentDraft {
    AttachmentDraft {
        kind: "nachweis".into(),
        title: String::new(),
        received_on: "01.12.2026".into(),
        person_id: None,
        for_session: false,
        ground_ids: Vec::new(),
    }
}

fn open_case(file: &mut CaseFile) -> u32 {
    let ib = file
        .member_register()
        .unwrap()
        .members
        .iter()
        .find(|m| m.kind == MemberKind::Integrationsbeauftragte)
        .unwrap()
        .id;
    file.create_case(&CaseDraft {
        received_on: "01.12.2026".into(),
        brought_by: Some(ib),
        brought_in_on: "01.12.2026".into(),
        ..CaseDraft::default()
    })
    .unwrap()
    .id
}

fn timed<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let t = Instant::now();
    let out = f();
    (t.elapsed(), out)
}

/// The list and search the window runs most, timed (median of 5).
fn list_and_search(file: &CaseFile) -> (f64, f64) {
    let list = CaseQuery {
        limit: 50,
        ..CaseQuery::default()
    };
    let search = CaseQuery {
        limit: 50,
        search: "petrlic".into(),
        ..CaseQuery::default()
    };
    let l = (0..RUNS)
        .map(|_| timed(|| file.list_cases(&list).unwrap()).0)
        .collect();
    let s = (0..RUNS)
        .map(|_| timed(|| file.list_cases(&search).unwrap()).0)
        .collect();
    (median(l), median(s))
}

fn main() {
    let dir = tempfile::tempdir_in(std::env::var("HFK_BENCH_DIR").unwrap_or_else(|_| ".".into()))
        .expect("tempdir");
    let location = dir.path().join("bench.hfk");
    let new = NewFile::prepare(location.to_str().unwrap(), USER, PASSWORD, PASSWORD).unwrap();
    let (lock, mut file) = new.create(new.recovery_key().last_block()).unwrap();
    file.fill_with_sample_cases(2000, 1).unwrap();
    let case = open_case(&mut file);

    // 1. Adding and reading a 20 MB document, both ways.
    let mut add_blob = Vec::new();
    let mut read_blob = Vec::new();
    let mut ids = Vec::new();
    for _ in 0..RUNS {
        let chosen = ChosenFile {
            file_name: "Gutachten.pdf".into(),
            content: document(SIZE),
        };
        let (t, added) = timed(|| file.add_attachment(case, &chosen, &draft()).unwrap());
        add_blob.push(t);
        ids.push(added.id);
    }
    for id in &ids {
        let (t, read) = timed(|| file.view_attachment(*id).unwrap());
        read_blob.push(t);
        assert_eq!(read.content.len(), SIZE);
    }
    let cipher = XChaCha20Poly1305::new_from_slice(&[7u8; 32]).unwrap();
    let mut add_file = Vec::new();
    let mut read_file = Vec::new();
    for run in 0..RUNS {
        let content = document(SIZE);
        let side = dir.path().join(format!("anlage-{run}.bin"));
        let nonce = [run as u8; 24];
        let (t, ()) = timed(|| {
            let sealed = cipher
                .encrypt(XNonce::from_slice(&nonce), content.as_slice())
                .unwrap();
            let mut out = std::fs::File::create(&side).unwrap();
            out.write_all(&sealed).unwrap();
            out.sync_all().unwrap();
        });
        add_file.push(t);
        let (t, opened) = timed(|| {
            let sealed = std::fs::read(&side).unwrap();
            cipher
                .decrypt(XNonce::from_slice(&nonce), sealed.as_slice())
                .unwrap()
        });
        assert_eq!(opened.len(), SIZE);
        read_file.push(t);
    }
    println!("20 MB document, median of {RUNS} runs:\n");
    println!("| where the bytes live | add | read |");
    println!("|---|---:|---:|");
    println!(
        "| BLOB in the SQLCipher file (HFK-Akte: one transaction with audit row, SHA-256, synced; read with SHA-256 check and audit row) | {:.3} s | {:.3} s |",
        median(add_blob),
        median(read_blob)
    );
    println!(
        "| encrypted file beside it (XChaCha20-Poly1305, written and synced; no index row, no audit) | {:.3} s | {:.3} s |",
        median(add_file),
        median(read_file)
    );

    // 3. The same file, before and after many more documents.
    drop(file);
    let (unlock_before, file) = timed(|| CaseFile::unlock(&lock, USER, PASSWORD).unwrap());
    let (list_before, search_before) = list_and_search(&file);
    let (check_before, ()) = timed(|| file.page_check().run().unwrap());
    let size_before = std::fs::metadata(&location).unwrap().len();
    let mut file = file;
    let gigabytes: f64 = std::env::var("HFK_BENCH_DOCUMENTS_GB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5.0);
    let count = ((gigabytes * 1e9) / SIZE as f64).ceil() as usize;
    let (fill, ()) = timed(|| {
        for _ in 0..count {
            let chosen = ChosenFile {
                file_name: "Scan.pdf".into(),
                content: document(SIZE),
            };
            file.add_attachment(case, &chosen, &draft()).unwrap();
        }
    });
    drop(file);
    let size_after = std::fs::metadata(&location).unwrap().len();
    let (unlock_after, file) = timed(|| CaseFile::unlock(&lock, USER, PASSWORD).unwrap());
    let (list_after, search_after) = list_and_search(&file);
    let (attachments, listed) = timed(|| file.case_attachments(case).unwrap());
    let (check_after, ()) = timed(|| file.page_check().run().unwrap());
    let gb = |b: u64| b as f64 / 1e9;
    println!(
        "\n2 000 sample cases; {} documents of 20 MB added in {:.0} s ({:.0} MB/s).\n",
        count,
        fill.as_secs_f64(),
        (count * SIZE) as f64 / 1e6 / fill.as_secs_f64()
    );
    println!(
        "| | without documents ({:.2} GB) | with documents ({:.2} GB) |",
        gb(size_before),
        gb(size_after)
    );
    println!("|---|---:|---:|");
    println!(
        "| unlock (Argon2id included) | {:.2} s | {:.2} s |",
        unlock_before.as_secs_f64(),
        unlock_after.as_secs_f64()
    );
    println!(
        "| case list, first page | {:.2} ms | {:.2} ms |",
        list_before * 1e3,
        list_after * 1e3
    );
    println!(
        "| search „petrlic“ | {:.2} ms | {:.2} ms |",
        search_before * 1e3,
        search_after * 1e3
    );
    println!(
        "| check of every page (beside the work; before a backup) | {:.1} s | {:.1} s |",
        check_before.as_secs_f64(),
        check_after.as_secs_f64()
    );
    println!(
        "\nListing the case's {} documents: {:.2} ms.",
        listed.len(),
        attachments.as_secs_f64() * 1e3
    );
}
