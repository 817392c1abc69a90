//! A PDF shown in ranges: only a document opened for the viewer (that opening recorded as a
//! read) can be read piece by piece, the pieces put together are the document, its SHA-256
//! check finds bytes changed behind the program's back, and closing the viewer, removing the
//! document or locking the file ends the reading.

mod common;

use common::sample_pdf::pdf;

use hfk_akte::domain::attachment::AttachmentDraft;
use hfk_akte::domain::case::CaseDraft;
use hfk_akte::store::attachments::changes::ChosenFile;
use hfk_akte::store::{CaseFile, InstanceLock};
use hfk_akte::ErrorCode;

const ADMIN: &str = "Şükrü Güneş";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
const NOT_OPEN: &str = "nicht zum Ansehen geöffnet";

fn add_pdf(file: &mut CaseFile, pages: &[&str]) -> (u32, Vec<u8>) {
    let ib = common::integrationsbeauftragte(file);
    let today = common::fixed_today().format("%d.%m.%Y").to_string();
    let case = file
        .create_case(&CaseDraft {
            received_on: today.clone(),
            brought_by: Some(ib),
            brought_in_on: today.clone(),
            ..CaseDraft::default()
        })
        .unwrap();
    let content = pdf(pages);
    let added = file
        .add_attachment(
            case.id,
            &ChosenFile {
                file_name: "Schulzeugnis Дудаев.pdf".into(),
                content: content.clone(),
            },
            &AttachmentDraft {
                kind: "nachweis".into(),
                title: String::new(),
                received_on: today,
                person_id: None,
                for_session: false,
                ground_ids: Vec::new(),
            },
        )
        .unwrap();
    (added.id, content)
}

/// A tiny JPEG header (the type is told by its first bytes).
fn jpeg() -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1];
    bytes.extend_from_slice(&[0u8; 64]);
    bytes.extend_from_slice(&[0xFF, 0xD9]);
    bytes
}

fn views_recorded(file: &CaseFile) -> usize {
    file.recent_audit_entries(200)
        .unwrap()
        .iter()
        .filter(|e| e.description == "Anlage angesehen")
        .count()
}

#[test]
fn only_an_opened_document_is_read_in_ranges_and_its_pieces_are_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let (id, content) = add_pdf(&mut file, &["Seite eins", "Seite zwei", "Seite drei"]);
    let length = u32::try_from(content.len()).unwrap();

    // Not opened: no range, no check.
    let err = file.attachment_range(id, 0, 100).unwrap_err();
    assert!(err.to_string().contains(NOT_OPEN), "{err}");
    assert!(file.check_attachment_view(id).is_err());
    assert_eq!(views_recorded(&file), 0);

    // Opened: the opening is the one recorded read, however many ranges follow.
    let record = file.open_attachment_view(id).unwrap();
    assert_eq!(record.bytes, length);
    let mut together = Vec::new();
    let mut begin = 0;
    while begin < length {
        let piece = file.attachment_range(id, begin, begin + 97).unwrap();
        assert!(!piece.is_empty() && piece.len() <= 97);
        begin += u32::try_from(piece.len()).unwrap();
        together.extend_from_slice(&piece);
    }
    assert_eq!(together, content);
    assert_eq!(views_recorded(&file), 1);
    // A range past the end is cut at it; one that starts beyond it, or runs backwards, is refused.
    assert_eq!(
        file.attachment_range(id, length - 5, length + 1000)
            .unwrap(),
        content[content.len() - 5..]
    );
    assert!(file.attachment_range(id, length + 1, length + 10).is_err());
    assert!(file.attachment_range(id, 20, 10).is_err());
    file.check_attachment_view(id).unwrap();

    // Bytes changed behind the program's back: the check says damaged.
    let raw = common::raw_connection(&paths, ADMIN, PASSWORD);
    let mut changed = content.clone();
    let at = changed.len() / 2;
    changed[at] ^= 0x20;
    raw.execute(
        "UPDATE attachment_content SET content = ?2 WHERE attachment_id = ?1",
        rusqlite::params![id, changed],
    )
    .unwrap();
    drop(raw);
    let err = file.check_attachment_view(id).unwrap_err();
    assert_eq!(err.code(), ErrorCode::FileDamaged);
    assert!(err.to_string().contains("ist beschädigt"), "{err}");

    // Opened by two viewers, closed by one: the other still reads; closed by both: no more.
    file.open_attachment_view(id).unwrap();
    file.close_attachment_view(id);
    assert!(file.attachment_range(id, 0, 10).is_ok());
    file.close_attachment_view(id);
    let err = file.attachment_range(id, 0, 10).unwrap_err();
    assert!(err.to_string().contains(NOT_OPEN), "{err}");

    // Only a PDF is read in ranges.
    let photo = file
        .add_attachment(
            record.case_id,
            &ChosenFile {
                file_name: "Foto.jpg".into(),
                content: jpeg(),
            },
            &AttachmentDraft {
                kind: "nachweis".into(),
                title: String::new(),
                received_on: common::fixed_today().format("%d.%m.%Y").to_string(),
                person_id: None,
                for_session: false,
                ground_ids: Vec::new(),
            },
        )
        .unwrap();
    let err = file.open_attachment_view(photo.id).unwrap_err();
    assert!(err.to_string().contains("Nur ein PDF"), "{err}");

    // The id names other bytes than were opened (as when a removed document's id is given
    // to a new one): not open.
    let (other, _) = add_pdf(&mut file, &["andere Anlage"]);
    file.open_attachment_view(other).unwrap();
    let raw = common::raw_connection(&paths, ADMIN, PASSWORD);
    raw.execute(
        "UPDATE attachments SET sha256 = ?2 WHERE id = ?1",
        rusqlite::params![other, "0".repeat(64)],
    )
    .unwrap();
    drop(raw);
    let err = file.attachment_range(other, 0, 10).unwrap_err();
    assert!(err.to_string().contains(NOT_OPEN), "{err}");

    // Removed while open: its bytes are gone for the viewer too.
    let (second, _) = add_pdf(&mut file, &["zweite Anlage"]);
    file.open_attachment_view(second).unwrap();
    file.remove_attachment(second, "falscher Fall").unwrap();
    let err = file.attachment_range(second, 0, 10).unwrap_err();
    assert!(err.to_string().contains("entfernt"), "{err}");
    assert!(file.open_attachment_view(second).is_err());

    // Locked and unlocked again: what was open is forgotten.
    let (third, _) = add_pdf(&mut file, &["dritte Anlage"]);
    file.open_attachment_view(third).unwrap();
    drop(file);
    let file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let err = file.attachment_range(third, 0, 10).unwrap_err();
    assert!(err.to_string().contains(NOT_OPEN), "{err}");
}
