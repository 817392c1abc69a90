//! Anlagen through the core's public API: documents added, found twice, viewed, replaced,
//! removed and saved out, each audited; kept by backup, restore and rekey; gone without a
//! trace after a removal and after a deletion run (the file read page by page with the data
//! key); and the bad inputs a secretariat meets.

mod common;

use common::sample_pdf::pdf;

use chrono::Days;
use hfk_akte::domain::attachment::{AttachmentDraft, MediaType};
use hfk_akte::domain::case::CaseDraft;
use hfk_akte::domain::grounds::GroundDraft;
use hfk_akte::domain::person::PersonDraft;
use hfk_akte::domain::user::Role;
use hfk_akte::domain::workflow::CaseStatus;
use hfk_akte::store::attachments::changes::ChosenFile;
use hfk_akte::store::vault::backup::{self, OtherFile};
use hfk_akte::store::{CaseFile, InstanceLock};
use hfk_akte::{Error, ErrorCode};

const ADMIN: &str = "Đorđe Ćosić";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
const MARKER: &str = "Sprachzeugnis-Zenica-Anlagenprobe";

/// A tiny JPEG header (the type is told by its first bytes; it is never decoded here).
fn jpeg() -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1];
    bytes.extend_from_slice(&[0u8; 64]);
    bytes.extend_from_slice(&[0xFF, 0xD9]);
    bytes
}

fn chosen(name: &str, content: Vec<u8>) -> ChosenFile {
    ChosenFile {
        file_name: name.into(),
        content,
    }
}

fn day(days_ago: u64) -> String {
    (common::fixed_today() - Days::new(days_ago))
        .format("%d.%m.%Y")
        .to_string()
}

fn draft(kind: &str) -> AttachmentDraft {
    AttachmentDraft {
        kind: kind.into(),
        title: String::new(),
        received_on: day(3),
        person_id: None,
        for_session: false,
        ground_ids: Vec::new(),
    }
}

/// A case received `received`, with its main person.
fn case(file: &mut CaseFile, received: &str) -> (u32, u32) {
    let ib = common::integrationsbeauftragte(file);
    let case = file
        .create_case(&CaseDraft {
            received_on: received.into(),
            brought_by: Some(ib),
            brought_in_on: received.into(),
            ..CaseDraft::default()
        })
        .unwrap();
    file.save_person(
        case.id,
        None,
        &PersonDraft {
            family_role: "hauptperson".into(),
            family_name: "Al-Hashimi".into(),
            given_names: "Zainab".into(),
            original_name: "زينب الهاشمي".into(),
            birth_date: "01.02.1990".into(),
            sex: "weiblich".into(),
            nationality: "IQ".into(),
            ..PersonDraft::default()
        },
    )
    .unwrap();
    let person = file.open_case(case.id).unwrap().persons[0].id;
    (case.id, person)
}

fn field_message(e: Error) -> String {
    e.to_string()
}

fn audit_actions(file: &CaseFile) -> Vec<String> {
    file.recent_audit_entries(200)
        .unwrap()
        .into_iter()
        .map(|r| r.description)
        .collect()
}

