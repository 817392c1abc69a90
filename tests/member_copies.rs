//! The members' copies of a session binder, checked from outside as a member's PDF reader and
//! an auditor would: qpdf for the encryption, pdftotext with and without the member's
//! password, the raw bytes for names, and the case file for what it keeps.

mod common;

use std::path::Path;

use common::member_copies::*;
use hfk_akte::domain::member_copy::{footer_marking, watermark, Settlement};

#[test]
fn each_member_gets_a_sealed_copy_marked_as_theirs_without_the_cases_they_are_biased_on() {
    let mut c = commission();
    let folder = copies_folder(&c);
    let copies = c.file.member_copies(c.session).unwrap();
    // And the Leitung der Geschäftsstelle, advisory, who has no password yet.
    assert_eq!(copies.recipients.len(), 6, "{:?}", copies.recipients);
    let without: Vec<_> = copies
        .recipients
        .iter()
        .filter(|r| r.password_set_on.is_none())
        .collect();
    assert_eq!(without.len(), 1, "{without:?}");
    let ids: Vec<u32> = c.members.iter().map(|m| m.0).collect();
    let mut steps = Vec::new();
    let made = c
        .file
        .make_member_copies(c.session, &ids, &folder, |done, total| {
            steps.push((done, total))
        })
        .unwrap();
    assert_eq!(steps.first(), Some(&(0, 5)));
    assert_eq!(steps.last(), Some(&(5, 5)));
    assert_eq!(made.len(), 5);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 5);
    assert!(
        made.iter()
            .any(|m| m.path.ends_with("Sitzung-1-2026_Gunes.pdf")),
        "{made:?}"
    );

    // Kept for a look (pdftoppm -upw) beside the other documents.
    let kept = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/documents");
    std::fs::create_dir_all(&kept).unwrap();
    std::fs::copy(&made[4].path, kept.join("exemplar.pdf")).unwrap();

    let number = c.file.session(c.session).unwrap().number;
    for (i, (copy, (_, name, password))) in made.iter().zip(&c.members).enumerate() {
        assert_eq!(&copy.member_name, name);
        let pdf = Path::new(&copy.path);
        let file = pdf.to_str().unwrap();
        let (ok, said) = tool(
            "qpdf",
            &["--show-encryption", &format!("--password={password}"), file],
        );
        assert!(ok, "{said}");
        assert!(said.contains("R = 6"), "{said}");
        assert!(
            said.contains(&format!("User password = {password}")),
            "{said}"
        );
        assert!(said.contains("AESv3"), "{said}");
        let (ok, said) = tool(
            "qpdf",
            &["--check", &format!("--password={password}"), file],
        );
        assert!(
            ok && said.contains("No syntax or stream encoding errors"),
            "{said}"
        );

        let read = read_with(pdf, password).expect("the member's password opens the copy");
        let flat = read.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&footer_marking(name)), "{name}: {flat}");
        let drawn = drawn_with(pdf, password);
        let marked = squeezed(&watermark(name, &number));
        assert_eq!(
            drawn.matches(&marked).count(),
            copy.pages as usize,
            "{name}: {drawn}"
        );
        for (_, other, _) in c.members.iter().filter(|(_, o, _)| o != name) {
            let theirs = squeezed(&format!("Exemplar für {other}"));
            assert!(!drawn.contains(&theirs), "{name} has {other}'s marking");
        }
        let biased = i == 2;
        for (case, person) in c.cases.iter().zip(PERSONS) {
            let in_copy = flat.contains(&format!("Fallübersicht {case}"));
            let left_out = biased && case == &c.cases[1];
            assert_eq!(in_copy, !left_out, "{name}, {case}");
            assert_eq!(flat.contains(person), !left_out, "{name}, {person}");
        }
        assert_eq!(copy.left_out.len(), usize::from(biased), "{copy:?}");
        assert_eq!(
            flat.contains("Nicht in diesem Exemplar: TOP"),
            biased,
            "{name}: {flat}"
        );

        // Without the password nothing opens, and no name is in the bytes.
        assert!(read_with(pdf, "Falsches-Passwort-Oderbruch").is_none());
        assert!(read_with(pdf, &c.members[(i + 1) % 5].2).is_none());
        let (_, shown) = tool(
            "qpdf",
            &[
                "--show-encryption",
                "--password=Falsches-Passwort-Oderbruch",
                file,
            ],
        );
        assert!(shown.contains("Incorrect password supplied"), "{shown}");
        let (ok, _) = tool(
            "qpdf",
            &["--check", "--password=Falsches-Passwort-Oderbruch", file],
        );
        assert!(!ok, "qpdf took a wrong password");
        let bytes = std::fs::read(pdf).unwrap();
        let names = c.members.iter().map(|m| m.1.as_str());
        for needle in names.chain(PERSONS).chain(["Exemplar", "Amina"]) {
            // Words of five letters or more: shorter ones turn up in random bytes.
            for part in needle.split_whitespace().filter(|p| p.chars().count() >= 5) {
                assert!(
                    !bytes.windows(part.len()).any(|w| w == part.as_bytes()),
                    "{part:?} in the raw bytes of {}",
                    copy.path
                );
            }
        }
    }
}

