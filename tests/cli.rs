//! The command-line tool as a scheduled job would call it.

use std::path::Path;
use std::process::Output;

mod common;
use common::command_line::{hfk, text};

const ADMIN: &str = "Đorđe Ćosić";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";

fn verify(db: &Path, password: &str) -> Output {
    hfk(
        &[
            "pruefkette-pruefen",
            db.to_str().unwrap(),
            "--benutzer",
            ADMIN,
        ],
        &format!("{password}\n"),
    )
}

#[test]
fn pruefkette_pruefen_reports_intact_then_the_first_broken_row() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);

    let before = std::fs::read(&paths.database).unwrap();
    for _ in 0..2 {
        let out = verify(&paths.database, PASSWORD);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        // Only the creation (the first key and the file): the check writes no unlock row.
        assert_eq!(
            text(&out.stdout).trim(),
            "Seiten der Akte unversehrt.\nPrüfkette unversehrt: 2 Einträge geprüft."
        );
    }
    assert_eq!(std::fs::read(&paths.database).unwrap(), before, "read only");

    let conn = common::raw_connection(&paths, ADMIN, PASSWORD);
    conn.execute("UPDATE audit_log SET action = 'nichts' WHERE id = 1", [])
        .unwrap();
    drop(conn);

    let out = verify(&paths.database, PASSWORD);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("\nPrüfkette unterbrochen bei Eintrag 1:"),
        "{}",
        text(&out.stdout)
    );

    let out = verify(&paths.database, "falsch");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr).trim(),
        "Fehler: Benutzername oder Passwort ist falsch."
    );
}

