use std::process::Command;

use super::*;
use crate::report::fonts::{Fonts, Weight};
use crate::report::layout::{Layout, BODY};
use crate::report::pdf::{self, Metadata};

const NAME: &str = "Şükrü Güneş";

fn document() -> Vec<u8> {
    let fonts = Fonts::load().unwrap();
    let mut layout = Layout::new(&fonts);
    layout.paragraph(&format!("Exemplar für {NAME}"), Weight::Regular, BODY);
    let (pages, bookmarks) = layout.finish("Erstellt von Test", "Prüfkette: Eintrag 1");
    let meta = Metadata {
        title: "Sitzungsmappe Dudajew",
        author: "Geschäftsstelle",
        subject: "Härtefallkommission",
    };
    pdf::write(&fonts, &pages, &bookmarks, &meta).unwrap()
}

fn tool(name: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is missing (poppler-utils, qpdf): {e}"));
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn a_sealed_copy_opens_with_its_password_only_and_shows_nothing_without() {
    let password = handover_password();
    let sealed = seal(&document(), &password).unwrap();
    let needle = |text: &str| sealed.windows(text.len()).any(|w| w == text.as_bytes());
    assert!(!needle("Dudajew") && !needle("Geschäftsstelle".split('ä').next().unwrap()));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("exemplar.pdf");
    std::fs::write(&path, &sealed).unwrap();
    let file = path.to_str().unwrap();
    let (ok, shown) = tool(
        "qpdf",
        &["--show-encryption", &format!("--password={password}"), file],
    );
    assert!(ok, "{shown}");
    assert!(shown.contains("R = 6"), "{shown}");
    assert!(shown.contains("AESv3"), "{shown}");
    assert!(sealed.starts_with(b"%PDF-2.0"));
    let (ok, text) = tool("pdftotext", &["-upw", &password, file, "-"]);
    assert!(ok && text.contains(NAME), "{text}");
    let (ok, text) = tool("pdftotext", &[file, "-"]);
    assert!(!ok && !text.contains(NAME), "{text}");
    let (ok, _) = tool("pdftotext", &["-upw", "falsch-falsch-falsch", file, "-"]);
    assert!(!ok);
    let (ok, checked) = tool(
        "qpdf",
        &["--check", &format!("--password={password}"), file],
    );
    assert!(ok, "{checked}");

    let mut wrong = lopdf::Document::load_mem(&sealed).unwrap();
    assert!(wrong.is_encrypted());
    assert!(wrong.decrypt("falsch-falsch-falsch").is_err());
    let mut right = lopdf::Document::load_mem(&sealed).unwrap();
    assert!(right.decrypt(&password).is_ok());
}

#[test]
fn every_copy_gets_its_own_file_key() {
    let password = "bako-muti-refa-nolu-sawe-42";
    let (a, b) = (
        seal(&document(), password).unwrap(),
        seal(&document(), password).unwrap(),
    );
    assert_ne!(a, b);
}

#[test]
fn passwords_are_checked_and_handover_passwords_pass() {
    for _ in 0..50 {
        let password = handover_password();
        assert_eq!(password.len(), 27, "{password}");
        check_password(&password).unwrap();
    }
    assert!(check_password("kurz-zu-kurz").is_err());
    assert!(check_password("Umlaute-gehen-nicht-Güneş").is_err());
    assert!(check_password("mit Leerzeichen geht es nicht").is_err());
    assert!(check_password(&"x".repeat(33)).is_err());
    check_password(&"x".repeat(32)).unwrap();
    assert!(seal(&document(), "kurz").is_err());
}