#[test]
fn the_file_keeps_no_password_and_records_every_copy_and_its_return() {
    let mut c = commission();
    let folder = copies_folder(&c);
    let (id, name, password) = c.members[4].clone();
    c.file
        .make_member_copies(c.session, &[id], &folder, |_, _| {})
        .unwrap();
    let copies = c.file.member_copies(c.session).unwrap();
    assert_eq!(copies.copies.len(), 1);
    let copy = &copies.copies[0];
    assert_eq!(copy.member_name, name);
    assert_eq!(copy.cases, c.cases);
    assert!(copy.settled.is_none());
    let settled = c
        .file
        .settle_member_copy(copy.id, Settlement::Rueckgabe)
        .unwrap();
    let label = settled.copies[0].settled_label.clone().unwrap();
    assert!(
        label.starts_with("Rücklauf bestätigt am 10.12.2026 von"),
        "{label}"
    );
    assert!(c
        .file
        .settle_member_copy(copy.id, Settlement::Vernichtung)
        .is_err());

    // Only the sheet may print the password: it must be the one set.
    let sheet = folder.join("blatt.pdf");
    assert!(c
        .file
        .export_handover_sheet(id, "Anderes-Passwort-Barnim-12", &sheet)
        .is_err());
    c.file.export_handover_sheet(id, &password, &sheet).unwrap();
    let (_, sheet_text) = tool("pdftotext", &[sheet.to_str().unwrap(), "-"]);
    assert!(sheet_text.contains(&password), "{sheet_text}");
    std::fs::remove_file(&sheet).unwrap();
    drop(c.file);

    let conn = common::raw_connection(&c.paths, ADMIN, PASSWORD);
    for (_, _, password) in &c.members {
        let found = common::stored::everywhere(&conn, password);
        assert!(found.is_empty(), "the password is stored in {found:?}");
    }
    let rows: Vec<(String, String)> = conn
        .prepare(
            "SELECT l.entity || '/' || l.action, p.fields FROM audit_log l JOIN audit_payload p ON p.audit_id = l.id
             WHERE l.entity || '/' || l.action IN ('member/copy_password', 'member_copy/create',
                 'member_copy/settle', 'commission_session/advance_recusal')
             ORDER BY l.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let actions: Vec<&str> = rows.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| **a == "member/copy_password")
            .count(),
        5
    );
    assert!(
        actions.contains(&"commission_session/advance_recusal"),
        "{actions:?}"
    );
    let made = &rows
        .iter()
        .find(|(a, _)| a == "member_copy/create")
        .unwrap()
        .1;
    assert!(made.contains(&name) && made.contains(&c.cases[2]), "{made}");
    assert!(actions.contains(&"member_copy/settle"), "{actions:?}");
}
