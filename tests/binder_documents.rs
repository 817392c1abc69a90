//! The documents marked for the session in the Sitzungsmappe: each page of an attached PDF and
//! each picture behind its case's summary, with an outline entry, page numbers counting them,
//! nothing of the original's scripts or embedded files; what cannot be drawn (TIFF) says so on
//! its page; unmarked documents stay out. Checked with qpdf and pdftotext.

mod common;

use std::process::Command;

use common::session_day::SessionDay;
use hfk_akte::domain::attachment::AttachmentDraft;
use hfk_akte::domain::session::SessionDraft;
use hfk_akte::store::attachments::changes::ChosenFile;
use hfk_akte::store::InstanceLock;

const ADMIN: &str = "Andrea-Maria Petrlić-Woelke";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";

fn tool(name: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(name).args(args).output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

/// A PDF of the given pages whose catalog also carries a script to run on opening and an
/// embedded file: neither may reach the binder.
fn pdf_with_script(pages: &[&str]) -> Vec<u8> {
    pdf_turned(pages, 0)
}

/// As [`pdf_with_script`], each page turned by `rotate` degrees (as a scanner writes a page
/// scanned sideways).
fn pdf_turned(pages: &[&str], rotate: u32) -> Vec<u8> {
    let mut objects: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> /Names << /EmbeddedFiles << /Names [(geheim.txt) << /Type /Filespec /F (geheim.txt) >>] >> >> >>".into(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} /Resources << /Font << /F1 3 0 R >> >> >>",
            (0..pages.len()).map(|i| format!("{} 0 R", 4 + 2 * i)).collect::<Vec<_>>().join(" "),
            pages.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
    ];
    for (i, text) in pages.iter().enumerate() {
        let content = format!("BT /F1 24 Tf 72 700 Td ({text}) Tj ET");
        // The resources are inherited from the page tree, as many scanners write them.
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate {rotate} /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A 40 × 30 PNG with transparency.
fn png() -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, 40, 30);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    let pixels: Vec<u8> = (0..40 * 30)
        .flat_map(|i| [200, (i % 255) as u8, 40, 180])
        .collect();
    writer.write_image_data(&pixels).unwrap();
    writer.finish().unwrap();
    bytes
}

fn draft(title: &str, for_session: bool) -> AttachmentDraft {
    AttachmentDraft {
        kind: "nachweis".into(),
        title: title.into(),
        received_on: "01.12.2026".into(),
        person_id: None,
        for_session,
        ground_ids: Vec::new(),
    }
}

fn chosen(name: &str, content: Vec<u8>) -> ChosenFile {
    ChosenFile {
        file_name: name.into(),
        content,
    }
}

