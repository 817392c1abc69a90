use super::*;

fn day(d: u32, m: u32, y: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".to_vec()
}

fn message(e: Error) -> String {
    e.field_problems()
        .into_iter()
        .map(|p| format!("{}: {}", p.field, p.message))
        .collect::<Vec<_>>()
        .join(" | ")
}

#[test]
fn the_content_tells_the_type_not_the_name() {
    assert_eq!(media_type(&pdf()).unwrap(), MediaType::Pdf);
    let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1];
    assert_eq!(media_type(&jpeg).unwrap(), MediaType::Jpeg);
    let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    assert_eq!(media_type(&png).unwrap(), MediaType::Png);
    assert_eq!(
        media_type(b"II*\0\x08\0\0\0\x10\0\0\0").unwrap(),
        MediaType::Tiff
    );
    assert_eq!(
        media_type(b"MM\0*\0\0\0\x08\0\x10\0\0").unwrap(),
        MediaType::Tiff
    );
}

#[test]
fn a_program_or_an_unknown_file_is_refused_with_what_it_is() {
    let mut exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0".to_vec();
    exe.resize(256, 0);
    exe[0x3c] = 0x80;
    exe.extend_from_slice(b"PE\0\0");
    let said = message(media_type(&exe).unwrap_err());
    assert!(said.starts_with("Datei: Die Datei ist "), "{said}");
    assert!(said.contains("kein PDF, JPEG, PNG oder TIFF"), "{said}");
    let said = message(media_type(b"Liebe Kommission, anbei").unwrap_err());
    assert!(said.contains("gleich, wie sie heißt"), "{said}");
}

#[test]
fn an_empty_a_truncated_and_an_oversized_file_are_refused() {
    assert!(message(media_type(b"").unwrap_err()).contains("leer (0 Byte)"));
    let mut cut = pdf();
    cut.truncate(20);
    assert!(message(media_type(&cut).unwrap_err()).contains("unvollständig"));
    assert!(check_size(MAX_BYTES).is_ok());
    let said = message(check_size(51_200_000).unwrap_err());
    assert!(said.contains("51,2 MB"), "{said}");
    assert!(said.contains("höchstens 50 MB"), "{said}");
}

#[test]
fn sizes_are_said_in_german() {
    assert_eq!(megabytes(20_971_520), "21,0 MB");
    assert_eq!(megabytes(1_234_567), "1,2 MB");
    assert_eq!(megabytes(40_000), "0,0 MB");
    assert_eq!(size_text(40_001), "41 kB");
    assert_eq!(size_text(12), "1 kB");
    assert_eq!(size_text(12_400_000), "12,4 MB");
}

#[test]
fn a_file_name_keeps_no_folder_and_no_control_characters() {
    assert_eq!(shown_file_name("../../etc/passwd"), "passwd");
    assert_eq!(shown_file_name("C:\\Scans\\Antrag.pdf"), "Antrag.pdf");
    assert_eq!(shown_file_name("شهادة اللغة.pdf"), "شهادة اللغة.pdf");
    assert_eq!(shown_file_name("a\u{0}b\nc.pdf"), "abc.pdf");
    assert_eq!(shown_file_name("../.."), "Anlage");
    assert_eq!(shown_file_name(".versteckt.png"), "versteckt.png");
}

#[test]
fn a_copy_keeps_an_ending_that_fits_its_type() {
    assert!(MediaType::Jpeg.fits_ending("JPEG"));
    assert!(MediaType::Tiff.fits_ending("tif"));
    assert!(!MediaType::Pdf.fits_ending("exe"));
    assert_eq!(MediaType::Png.ending(), "png");
}

#[test]
fn the_draft_is_checked_as_a_whole_and_the_title_comes_from_the_name() {
    let today = day(5, 12, 2026);
    let draft = AttachmentDraft {
        kind: "nachweis".into(),
        title: " ".into(),
        received_on: "01.12.2026".into(),
        person_id: Some(3),
        for_session: true,
        ground_ids: vec![4],
    };
    let fields = draft.validate("Sprachzertifikat B1.pdf", today).unwrap();
    assert_eq!(fields.kind, AttachmentKind::Nachweis);
    assert_eq!(fields.title, "Sprachzertifikat B1");
    assert_eq!(fields.received_on, day(1, 12, 2026));
    assert!(fields.for_session);
    assert_eq!(fields.ground_ids, [4]);

    let wrong = AttachmentDraft {
        kind: String::new(),
        title: "x".repeat(201),
        received_on: "31.02.2026".into(),
        ..AttachmentDraft::default()
    };
    let said = message(wrong.validate("a.pdf", today).unwrap_err());
    assert!(said.contains("Art: "), "{said}");
    assert!(said.contains("Titel: Höchstens 200"), "{said}");
    assert!(
        said.contains("Eingegangen am: „31.02.2026“ ist kein gültiges Datum"),
        "{said}"
    );

    let later = AttachmentDraft {
        kind: "antrag".into(),
        received_on: "06.12.2026".into(),
        ..AttachmentDraft::default()
    };
    let said = message(later.validate("a.pdf", today).unwrap_err());
    assert!(said.contains("liegt in der Zukunft"), "{said}");
}

#[test]
fn a_removal_needs_its_reason() {
    assert!(message(removal_reason("  ").unwrap_err()).starts_with("Grund der Entfernung"));
    assert_eq!(
        removal_reason(" doppelt eingescannt ").unwrap(),
        "doppelt eingescannt"
    );
}