#[test]
fn documents_are_added_viewed_replaced_removed_and_saved_out_and_each_step_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let (case, person) = case(&mut file, &day(30));

    let ground = file
        .save_ground(
            case,
            None,
            &GroundDraft {
                kind: "haertegrund".into(),
                code: "sprache".into(),
                description: "Deutsch B1".into(),
                evidence: String::new(),
            },
        )
        .unwrap()
        .grounds[0]
        .id;
    let first = pdf(&[MARKER, "Seite zwei"]);
    let mut with_person = draft("nachweis");
    with_person.person_id = Some(person);
    // A ground of another case is refused, this case's own is linked.
    let (other, _) = self::case(&mut file, &day(20));
    let foreign = file
        .save_ground(
            other,
            None,
            &GroundDraft {
                kind: "haertegrund".into(),
                code: "sprache".into(),
                description: "anderer Fall".into(),
                evidence: String::new(),
            },
        )
        .unwrap()
        .grounds[0]
        .id;
    with_person.ground_ids = vec![foreign];
    let said = field_message(
        file.add_attachment(case, &chosen("B1.pdf", first.clone()), &with_person)
            .unwrap_err(),
    );
    assert!(said.starts_with("Belegt: "), "{said}");
    with_person.ground_ids = vec![ground];
    let added = file
        .add_attachment(
            case,
            &chosen("Sprachzertifikat B1.pdf", first.clone()),
            &with_person,
        )
        .unwrap();
    assert_eq!(added.title, "Sprachzertifikat B1");
    assert_eq!(added.media_type, MediaType::Pdf);
    assert_eq!(added.person_name.as_deref(), Some("Al-Hashimi, Zainab"));
    assert_eq!(added.bytes as usize, first.len());
    assert_eq!(added.ground_ids, [ground]);
    let photo = file
        .add_attachment(case, &chosen("Foto.jpg", jpeg()), &draft("sonstiges"))
        .unwrap();
    assert_eq!(photo.mime, "image/jpeg");

    // The same file twice in one case is recognised, under any name.
    let twice = file
        .add_attachment(
            case,
            &chosen("nochmal.pdf", first.clone()),
            &draft("antrag"),
        )
        .unwrap_err();
    assert!(
        field_message(twice).contains("bereits als Anlage „Sprachzertifikat B1“"),
        "the duplicate names the document it repeats"
    );

    let viewed = file.view_attachment(added.id).unwrap();
    assert_eq!(viewed.content, first);

    // A new version: the old one stays, viewable, in the history.
    let second = pdf(&["Neue Fassung", "Seite zwei", "Seite drei"]);
    let mut again = draft("nachweis");
    again.title = "Sprachzertifikat B1 (beglaubigt)".into();
    let newer = file
        .replace_attachment(added.id, &chosen("B1-neu.pdf", second.clone()), &again)
        .unwrap();
    assert_eq!((newer.version, newer.replaces), (2, Some(added.id)));
    let all = file.case_attachments(case).unwrap();
    let old = all.iter().find(|a| a.id == added.id).unwrap();
    assert_eq!(old.replaced_by, Some(newer.id));
    assert!(!old.is_current());
    assert_eq!(file.view_attachment(added.id).unwrap().content, first);
    assert!(
        file.update_attachment(added.id, &again).is_err(),
        "history is not edited"
    );

    // A ground or person removed leaves no link behind for a later one to inherit.
    file.remove_ground(case, ground).unwrap();
    file.remove_person(case, person).unwrap();
    let links: i64 = common::raw_connection(&paths, ADMIN, PASSWORD)
        .query_row(
            "SELECT count(*) FROM attachment_grounds WHERE ground_id = ?1",
            [ground],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        links, 0,
        "a later ground with the same id would inherit the link"
    );
    for a in file.case_attachments(case).unwrap() {
        assert!(a.ground_ids.is_empty() && a.person_id.is_none(), "{a:?}");
    }

    // A copy saved out must keep an ending of its type and never go over the case file.
    let wrong = dir.path().join("foto.pdf");
    assert!(
        field_message(file.save_attachment_copy(photo.id, &wrong).unwrap_err())
            .contains("Endung .jpg")
    );
    assert!(file
        .save_attachment_copy(newer.id, &paths.database)
        .is_err());
    let copy = dir.path().join("Kopie.pdf");
    let saved = file.save_attachment_copy(newer.id, &copy).unwrap();
    assert_eq!(std::fs::read(&copy).unwrap(), second);
    assert_eq!(saved.bytes as usize, second.len());

    // The PDF's text lies in the decrypted pages (the search below can find it).
    let key = common::data_key(&paths, ADMIN, PASSWORD);
    common::raw_connection(&paths, ADMIN, PASSWORD)
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    assert!(!common::pages::pages_holding(&paths.database, &key, MARKER).is_empty());

    // Removal needs a reason and takes the earlier versions' bytes with it.
    assert!(
        field_message(file.remove_attachment(newer.id, " ").unwrap_err())
            .starts_with("Grund der Entfernung")
    );
    file.remove_attachment(newer.id, "versehentlich dem falschen Fall zugeordnet")
        .unwrap();
    for id in [added.id, newer.id] {
        let err = file.view_attachment(id).unwrap_err();
        assert!(err.to_string().contains("entfernt"), "{err}");
    }
    let raw = common::raw_connection(&paths, ADMIN, PASSWORD);
    let left: i64 = raw
        .query_row(
            "SELECT count(*) FROM attachment_content WHERE attachment_id IN (?1, ?2)",
            [added.id, newer.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
    drop(raw);
    let pages = common::pages::pages_holding(&paths.database, &key, MARKER);
    assert!(
        pages.is_empty(),
        "the removed PDF's text is still in page(s) {pages:?}"
    );

    let actions = audit_actions(&file);
    for wanted in [
        "Anlage hinzugefügt",
        "Anlage angesehen",
        "Anlage durch eine neue Fassung ersetzt",
        "Kopie einer Anlage gespeichert",
        "Anlage entfernt",
    ] {
        assert!(
            actions.iter().any(|a| a == wanted),
            "{wanted} missing in {actions:?}"
        );
    }
    assert!(file.verify_audit_chain().unwrap().first_broken.is_none());
}

#[test]
fn bad_files_are_refused_with_a_german_message_and_nothing_is_half_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let (case, _) = case(&mut file, &day(30));

    let empty = dir.path().join("leer.pdf");
    std::fs::write(&empty, b"").unwrap();
    assert!(field_message(ChosenFile::read(&empty).err().unwrap()).contains("leer (0 Byte)"));

    // 51 MB, refused before it is read (a sparse file: nothing is written to disk).
    let large = dir.path().join("Scan.pdf");
    std::fs::File::create(&large)
        .unwrap()
        .set_len(51_000_000)
        .unwrap();
    let said = field_message(ChosenFile::read(&large).err().unwrap());
    assert!(
        said.contains("51,0 MB") && said.contains("höchstens 50 MB"),
        "{said}"
    );

    let mut cut = pdf(&["abgebrochen"]);
    cut.truncate(cut.len() / 2);
    let program = {
        let mut exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0".to_vec();
        exe.resize(256, 0);
        exe[0x3c] = 0x80;
        exe.extend_from_slice(b"PE\0\0");
        exe
    };
    for (name, content, wanted) in [
        ("Antrag.pdf", cut, "unvollständig"),
        ("Rechnung.pdf", program, "kein PDF, JPEG, PNG oder TIFF"),
        (
            "Brief.pdf",
            b"Sehr geehrte Damen und Herren".to_vec(),
            "gleich, wie sie heißt",
        ),
    ] {
        let said = field_message(
            file.add_attachment(case, &chosen(name, content), &draft("antrag"))
                .unwrap_err(),
        );
        assert!(said.contains(wanted), "{name}: {said}");
    }
    // Every problem of the form at once: the file and the date.
    let mut future = draft("");
    future.received_on = "31.02.2026".into();
    let err = file
        .add_attachment(case, &chosen("x.pdf", b"kein pdf".to_vec()), &future)
        .unwrap_err();
    let fields: Vec<String> = err.field_problems().into_iter().map(|p| p.field).collect();
    assert_eq!(fields, ["Art", "Eingegangen am", "Datei"]);
    assert!(file.case_attachments(case).unwrap().is_empty());

    // A name with folders or Arabic letters keeps only its last part.
    let arabic = dir.path().join("شهادة اللغة.pdf");
    std::fs::write(&arabic, pdf(&["arabisch"])).unwrap();
    let read = ChosenFile::read(&arabic).unwrap();
    assert_eq!(read.file_name, "شهادة اللغة.pdf");
    let added = file
        .add_attachment(case, &read, &draft("nachweis"))
        .unwrap();
    assert_eq!(added.title, "شهادة اللغة");

    // A document whose stored bytes changed behind the program's back is reported as damaged.
    let raw = common::raw_connection(&paths, ADMIN, PASSWORD);
    raw.execute(
        "UPDATE attachment_content SET content = ?2 WHERE attachment_id = ?1",
        rusqlite::params![added.id, pdf(&["untergeschoben"])],
    )
    .unwrap();
    drop(raw);
    let err = file.view_attachment(added.id).unwrap_err();
    assert_eq!(err.code(), ErrorCode::FileDamaged);
    assert!(
        err.to_string().contains("„شهادة اللغة“ ist beschädigt"),
        "{err}"
    );

    // Readers may look, not add.
    let reader = "Leser Dudajew";
    let reader_password = "Erstes-Passwort-Havel-2026";
    file.add_user(reader, Role::Lesend, reader_password, reader_password)
        .unwrap();
    drop(file);
    let mut reading = common::unlock_on_fixed_day(&lock, reader, reader_password);
    let err = reading
        .add_attachment(case, &chosen("a.pdf", pdf(&["a"])), &draft("antrag"))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::PermissionDenied);
}