#[test]
fn the_binder_holds_the_marked_documents_behind_their_case_with_outline_and_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let day = SessionDay::new(&mut file);
    let case = day.admitted_case(&mut file, "Haddad");
    let session = file
        .plan_session(&SessionDraft {
            held_on: "17.12.2026".into(),
            start_time: "10:00".into(),
            place: "Potsdam".into(),
        })
        .unwrap();
    file.schedule_case(session.id, case, None).unwrap();

    let without = dir.path().join("ohne.pdf");
    let before = file.export_binder(session.id, &without).unwrap().pages;

    let scan = pdf_with_script(&[
        "Anlagenprobe Seite 1",
        "Anlagenprobe Seite 2",
        "Anlagenprobe Seite 3",
    ]);
    file.add_attachment(
        case,
        &chosen("Schule.pdf", scan),
        &draft("Schulbescheinigung", true),
    )
    .unwrap();
    file.add_attachment(
        case,
        &chosen("Foto.png", png()),
        &draft("Foto des Zeugnisses", true),
    )
    .unwrap();
    // A two-page TIFF: each page drawn; and a damaged one, said on its page.
    let tiff = {
        use tiff::encoder::{colortype, TiffEncoder};
        let mut out = std::io::Cursor::new(Vec::new());
        let mut encoder = TiffEncoder::new(&mut out).unwrap();
        for _ in 0..2 {
            encoder
                .write_image::<colortype::Gray8>(64, 48, &[90u8; 64 * 48])
                .unwrap();
        }
        out.into_inner()
    };
    let broken = b"II*\0\x08\0\0\0\x10\0\0\0\0\0".to_vec();
    file.add_attachment(
        case,
        &chosen("Kaputt.tif", broken),
        &draft("Kaputter Scan", true),
    )
    .unwrap();
    file.add_attachment(
        case,
        &chosen("Scan.tif", tiff),
        &draft("Gescannter Mietvertrag", true),
    )
    .unwrap();
    let turned = pdf_turned(&["Quer eingescannt"], 90);
    file.add_attachment(
        case,
        &chosen("Quer.pdf", turned),
        &draft("Mietvertrag quer", true),
    )
    .unwrap();
    let unmarked = pdf_with_script(&["Nicht vorgemerkt"]);
    file.add_attachment(
        case,
        &chosen("Intern.pdf", unmarked),
        &draft("Internes", false),
    )
    .unwrap();

    let binder = dir.path().join("mappe.pdf");
    let exported = file.export_binder(session.id, &binder).unwrap();
    assert_eq!(exported.pages, before + 3 + 1 + 2 + 1 + 1);
    // The case's audit row of the export names each document that went in, by id, version
    // and SHA-256; the unmarked one is not among them.
    let number = file.open_case(case).unwrap().number;
    let raw = common::raw_connection(&paths, ADMIN, PASSWORD);
    let fields: String = raw
        .query_row(
            "SELECT p.fields FROM audit_log l JOIN audit_payload p ON p.audit_id = l.id
             WHERE l.entity = 'document' AND l.action = 'export' AND l.entity_id = ?1
             ORDER BY l.id DESC LIMIT 1",
            [&number],
            |r| r.get(0),
        )
        .unwrap();
    drop(raw);
    let fields: serde_json::Value = serde_json::from_str(&fields).unwrap();
    let read = fields["after"]["attachments"].as_array().unwrap();
    let current = file.case_attachments(case).unwrap();
    let marked: Vec<_> = current.iter().filter(|a| a.for_session).collect();
    assert_eq!(read.len(), 5, "{fields}");
    for document in &marked {
        let row = read
            .iter()
            .find(|r| r["attachment"] == document.id)
            .unwrap_or_else(|| panic!("{} not recorded: {fields}", document.title));
        assert_eq!(row["sha256"], document.sha256.as_str());
        assert_eq!(row["version"], document.version);
    }
    assert!(current
        .iter()
        .filter(|a| !a.for_session)
        .all(|a| read.iter().all(|r| r["attachment"] != a.id)));
    let (ok, said) = tool("qpdf", &["--check", binder.to_str().unwrap()]);
    assert!(ok, "{said}");

    let (_, text) = tool("pdftotext", &["-layout", binder.to_str().unwrap(), "-"]);
    for wanted in [
        "Anlagenprobe Seite 1",
        "Anlagenprobe Seite 2",
        "Anlagenprobe Seite 3",
        "Nachweis – Schulbescheinigung, Seite 2 von 3",
        "Nachweis – Foto des Zeugnisses",
        "Nachweis – Gescannter Mietvertrag, Seite 2 von 2",
        "Die TIFF-Datei ist nicht eingebunden: die Datei ist beschädigt",
        "Quer eingescannt",
        &format!("Seite {0} von {0}", exported.pages),
    ] {
        assert!(
            text.contains(wanted),
            "the binder lacks „{wanted}“:\n{text}"
        );
    }
    assert!(
        !text.contains("Nicht vorgemerkt"),
        "an unmarked document went in"
    );

    let (_, outline) = tool(
        "qpdf",
        &["--json", "--json-key=outlines", binder.to_str().unwrap()],
    );
    for title in [
        "TOP 1: HFK-",
        "): Nachweis – Schulbescheinigung",
        "): Nachweis – Foto des Zeugnisses",
    ] {
        assert!(outline.contains(title), "outline lacks {title}: {outline}");
    }
    // The picture is in as an image; the script and the embedded file are not.
    let (_, images) = tool("pdfimages", &["-list", binder.to_str().unwrap()]);
    assert!(
        images.lines().any(|l| l.contains("40") && l.contains("30")),
        "{images}"
    );
    let plain = dir.path().join("klar.pdf");
    tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            binder.to_str().unwrap(),
            plain.to_str().unwrap(),
        ],
    );
    let raw = String::from_utf8_lossy(&std::fs::read(&plain).unwrap()).into_owned();
    for never in ["/JavaScript", "/EmbeddedFile", "geheim.txt", "app.alert"] {
        assert!(!raw.contains(never), "{never} reached the binder");
    }
}