#[test]
fn beispielfaelle_fills_the_file_and_keeps_the_chain_intact() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let db = paths.database.to_str().unwrap();

    let out = hfk(
        &["beispielfaelle", db, "--benutzer", ADMIN, "--faelle", "25"],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), "25 Beispielfälle angelegt.");

    let conn = common::raw_connection(&paths, ADMIN, PASSWORD);
    let cases: i64 = conn
        .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .unwrap();
    assert_eq!(cases, 25);
    drop(conn);
    assert_eq!(verify(&paths.database, PASSWORD).status.code(), Some(0));

    // A start-page list printed whole: one line per paper, then the count.
    let out = hfk(
        &["faellig", db, "abgelaufen", "--benutzer", ADMIN],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    let (summary, entries) = lines.split_last().unwrap();
    assert!(!entries.is_empty(), "the sample holds expired papers");
    assert_eq!(*summary, format!("{} Einträge.", entries.len()));
    assert!(entries
        .iter()
        .all(|l| l.starts_with("HFK-") && l.contains("gültig bis")));
    let out = hfk(
        &["faellig", db, "irgendwas", "--benutzer", ADMIN],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn sicherung_erstellen_pruefen_wiederherstellen() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let db = paths.database.to_str().unwrap();
    let target = dir.path().join("s.hfksicherung");
    let target = target.to_str().unwrap();
    let pw = format!("{PASSWORD}\n");

    let out = hfk(
        &["beispielfaelle", db, "--benutzer", ADMIN, "--faelle", "3"],
        &pw,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = hfk(
        &["sicherung-erstellen", db, target, "--benutzer", ADMIN],
        &pw,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains(": 3 Fälle"),
        "{}",
        text(&out.stdout)
    );

    let out = hfk(&["sicherung-pruefen", target, "--benutzer", ADMIN], &pw);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("In Ordnung. Sicherung vom "));

    let out = hfk(
        &["beispielfaelle", db, "--benutzer", ADMIN, "--faelle", "2"],
        &pw,
    );
    assert_eq!(out.status.code(), Some(0));
    let out = hfk(
        &[
            "sicherung-wiederherstellen",
            target,
            db,
            "--benutzer",
            ADMIN,
        ],
        &pw,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("3 Fälle"));
    let conn = common::raw_connection(&paths, ADMIN, PASSWORD);
    let cases: i64 = conn
        .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .unwrap();
    assert_eq!(cases, 3);
    drop(conn);

    let out = hfk(
        &["sicherung-pruefen", target, "--benutzer", ADMIN],
        "falsch\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr).trim(),
        "Fehler: Benutzername oder Passwort ist falsch."
    );
}

#[test]
fn datenschluessel_opens_the_file_with_plain_sqlcipher() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let db = paths.database.to_str().unwrap();
    let out = hfk(
        &["datenschluessel", db, "--benutzer", ADMIN],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let key = text(&out.stdout).trim().to_owned();
    assert!(key.starts_with("x'") && key.len() == 67, "{key}");

    // What a person would type into the sqlcipher shell.
    let conn = rusqlite::Connection::open(&paths.database).unwrap();
    conn.execute_batch(&format!("PRAGMA key = \"{key}\";"))
        .unwrap();
    let users: i64 = conn
        .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
        .unwrap();
    assert_eq!(users, 1);
    let last: String = conn
        .query_row(
            "SELECT entity || ':' || action FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(last, "data_key:reveal");
}

#[test]
fn fallubersicht_writes_the_case_summary() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let db = paths.database.to_str().unwrap();
    let pw = format!("{PASSWORD}\n");
    let out = hfk(
        &["beispielfaelle", db, "--benutzer", ADMIN, "--faelle", "1"],
        &pw,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let conn = common::raw_connection(&paths, ADMIN, PASSWORD);
    let number: String = conn
        .query_row("SELECT number FROM cases", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    let pdf = dir.path().join("f.pdf");
    let out = hfk(
        &[
            "fallübersicht",
            db,
            &number,
            pdf.to_str().unwrap(),
            "--benutzer",
            ADMIN,
        ],
        &pw,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("Geschrieben: "));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    let out = hfk(
        &[
            "fallübersicht",
            db,
            "HFK-1999-999",
            pdf.to_str().unwrap(),
            "--benutzer",
            ADMIN,
        ],
        &pw,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Der Fall HFK-1999-999 wurde nicht gefunden"));
}

#[test]
fn einstellung_lists_sets_and_refuses_settings() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let db = paths.database.to_str().unwrap();
    let stdin = format!("{PASSWORD}\n");
    let all = hfk(&["einstellung", db, "--benutzer", ADMIN], &stdin);
    assert_eq!(all.status.code(), Some(0), "{}", text(&all.stderr));
    let listed = text(&all.stdout);
    assert!(
        listed.contains("commission_name\tName der Kommission\tHärtefallkommission des Landes Brandenburg (Voreinstellung)"),
        "{listed}"
    );
    assert!(listed.contains("idle_lock_minutes\t"), "{listed}");

    let set = hfk(
        &[
            "einstellung",
            db,
            "ministry_address",
            "Senatsverwaltung für Inneres und Sport\\nKlosterstraße 47\\n10179 Berlin",
            "--benutzer",
            ADMIN,
        ],
        &stdin,
    );
    assert_eq!(set.status.code(), Some(0), "{}", text(&set.stderr));
    assert!(
        text(&set.stdout)
            .contains("Senatsverwaltung für Inneres und Sport / Klosterstraße 47 / 10179 Berlin"),
        "{}",
        text(&set.stdout)
    );
    let refused = hfk(
        &[
            "einstellung",
            db,
            "idle_lock_minutes",
            "0",
            "--benutzer",
            ADMIN,
        ],
        &stdin,
    );
    assert_ne!(refused.status.code(), Some(0));
    assert!(
        text(&refused.stderr).contains("Automatische Sperre"),
        "{}",
        text(&refused.stderr)
    );
    let unknown = hfk(
        &["einstellung", db, "farbe", "blau", "--benutzer", ADMIN],
        &stdin,
    );
    assert!(
        text(&unknown.stderr).contains("„farbe“ gibt es nicht"),
        "{}",
        text(&unknown.stderr)
    );
}
