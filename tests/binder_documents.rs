//! The documents marked for the session in the Sitzungsmappe: each page of an attached PDF and
//! each picture behind its case's summary, with an outline entry, page numbers counting them,
//! nothing of the original's scripts or embedded files; what cannot be drawn (TIFF) says so on
//! its page; unmarked documents stay out. Checked with qpdf and pdftotext.

mod common;

use std::process::Command;

use common::sample_pdf::pdf_of;
use common::session_day::SessionDay;
use hfk_akte::domain::attachment::AttachmentDraft;
use hfk_akte::domain::session::SessionDraft;
use hfk_akte::store::attachments::changes::ChosenFile;
use hfk_akte::store::sessions::page::SessionDetail;
use hfk_akte::store::{CaseFile, InstanceLock};

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
    pdf_of(&objects)
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

/// The PDF's objects as text, uncompressed (qpdf's QDF form), to search for what must not
/// be in it.
fn uncompressed(pdf: &std::path::Path, dir: &std::path::Path) -> String {
    let plain = dir.join("klar.pdf");
    tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            pdf.to_str().unwrap(),
            plain.to_str().unwrap(),
        ],
    );
    String::from_utf8_lossy(&std::fs::read(&plain).unwrap()).into_owned()
}

/// A session with one admitted case of the family `family_name` on its agenda.
fn case_on_a_session(file: &mut CaseFile, family_name: &str) -> (u32, SessionDetail) {
    let day = SessionDay::new(file);
    let case = day.admitted_case(file, family_name);
    let session = file
        .plan_session(&SessionDraft {
            held_on: "17.12.2026".into(),
            start_time: "10:00".into(),
            place: "Potsdam".into(),
        })
        .unwrap();
    file.schedule_case(session.id, case, None).unwrap();
    (case, session)
}

#[test]
fn the_binder_holds_the_marked_documents_behind_their_case_with_outline_and_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let (case, session) = case_on_a_session(&mut file, "Haddad");

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
        // The damaged TIFF says so on its page: recorded as not included.
        assert_eq!(row["included"], document.title != "Kaputter Scan", "{row}");
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
    let raw = uncompressed(&binder, dir.path());
    for never in ["/JavaScript", "/EmbeddedFile", "geheim.txt", "app.alert"] {
        assert!(!raw.contains(never), "{never} reached the binder");
    }
}

/// A photo as a phone stores it when held on its side: 400 × 200 pixels, red on the left and
/// blue on the right, with the EXIF orientation `orientation` (none when 0) saying how to
/// turn it upright.
fn photo(dir: &std::path::Path, orientation: u8) -> Vec<u8> {
    let path = dir.join("foto.jpg");
    let (ok, said) = tool(
        "convert",
        &[
            "-size",
            "200x200",
            "xc:red",
            "-size",
            "200x200",
            "xc:blue",
            "+append",
            "-quality",
            "95",
            path.to_str().unwrap(),
        ],
    );
    assert!(ok, "{said}");
    let jpeg = std::fs::read(&path).unwrap();
    if orientation == 0 {
        return jpeg;
    }
    // APP1 "Exif": a big-endian TIFF header and one IFD entry, Orientation (0x0112), SHORT.
    let mut app1 = vec![0xFF, 0xE1, 0, 34];
    app1.extend_from_slice(b"Exif\0\0MM\0\x2A\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0");
    app1.extend_from_slice(&[orientation, 0, 0, 0, 0, 0, 0]);
    [&jpeg[..2], &app1, &jpeg[2..]].concat()
}

/// The bounding box (left, top, right, bottom) of the pixels of page `page` of `pdf` that
/// are clearly `red` (else blue), drawn at 30 dpi.
fn colour_box(pdf: &std::path::Path, page: u32, red: bool) -> (usize, usize, usize, usize) {
    let out = Command::new("pdftoppm")
        .args(["-f", &page.to_string(), "-l", &page.to_string(), "-r", "30"])
        .arg(pdf)
        .output()
        .unwrap();
    let ppm = out.stdout;
    // P6 header: magic, width, height, maximum, each followed by one whitespace.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        let start = at;
        while !ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&ppm[start..at]).into_owned());
        at += 1;
    }
    let width: usize = fields[1].parse().unwrap();
    let (mut left, mut top, mut right, mut bottom) = (usize::MAX, usize::MAX, 0, 0);
    for (i, p) in ppm[at..].chunks(3).enumerate() {
        let strong = if red { p[0] } else { p[2] };
        let others = if red { p[1].max(p[2]) } else { p[0].max(p[1]) };
        if strong > 180 && others < 80 {
            let (x, y) = (i % width, i / width);
            (left, top, right, bottom) = (left.min(x), top.min(y), right.max(x), bottom.max(y));
        }
    }
    (left, top, right, bottom)
}

