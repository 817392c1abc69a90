//! The invitations to a session: one letter per member in office on the session day, each
//! with that member's address and the agenda with initials (or names), kept in the file,
//! saved one file per member or one combined file for printing; all or nothing.

mod common;

use std::path::Path;

use common::member_copies::tool;
use common::session_day::SessionDay;
use hfk_akte::domain::session::SessionDraft;
use hfk_akte::report::agenda::AgendaVariant;
use hfk_akte::report::letters::invitations::InvitationRequest;
use hfk_akte::store::{CaseFile, InstanceLock};
use hfk_akte::Error;

const ADMIN: &str = "Şükrü Güneş";
const PASSWORD: &str = "Oderbruch-Deich-Kranich-3";

fn day(offset: u64) -> String {
    (common::fixed_today() + chrono::Days::new(offset))
        .format("%d.%m.%Y")
        .to_string()
}

fn request(reply_by: &str, agenda: AgendaVariant, combined: bool) -> InvitationRequest {
    InvitationRequest {
        agenda,
        reply_by: reply_by.into(),
        combined,
    }
}

fn refusal<T: std::fmt::Debug>(result: hfk_akte::Result<T>) -> (String, String) {
    match result {
        Err(Error::InvalidInput { field, message }) => (field, message),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A session in three weeks with two cases on its agenda; the file's members.
fn planned(file: &mut CaseFile) -> (SessionDay, u32) {
    let members = SessionDay::new(file);
    let session = file
        .plan_session(&SessionDraft {
            held_on: day(21),
            start_time: "10:00".into(),
            place: "Potsdam, Henning-von-Tresckow-Straße 9–13".into(),
        })
        .unwrap()
        .id;
    for name in ["Petrlić-Woelke", "الهاشمي"] {
        let case = members.admitted_case(file, name);
        file.schedule_case(session, case, None).unwrap();
    }
    (members, session)
}

#[test]
fn every_member_gets_an_invitation_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let (_members, session) = planned(&mut file);
    let recipients = file.member_copies(session).unwrap().recipients;
    assert!(recipients.len() >= 4, "{recipients:?}");
    let out = dir.path().join("einladungen");
    std::fs::create_dir(&out).unwrap();

    // Nobody's address recorded: refused with the names, nothing written or kept.
    let (field, message) = refusal(file.write_invitations(
        session,
        &request(&day(7), AgendaVariant::Weitergabe, false),
        &out,
        |_, _| {},
    ));
    assert_eq!(field, "Empfänger");
    assert!(message.contains("Мария Иванова"), "{message}");
    // A reply due after the session, or today, is refused at its field.
    for due in [day(21), day(0), "31.02.2027".into()] {
        assert_eq!(
            refusal(file.write_invitations(
                session,
                &request(&due, AgendaVariant::Weitergabe, false),
                &out,
                |_, _| {}
            ))
            .0,
            "Antwortfrist"
        );
    }
    for (i, r) in recipients.iter().enumerate() {
        file.set_member_address(
            r.member_id,
            &format!("Lindenallee {}\n14467 Potsdam", i + 1),
        )
        .unwrap();
    }
    assert!(files_in(&out).is_empty());
    assert!(file.session_letters(session).unwrap().is_empty());

    let mut steps = Vec::new();
    let made = file
        .write_invitations(
            session,
            &request(&day(7), AgendaVariant::Weitergabe, false),
            &out,
            |done, total| steps.push((done, total)),
        )
        .unwrap();
    assert_eq!(made.letters as usize, recipients.len());
    let all = recipients.len() as u32;
    assert_eq!(steps.last(), Some(&(all, all)));
    assert_eq!(files_in(&out).len(), recipients.len());
    assert!(
        made.files
            .iter()
            .all(|f| f.starts_with("Einladung-Sitzung-") && f.ends_with(".pdf")),
        "{:?}",
        made.files
    );
    for (r, name) in recipients.iter().zip(&made.files) {
        let pdf = out.join(name);
        let path = pdf.to_str().unwrap();
        assert!(tool("qpdf", &["--check", path])
            .1
            .contains("No syntax or stream encoding errors"));
        let text = tool("pdftotext", &["-layout", path, "-"]).1;
        for expected in [
            r.name.as_str(),
            "Einladung zur Sitzung",
            "Tagesordnung",
            "TOP 1",
            "Lindenallee",
            &day(21),
            &day(7),
        ] {
            assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
        }
        // Initials only: no family name of a person leaves in an invitation.
        assert!(
            !text.contains("Petrlić-Woelke") && !text.contains("Haddad"),
            "{text}"
        );
        assert!(!text.contains("Seite 1 von 1"), "{text}");
    }
    assert_eq!(
        file.session_letters(session).unwrap().len(),
        recipients.len()
    );
    // The same folder again: refused, nothing overwritten, nothing kept twice.
    let (field, _) = refusal(file.write_invitations(
        session,
        &request(&day(7), AgendaVariant::Weitergabe, false),
        &out,
        |_, _| {},
    ));
    assert_eq!(field, "Ordner");
    assert_eq!(
        file.session_letters(session).unwrap().len(),
        recipients.len()
    );

    // One file for printing, each letter counting its own pages; names on the agenda.
    let print = dir.path().join("druck");
    std::fs::create_dir(&print).unwrap();
    let made = file
        .write_invitations(
            session,
            &request(&day(7), AgendaVariant::Intern, true),
            &print,
            |_, _| {},
        )
        .unwrap();
    assert_eq!(
        made.files,
        vec!["Einladungen-Sitzung-1-2026.pdf".to_string()]
    );
    let combined = print.join(&made.files[0]);
    let info = tool("pdfinfo", &[combined.to_str().unwrap()]).1;
    assert!(
        info.contains(&format!("Pages:           {}\n", recipients.len())),
        "{info}"
    );
    let text = tool("pdftotext", &["-layout", combined.to_str().unwrap(), "-"]).1;
    assert!(
        text.contains("Petrlić-Woelke") && !text.contains("Seite 1 von"),
        "{text}"
    );
    let rendered = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/documents/einladung");
    std::fs::create_dir_all(rendered.parent().unwrap()).unwrap();
    assert!(
        tool(
            "pdftoppm",
            &[
                "-png",
                "-r",
                "80",
                "-singlefile",
                combined.to_str().unwrap(),
                rendered.to_str().unwrap()
            ]
        )
        .0
    );
}

#[test]
fn the_command_line_writes_a_case_letter_and_the_invitations() {
    use common::command_line::{hfk, text};
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    // The command line runs on the real clock: the session lies ahead of both days.
    let real = chrono::Local::now().date_naive();
    let ahead = |days: u64| {
        (real.max(common::fixed_today()) + chrono::Days::new(days))
            .format("%d.%m.%Y")
            .to_string()
    };
    let members = SessionDay::new(&mut file);
    let session = file
        .plan_session(&SessionDraft {
            held_on: ahead(21),
            start_time: "09:30".into(),
            place: "Potsdam".into(),
        })
        .unwrap();
    let case = members.admitted_case(&mut file, "Ćosić");
    let cottbus = file
        .offices()
        .unwrap()
        .into_iter()
        .find(|o| o.name == "Stadt Cottbus")
        .unwrap()
        .id;
    let mut draft = file.open_case(case).unwrap().draft;
    draft.office_id = Some(cottbus);
    file.update_case(case, &draft).unwrap();
    file.schedule_case(session.id, case, None).unwrap();
    let number = file.open_case(case).unwrap().number;
    let recipients = file.member_copies(session.id).unwrap().recipients;
    drop(file);
    drop(lock);

    let db = paths.database.to_str().unwrap();
    let stdin = format!("{PASSWORD}\n");
    for r in &recipients {
        let out = hfk(
            &[
                "anschrift",
                db,
                "mitglied",
                &r.name,
                "Lindenallee 1\\n14467 Potsdam",
                "--benutzer",
                ADMIN,
            ],
            &stdin,
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    let letter = dir.path().join("anforderung.pdf");
    let out = hfk(
        &[
            "schreiben",
            db,
            &number,
            "Anforderung-Stellungnahme",
            letter.to_str().unwrap(),
            "--frist",
            &ahead(28),
            "--benutzer",
            ADMIN,
        ],
        &stdin,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("in der Akte abgelegt"),
        "{}",
        text(&out.stdout)
    );
    let said = tool("pdftotext", &["-layout", letter.to_str().unwrap(), "-"]).1;
    assert!(
        said.contains("03046 Cottbus") && said.contains("Ćosić") && said.contains(&ahead(28)),
        "{said}"
    );
    // An unknown kind is refused with the field named.
    let out = hfk(
        &[
            "schreiben",
            db,
            &number,
            "Glückwunsch",
            letter.to_str().unwrap(),
            "--benutzer",
            ADMIN,
        ],
        &stdin,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("Art des Schreibens"),
        "{}",
        text(&out.stderr)
    );

    let folder = dir.path().join("einladungen");
    std::fs::create_dir(&folder).unwrap();
    let out = hfk(
        &[
            "einladungen",
            db,
            &session.number,
            folder.to_str().unwrap(),
            "--frist",
            &ahead(7),
            "--zusammen",
            "--benutzer",
            ADMIN,
        ],
        &stdin,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(files_in(&folder).len(), 1);
    assert!(
        text(&out.stderr).contains(&format!("Einladung {0} von {0}", recipients.len())),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_long_invitation_counts_its_own_pages_and_goes_with_its_case() {
    use hfk_akte::domain::admissibility::AdmissibilityDraft;
    use hfk_akte::domain::case::CaseDraft;
    use hfk_akte::domain::clock::Clock;
    use hfk_akte::domain::letter_kind::LetterKind;
    use hfk_akte::domain::workflow::CaseStatus;
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let members = SessionDay::new(&mut file);
    // Five years ago: a case on a session's agenda, its invitations written.
    let then = common::fixed_today() - chrono::Days::new(5 * 365);
    let typed = |d: chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
    file.set_clock(Clock::on_day(then));
    let case = file
        .create_case(&CaseDraft {
            received_on: typed(then),
            brought_by: Some(members.integrationsbeauftragte),
            brought_in_on: typed(then),
            ..CaseDraft::default()
        })
        .unwrap()
        .id;
    file.record_admissibility(
        case,
        &AdmissibilityDraft {
            answers: common::no_exclusion(&file),
            result: "angenommen".into(),
            ground_code: String::new(),
            reasoning: String::new(),
            decided_on: typed(then),
        },
    )
    .unwrap();
    let session = file
        .plan_session(&SessionDraft {
            held_on: typed(then + chrono::Days::new(21)),
            start_time: "10:00".into(),
            place: "Potsdam".into(),
        })
        .unwrap()
        .id;
    let item = file
        .schedule_case(session, case, None)
        .unwrap()
        .items
        .iter()
        .find(|i| i.case_id == Some(case))
        .unwrap()
        .id;
    for r in file.member_copies(session).unwrap().recipients {
        file.set_member_address(r.member_id, "Lindenallee 1\n14467 Potsdam")
            .unwrap();
    }
    // A text that runs over a page: each letter counts its own two pages.
    let long = format!(
        "Guten Tag {{Empfänger}},\n\n{}",
        "Zur Sitzung {Sitzung} am {Sitzungsdatum} lade ich Sie ein.\n\n".repeat(30)
    );
    file.set_letter_template(LetterKind::Einladung, Some(("Einladung {Sitzung}", &long)))
        .unwrap();
    let out = dir.path().join("druck");
    std::fs::create_dir(&out).unwrap();
    let made = file
        .write_invitations(
            session,
            &request(
                &typed(then + chrono::Days::new(7)),
                AgendaVariant::Weitergabe,
                true,
            ),
            &out,
            |_, _| {},
        )
        .unwrap();
    let letters = made.letters as usize;
    let combined = out.join(&made.files[0]);
    let info = tool("pdfinfo", &[combined.to_str().unwrap()]).1;
    assert!(
        info.contains(&format!("Pages:           {}\n", 2 * letters)),
        "{info}"
    );
    let text = tool("pdftotext", &[combined.to_str().unwrap(), "-"]).1;
    assert_eq!(text.matches("Seite 2 von 2").count(), letters, "{text}");
    assert!(
        !text.contains("von 4") && !text.contains("Seite 3"),
        "{text}"
    );
    assert_eq!(file.session_letters(session).unwrap().len(), letters);

    // Withdrawn soon after; five years on the deletion run takes the invitations along.
    file.set_clock(Clock::on_day(then + chrono::Days::new(10)));
    // Taken off the agenda first: a case on it is withdrawn through the session.
    file.remove_agenda_item(item).unwrap();
    file.change_case_status(
        case,
        CaseStatus::Zurueckgenommen,
        &typed(then + chrono::Days::new(10)),
        "Antrag zurückgezogen.",
    )
    .unwrap();
    file.set_clock(Clock::on_day(common::fixed_today()));
    file.set_retention_years(2).unwrap();
    assert_eq!(file.run_deletion(&[case]).unwrap(), 1);
    assert!(file.session_letters(session).unwrap().is_empty());
}