#[test]
fn backup_restore_and_rekey_keep_the_documents_and_a_deletion_run_leaves_no_trace() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let (case, _) = case(&mut file, &day(365 * 5));
    let content = pdf(&[MARKER]);
    let mut old = draft("aerztliche_stellungnahme");
    old.received_on = day(365 * 5 - 10);
    let added = file
        .add_attachment(case, &chosen("Attest.pdf", content.clone()), &old)
        .unwrap();

    let target = dir.path().join("sicherung.hfkbak");
    file.create_backup(&target).unwrap();
    drop(file);
    backup::restore(&lock, &target, ADMIN, PASSWORD, OtherFile::Refuse).unwrap();
    let file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let (mut file, _) = file.rekey(PASSWORD).unwrap();
    file.set_clock(hfk_akte::domain::clock::Clock::on_day(common::fixed_today()));
    assert_eq!(file.view_attachment(added.id).unwrap().content, content);

    let key = common::data_key(&paths, ADMIN, PASSWORD);
    common::raw_connection(&paths, ADMIN, PASSWORD)
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    assert!(!common::pages::pages_holding(&paths.database, &key, MARKER).is_empty());
    file.change_case_status(
        case,
        CaseStatus::Zurueckgenommen,
        &day(365 * 3),
        "Der Antrag wurde zurückgezogen.",
    )
    .unwrap();
    assert_eq!(file.run_deletion(&[case]).unwrap(), 1);
    assert!(file.case_attachments(case).unwrap().is_empty());
    drop(file);
    let pages = common::pages::pages_holding(&paths.database, &key, MARKER);
    assert!(
        pages.is_empty(),
        "the document's text is still in page(s) {pages:?}"
    );
    let raw = common::raw_connection(&paths, ADMIN, PASSWORD);
    assert!(common::stored::everywhere(&raw, "Attest").is_empty());
}