#[test]
fn a_photo_taken_on_its_side_goes_into_the_binder_upright() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let (case, session) = case_on_a_session(&mut file, "Ćosić");
    // Turned a quarter clockwise to be upright (6), and the same photo without EXIF.
    for (name, orientation) in [("Hochkant.jpg", 6), ("Quer.jpg", 0)] {
        file.add_attachment(
            case,
            &chosen(name, photo(dir.path(), orientation)),
            &draft(name.trim_end_matches(".jpg"), true),
        )
        .unwrap();
    }
    let binder = dir.path().join("mappe.pdf");
    let pages = file.export_binder(session.id, &binder).unwrap().pages;
    let (ok, said) = tool("qpdf", &["--check", binder.to_str().unwrap()]);
    assert!(ok, "{said}");

    // Upright: the stored left half (red) is now on top, the blue below it; taller than wide.
    let red = colour_box(&binder, pages - 1, true);
    let blue = colour_box(&binder, pages - 1, false);
    assert!(red.3 < blue.1 + 3, "red {red:?} above blue {blue:?}");
    let (w, h) = (blue.2 - red.0, blue.3 - red.1);
    assert!(h > w * 3 / 2, "upright photo is {w} × {h}");
    // Without EXIF: as stored, red left of blue, wider than tall.
    let red = colour_box(&binder, pages, true);
    let blue = colour_box(&binder, pages, false);
    assert!(red.2 < blue.0 + 3, "red {red:?} left of blue {blue:?}");
    assert!(blue.2 - red.0 > (blue.3 - red.1) * 3 / 2);
}

/// An appearance: a form of `width` × 20 that writes `text`.
fn appearance(width: u32, text: &str) -> String {
    let content = format!("BT /F1 12 Tf 2 5 Td ({text}) Tj ET");
    format!(
        "<< /Type /XObject /Subtype /Form /BBox [0 0 {width} 20] /Resources << /Font << /F1 3 0 R >> >> /Length {} >>\nstream\n{content}\nendstream",
        content.len()
    )
}

#[test]
fn what_a_filled_in_form_prints_goes_into_the_binder_and_what_it_hides_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let (case, session) = case_on_a_session(&mut file, "Güneş");
    let page = "BT /F1 18 Tf 72 760 Td (Antrag auf Aufnahme) Tj ET";
    let form = pdf_of(&[
        "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R 12 0 R] >> >>".into(),
        "<< /Type /Pages /Kids [4 0 R] /Count 1 >>".into(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R /Annots [6 0 R 8 0 R 10 0 R 12 0 R] >>".into(),
        format!("<< /Length {} >>\nstream\n{page}\nendstream", page.len()),
        // A text field, filled in, to print, with a script behind it; its appearance (crafted)
        // refers back to the field.
        "<< /Type /Annot /Subtype /Widget /FT /Tx /T (Name) /V (Mila) /Rect [72 600 372 620] /F 4 /AP << /N 7 0 R >> /A << /S /JavaScript /JS (app.alert\\(2\\)) >> >>".into(),
        appearance(300, "Feldinhalt Mila Haddad").replace(
            "/Resources <<",
            "/Resources << /Properties << /Fremd 6 0 R /Skript << /S /JavaScript /JS (app.alert\\(3\\)) >> >>",
        ),
        // A stamp to print, but hidden.
        "<< /Type /Annot /Subtype /Stamp /Rect [72 500 372 520] /F 6 /AP << /N 9 0 R >> >>".into(),
        appearance(300, "Versteckter Stempel"),
        // A note for the screen only (no Print flag).
        "<< /Type /Annot /Subtype /FreeText /Rect [72 450 372 470] /F 0 /AP << /N 11 0 R >> >>".into(),
        appearance(300, "Nur am Bildschirm"),
        // A check box, ticked: the appearance of its state.
        "<< /Type /Annot /Subtype /Widget /FT /Btn /T (Einwilligung) /V /Ja /AS /Ja /Rect [72 400 372 420] /F 4 /AP << /N << /Ja 13 0 R /Off 14 0 R >> >> >>".into(),
        appearance(300, "Einwilligung angekreuzt"),
        appearance(300, "Einwilligung leer"),
    ]);
    let (ok, said) = {
        let path = dir.path().join("formular.pdf");
        std::fs::write(&path, &form).unwrap();
        tool("qpdf", &["--check", path.to_str().unwrap()])
    };
    assert!(ok, "the sample form is a sound PDF: {said}");
    file.add_attachment(
        case,
        &chosen("Antrag.pdf", form),
        &draft("Ausgefüllter Antrag", true),
    )
    .unwrap();
    let binder = dir.path().join("mappe.pdf");
    file.export_binder(session.id, &binder).unwrap();
    let (ok, said) = tool("qpdf", &["--check", binder.to_str().unwrap()]);
    assert!(ok, "{said}");
    let (_, text) = tool("pdftotext", &["-layout", binder.to_str().unwrap(), "-"]);
    for wanted in [
        "Antrag auf Aufnahme",
        "Feldinhalt Mila Haddad",
        "Einwilligung angekreuzt",
    ] {
        assert!(
            text.contains(wanted),
            "the binder lacks „{wanted}“:\n{text}"
        );
    }
    for never in [
        "Versteckter Stempel",
        "Nur am Bildschirm",
        "Einwilligung leer",
    ] {
        assert!(!text.contains(never), "„{never}“ went into the binder");
    }
    // Drawn, not carried: none of the original's annotations or form fields is in the binder
    // (its own pages have an empty /Annots).
    let raw = uncompressed(&binder, dir.path());
    for never in [
        "/Widget",
        "/AcroForm",
        "/Stamp",
        "/FreeText",
        "(Mila)",
        "/JavaScript",
        "app.alert",
    ] {
        assert!(!raw.contains(never), "{never} reached the binder");
    }
}
