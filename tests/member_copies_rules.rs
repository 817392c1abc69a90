//! The rules around the members' copies (bias declared before the session, a password
//! before any copy) and the copies from the command line, with a sealed export.

mod common;

use std::path::Path;

use common::command_line::{hfk, text};
use common::member_copies::*;
use common::session_day::SessionDay;
use hfk_akte::domain::member::MemberDraft;
use hfk_akte::domain::session::SessionStatus;
use hfk_akte::report::ExportTarget;

#[test]
fn bias_is_declared_only_before_the_session_and_copies_need_a_password() {
    let mut c = commission();
    let folder = copies_folder(&c);
    let integrationsbeauftragte = c.members[0].0;
    let detail = c
        .file
        .withdraw_advance_recusal(c.recused_item, c.members[2].0)
        .unwrap();
    let item = detail
        .items
        .iter()
        .find(|i| i.id == c.recused_item)
        .unwrap();
    assert!(item.advance_recusals.is_empty());

    // A member out of office on the session day is neither biased nor a recipient.
    let organisation = c.file.member_register().unwrap().organisations[0].id;
    let former = c
        .file
        .save_member(
            None,
            &MemberDraft {
                name: "Дудаев Руслан".into(),
                kind: "mitglied".into(),
                organisation_id: Some(organisation),
                deputy_of: None,
                term_from: "01.01.2020".into(),
                term_to: "31.12.2023".into(),
            },
        )
        .unwrap();
    let refused = c
        .file
        .declare_advance_recusal(c.recused_item, former)
        .unwrap_err();
    assert!(refused.to_string().contains("nicht im Amt"), "{refused}");
    c.file
        .set_copy_password(former, "Ehemalig-Potsdam-Mittelmark-9")
        .unwrap();
    assert!(c
        .file
        .make_member_copies(c.session, &[former], &folder, |_, _| {})
        .is_err());

    // Without a password no copy is made, and nothing is written for anyone.
    let organisation_member = c
        .file
        .save_member(
            None,
            &MemberDraft {
                name: "زينب الهاشمي".into(),
                kind: "stellvertretung".into(),
                organisation_id: Some(organisation),
                deputy_of: Some(c.members[3].0),
                term_from: "01.01.2024".into(),
                term_to: String::new(),
            },
        )
        .unwrap();
    let refused = c
        .file
        .make_member_copies(
            c.session,
            &[integrationsbeauftragte, organisation_member],
            &folder,
            |_, _| {},
        )
        .unwrap_err();
    assert!(refused.to_string().contains("kein Passwort"), "{refused}");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
    assert!(c
        .file
        .set_copy_password(organisation_member, "kurz")
        .is_err());

    // Once the session is held, bias is recorded with the vote.
    let today = common::fixed_today().format("%d.%m.%Y").to_string();
    let day = SessionDay {
        members: c.members[1..4].iter().map(|m| m.0).collect(),
        integrationsbeauftragte,
    };
    c.file
        .record_attendance(c.session, &day.everyone_present())
        .unwrap();
    let items: Vec<u32> = c
        .file
        .session(c.session)
        .unwrap()
        .items
        .iter()
        .filter(|i| i.case_id.is_some())
        .map(|i| i.id)
        .collect();
    for item in items {
        c.file.decide_item(item, &day.unanimous_request()).unwrap();
    }
    // A decided item takes no bias declared in advance, even before the session is closed.
    let refused = c
        .file
        .declare_advance_recusal(c.recused_item, c.members[1].0)
        .unwrap_err();
    assert!(
        refused.to_string().contains("noch nicht beratene"),
        "{refused}"
    );
    c.file
        .advance_session(c.session, SessionStatus::Durchgefuehrt, &today)
        .unwrap();
    assert!(c
        .file
        .declare_advance_recusal(c.recused_item, c.members[1].0)
        .is_err());
    let _ = &c.lock;
}

#[test]
fn the_command_line_makes_the_copies_and_a_sealed_export() {
    let mut c = commission();
    let folder = copies_folder(&c);
    let case = c.file.find_case(&c.cases[0]).unwrap();
    let sealed = folder.join("versiegelt.pdf");
    let exported = c
        .file
        .export_case_summary(case, ExportTarget::sealed(&sealed))
        .unwrap();
    let one_off = exported.one_off_password.clone().unwrap();
    assert!(read_with(&sealed, &one_off).unwrap().contains(PERSONS[0]));
    assert!(read_with(&sealed, "").is_none());
    std::fs::remove_file(&sealed).unwrap();
    let number = c.file.session(c.session).unwrap().number;
    drop(c.file);
    drop(c.lock);

    let db = c.paths.database.to_str().unwrap();
    let stdin = format!("{PASSWORD}\n");
    let out = hfk(
        &[
            "exemplare",
            db,
            &number,
            folder.to_str().unwrap(),
            "--benutzer",
            ADMIN,
        ],
        &stdin,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert_eq!(said.lines().count(), 5, "{said}");
    assert!(said.contains("Sitzung-1-2026_Gunes.pdf"), "{said}");
    let told = text(&out.stderr);
    assert!(told.contains("Exemplar 5 von 5"), "{told}");
    assert!(
        told.contains("Kein Exemplar für Leitung der Geschäftsstelle"),
        "{told}"
    );

    let out = hfk(
        &["exemplar-passwort", db, DEPUTY, "--benutzer", ADMIN],
        &stdin,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    let new = said.trim().rsplit(' ').next().unwrap().to_owned();
    assert!(new.len() >= 16, "{said}");
    // The folder of the first copies: the older copy is not replaced.
    let again = |into: &Path| {
        hfk(
            &[
                "exemplare",
                db,
                &number,
                into.to_str().unwrap(),
                "--mitglied",
                DEPUTY,
                "--benutzer",
                ADMIN,
            ],
            &stdin,
        )
    };
    let out = again(&folder);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("Im Ordner liegt schon Sitzung-1-2026_Gunes.pdf"),
        "{}",
        text(&out.stderr)
    );
    let older = folder.join("Sitzung-1-2026_Gunes.pdf");
    assert!(read_with(&older, &c.members[4].2).is_some());
    let newer = folder.join("neu");
    std::fs::create_dir(&newer).unwrap();
    let out = again(&newer);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let newest = text(&out.stdout);
    let path = newest
        .split(": ")
        .nth(1)
        .unwrap()
        .split(" (")
        .next()
        .unwrap();
    assert!(read_with(Path::new(path), &new).is_some(), "{newest}");
    assert!(read_with(Path::new(path), &c.members[4].2).is_none());
}
