//! Schriftverkehr: each letter from a sample case, checked as a reader would (pdftotext for
//! recipient, reference, every person's name and the dates, pdffonts, qpdf, pdfinfo; page 1
//! rendered to target/documents/), templates checked when saved, stored letters unchanged
//! by a later template, and the refusals that keep nothing half-written.

mod common;

use std::path::Path;

use common::member_copies::tool;
use common::session_day::SessionDay;
use hfk_akte::domain::letter_kind::{Addressee, LetterKind};
use hfk_akte::domain::ministry::DecisionDraft;
use hfk_akte::domain::person::PersonDraft;
use hfk_akte::domain::voting::MinistryDecision;
use hfk_akte::report::letters::LetterChoice;
use hfk_akte::store::vault::backup;
use hfk_akte::store::{CaseFile, InstanceLock};
use hfk_akte::Error;

const ADMIN: &str = "Andrea-Maria Petrlić-Woelke";
const PASSWORD: &str = "Schwielowsee-Kanal-Ufer-7";

fn open() -> (tempfile::TempDir, InstanceLock, CaseFile) {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths).unwrap();
    let file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    (dir, lock, file)
}

fn choice(kind: LetterKind, addressee: Addressee, reply_by: &str) -> LetterChoice {
    LetterChoice {
        kind,
        addressee,
        reply_by: reply_by.into(),
    }
}

fn refusal<T: std::fmt::Debug>(result: hfk_akte::Result<T>) -> (String, String) {
    match result {
        Err(Error::InvalidInput { field, message }) => (field, message),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// A case with three persons in their own scripts, its office Cottbus (whose address the
/// file starts with) and counsel with an address; the Integrationsbeauftragte's address set.
fn sample_case(file: &mut CaseFile, day: &SessionDay, case: u32) {
    for (role, family, given, original, nat) in [
        ("ehepartner", "Дудаев", "Ахмед", "", "RU"),
        ("kind", "Güneş", "Şükrü", "", "TR"),
        ("kind", "الهاشمي", "زينب", "", "IQ"),
    ] {
        file.save_person(
            case,
            None,
            &PersonDraft {
                family_role: role.into(),
                family_name: family.into(),
                given_names: given.into(),
                original_name: original.into(),
                birth_date: "14.03.2012".into(),
                sex: "unbekannt".into(),
                nationality: nat.into(),
                ..PersonDraft::default()
            },
        )
        .unwrap();
    }
    let cottbus = file
        .offices()
        .unwrap()
        .into_iter()
        .find(|o| o.name == "Stadt Cottbus")
        .unwrap()
        .id;
    let mut draft = file.open_case(case).unwrap().draft;
    draft.office_id = Some(cottbus);
    draft.counsel = "Beratungsstelle für Geflüchtete Cottbus".into();
    file.update_case(case, &draft).unwrap();
    file.set_counsel_address(case, "Straße der Jugend 33\n03046 Cottbus")
        .unwrap();
    file.set_member_address(
        day.integrationsbeauftragte,
        "Henning-von-Tresckow-Straße 2–13\n14467 Potsdam",
    )
    .unwrap();
}

/// Writes the letter, saves it out, checks the file and returns its text.
fn written(file: &mut CaseFile, dir: &Path, case: u32, choice: &LetterChoice) -> String {
    let sheet = file.compose_case_letter(case, choice).unwrap();
    let kept = file.write_case_letter(case, choice, &sheet).unwrap();
    let name = format!("{:?}.pdf", choice.kind);
    let pdf = dir.join(&name);
    let saved = file.save_letter_copy(kept.id, &pdf).unwrap();
    assert_eq!(saved.pages, 1, "{name}");
    let path = pdf.to_str().unwrap();
    assert!(tool("qpdf", &["--check", path])
        .1
        .contains("No syntax or stream encoding errors"));
    let info = tool("pdfinfo", &[path]).1;
    assert!(
        info.contains("Page size:       595.28 x 841.89 pts (A4)"),
        "{info}"
    );
    for row in tool("pdffonts", &[path]).1.lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{row}");
    }
    let rendered = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/documents");
    std::fs::create_dir_all(&rendered).unwrap();
    let png = rendered.join(format!("schreiben-{:?}", choice.kind));
    assert!(
        tool(
            "pdftoppm",
            &[
                "-png",
                "-r",
                "80",
                "-singlefile",
                path,
                png.to_str().unwrap()
            ]
        )
        .0
    );
    let text = tool("pdftotext", &["-layout", path, "-"]).1;
    // An outgoing letter: marked as personal data, no internal footer, no page count.
    assert!(text.contains("Enthält personenbezogene Daten"), "{text}");
    assert!(
        !text.contains("Dienstgebrauch") && !text.contains("Prüfkette"),
        "{text}"
    );
    assert!(!text.contains("Seite 1 von 1"), "{text}");
    text
}

#[test]
fn each_case_letter_is_filled_in_from_the_case_and_kept() {
    let (dir, _lock, mut file) = open();
    let day = SessionDay::new(&mut file);
    let session = day.called_today(&mut file, true);
    let case = day.case_with_the_ministry(&mut file, session);
    sample_case(&mut file, &day, case);
    let number = file.open_case(case).unwrap().number;
    let today = common::fixed_today().format("%d.%m.%Y").to_string();
    let persons = ["Haddad, Amina", "Дудаев, Ахмед", "Güneş, Şükrü"];

    let text = written(
        &mut file,
        dir.path(),
        case,
        &choice(LetterKind::Eingangsbestaetigung, Addressee::Einbringer, ""),
    );
    for expected in persons.iter().copied().chain([
        "14467 Potsdam",
        "Unser Zeichen",
        number.as_str(),
        today.as_str(),
        "Eingangsbestätigung – Härtefallantrag",
        "geboren am 14.03.2012",
    ]) {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }

    let due = (common::fixed_today() + chrono::Days::new(28))
        .format("%d.%m.%Y")
        .to_string();
    let text = written(
        &mut file,
        dir.path(),
        case,
        &choice(
            LetterKind::AnforderungStellungnahme,
            Addressee::Auslaenderbehoerde,
            &due,
        ),
    );
    for expected in [
        "Stadt Cottbus/Chóśebuz",
        "Ausländerbehörde",
        "03046 Cottbus",
        &due,
        persons[2],
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // Sending the request records the day it was asked for.
    assert_eq!(
        file.open_case(case).unwrap().abh_requested_on,
        Some(common::fixed_today())
    );

    let text = written(
        &mut file,
        dir.path(),
        case,
        &choice(LetterKind::Haertefallersuchen, Addressee::Ministerium, ""),
    );
    assert!(
        text.contains("Ministerium des Innern und für Kommunales"),
        "{text}"
    );
    assert!(text.contains("§ 23a AufenthG"), "{text}");

    file.record_ministry_decision(
        case,
        &DecisionDraft {
            decision: Some(MinistryDecision::Anordnung),
            decided_on: today.clone(),
            conditions: String::new(),
            reasons: String::new(),
        },
    )
    .unwrap();
    let text = written(
        &mut file,
        dir.path(),
        case,
        &choice(LetterKind::Ergebnis, Addressee::Beistand, ""),
    );
    for expected in [
        "Beratungsstelle für Geflüchtete Cottbus",
        "Straße der Jugend 33",
        "Ersuchen beschlossen",
        "Anordnung vom",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let text = written(
        &mut file,
        dir.path(),
        case,
        &choice(
            LetterKind::MitteilungAuslaenderbehoerde,
            Addressee::Auslaenderbehoerde,
            "",
        ),
    );
    let squeezed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        squeezed.contains(&format!("am {today} entschieden")),
        "{text}"
    );

    // Arabic in its own script, as pdftotext reads it without layout.
    let plain = tool(
        "pdftotext",
        &[
            dir.path()
                .join("MitteilungAuslaenderbehoerde.pdf")
                .to_str()
                .unwrap(),
            "-",
        ],
    )
    .1;
    assert!(
        plain.contains("الهاشمي") && plain.contains("زينب"),
        "{plain}"
    );

    let kept = file.case_letters(case).unwrap();
    assert_eq!(kept.len(), 5);
    assert_eq!(kept[0].kind, LetterKind::MitteilungAuslaenderbehoerde);
    assert!(kept.iter().all(|l| l.written_by == ADMIN));
}

#[test]
fn templates_are_checked_and_a_changed_one_leaves_kept_letters_as_they_were() {
    let (dir, lock, mut file) = open();
    let day = SessionDay::new(&mut file);
    let case = day.admitted_case(&mut file, "Haddad");
    sample_case(&mut file, &day, case);
    let (field, message) = refusal(file.set_letter_template(
        LetterKind::Eingangsbestaetigung,
        Some((
            "Eingang {Aktenzeichen}",
            "Guten Tag {Empfänger}, am {Sitzungstag} …",
        )),
    ));
    assert_eq!(field, "Brieftext");
    assert!(message.contains("{Sitzungstag}"), "{message}");

    let ask = choice(LetterKind::Eingangsbestaetigung, Addressee::Einbringer, "");
    let sheet = file.compose_case_letter(case, &ask).unwrap();
    let kept = file.write_case_letter(case, &ask, &sheet).unwrap();
    let first = dir.path().join("vorher.pdf");
    file.save_letter_copy(kept.id, &first).unwrap();

    let adapted = file
        .set_letter_template(
            LetterKind::Eingangsbestaetigung,
            Some((
                "Ihr Antrag {Aktenzeichen}",
                "Guten Tag {Empfänger},\n\nneu formuliert.",
            )),
        )
        .unwrap();
    assert!(adapted.adapted);
    let again = dir.path().join("nachher.pdf");
    file.save_letter_copy(kept.id, &again).unwrap();
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&again).unwrap()
    );
    let fresh = file.compose_case_letter(case, &ask).unwrap();
    assert!(fresh.body.contains("neu formuliert."), "{}", fresh.body);
    // Back to the program's own wording.
    let restored = file
        .set_letter_template(LetterKind::Eingangsbestaetigung, None)
        .unwrap();
    assert!(!restored.adapted);
    assert!(restored.body.contains("{Personen}"));

    // The backup holds the letter: restored, it is the same PDF.
    let backup_file = dir.path().join("s.hfksicherung");
    file.create_backup(&backup_file).unwrap();
    file.set_letter_template(
        LetterKind::Eingangsbestaetigung,
        Some(("Neu {Aktenzeichen}", "Neu.")),
    )
    .unwrap();
    drop(file);
    backup::restore(
        &lock,
        &backup_file,
        ADMIN,
        PASSWORD,
        backup::OtherFile::Refuse,
    )
    .unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let back = dir.path().join("zurueck.pdf");
    file.save_letter_copy(kept.id, &back).unwrap();
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&back).unwrap()
    );
    assert!(
        !file.letter_templates().unwrap()[0].adapted,
        "the template as it was at the backup"
    );
}

#[test]
fn a_letter_without_its_basis_or_with_gaps_is_refused_and_nothing_is_kept() {
    let (_dir, _lock, mut file) = open();
    let day = SessionDay::new(&mut file);
    let case = day.admitted_case(&mut file, "Haddad");
    sample_case(&mut file, &day, case);
    // An admitted case gets no letter of non-admission, an undeliberated one no result.
    let (_, message) = refusal(file.compose_case_letter(
        case,
        &choice(LetterKind::Nichtannahme, Addressee::Einbringer, ""),
    ));
    assert!(message.contains("nicht abgelehnt"), "{message}");
    let (_, message) = refusal(file.compose_case_letter(
        case,
        &choice(LetterKind::Ergebnis, Addressee::Einbringer, ""),
    ));
    assert!(message.contains("noch nicht beraten"), "{message}");
    // The request for a statement needs a due day after today.
    let ask = |due: &str| {
        choice(
            LetterKind::AnforderungStellungnahme,
            Addressee::Auslaenderbehoerde,
            due,
        )
    };
    assert_eq!(
        refusal(file.compose_case_letter(case, &ask(""))).0,
        "Antwortfrist"
    );
    assert_eq!(
        refusal(file.compose_case_letter(case, &ask("31.02.2027"))).0,
        "Antwortfrist"
    );
    let today = common::fixed_today().format("%d.%m.%Y").to_string();
    assert_eq!(
        refusal(file.compose_case_letter(case, &ask(&today))).0,
        "Antwortfrist"
    );
    // A kind goes only to its recipients.
    assert_eq!(
        refusal(file.compose_case_letter(
            case,
            &choice(LetterKind::Eingangsbestaetigung, Addressee::Ministerium, "")
        ))
        .0,
        "Empfänger"
    );
    // Edited sheets: a placeholder left in, an address without street.
    let confirm = choice(LetterKind::Eingangsbestaetigung, Addressee::Einbringer, "");
    let mut sheet = file.compose_case_letter(case, &confirm).unwrap();
    sheet.body.push_str("\n\nBitte bis {Antwortfrist}.");
    let (field, message) = refusal(file.write_case_letter(case, &confirm, &sheet));
    assert!(
        field == "Brieftext" && message.contains("{Antwortfrist}"),
        "{field}: {message}"
    );
    let mut sheet = file.compose_case_letter(case, &confirm).unwrap();
    sheet.recipient.truncate(1);
    assert_eq!(
        refusal(file.write_case_letter(case, &confirm, &sheet)).0,
        "Anschrift"
    );
    assert!(file.case_letters(case).unwrap().is_empty());
    assert_eq!(file.open_case(case).unwrap().abh_requested_on, None);
}

#[test]
fn the_deletion_run_takes_a_case_s_letters_with_it() {
    use hfk_akte::domain::case::CaseDraft;
    use hfk_akte::domain::workflow::CaseStatus;
    let (_dir, lock, mut file) = open();
    let day = SessionDay::new(&mut file);
    let ago = |years: u64| {
        (common::fixed_today() - chrono::Days::new(365 * years))
            .format("%d.%m.%Y")
            .to_string()
    };
    let case = file
        .create_case(&CaseDraft {
            received_on: ago(5),
            brought_by: Some(day.integrationsbeauftragte),
            brought_in_on: ago(5),
            ..CaseDraft::default()
        })
        .unwrap()
        .id;
    sample_case(&mut file, &day, case);
    let ask = choice(LetterKind::Eingangsbestaetigung, Addressee::Beistand, "");
    let sheet = file.compose_case_letter(case, &ask).unwrap();
    file.write_case_letter(case, &ask, &sheet).unwrap();
    file.change_case_status(
        case,
        CaseStatus::Zurueckgenommen,
        &ago(3),
        "Antrag zurückgezogen.",
    )
    .unwrap();
    // A letter after the end is still kept (the ministry's decision ends a case, too).
    let sheet = file.compose_case_letter(case, &ask).unwrap();
    file.write_case_letter(case, &ask, &sheet).unwrap();
    assert_eq!(file.case_letters(case).unwrap().len(), 2);
    file.set_retention_years(2).unwrap();
    assert_eq!(file.run_deletion(&[case]).unwrap(), 1);
    assert!(file.case_letters(case).unwrap().is_empty());
    // Anonymised: no letter is written any more.
    let (_, message) = refusal(file.compose_case_letter(case, &ask));
    assert!(message.contains("gelöscht"), "{message}");
    let paths = lock.paths().clone();
    drop(file);
    let conn = common::raw_connection(&paths, ADMIN, PASSWORD);
    let left: i64 = conn
        .query_row("SELECT count(*) FROM letters", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
    let counsel: Option<String> = conn
        .query_row(
            "SELECT counsel_address FROM cases WHERE id = ?1",
            [case],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(counsel, None);
}

#[test]
fn the_letter_of_non_admission_names_the_ground_and_the_reasoning() {
    use hfk_akte::domain::admissibility::AdmissibilityDraft;
    use hfk_akte::domain::case::CaseDraft;
    let (dir, _lock, mut file) = open();
    let day = SessionDay::new(&mut file);
    let received = common::fixed_today().format("%d.%m.%Y").to_string();
    let case = file
        .create_case(&CaseDraft {
            received_on: received.clone(),
            brought_by: Some(day.integrationsbeauftragte),
            brought_in_on: received.clone(),
            ..CaseDraft::default()
        })
        .unwrap()
        .id;
    sample_case(&mut file, &day, case);
    let mut answers = common::no_exclusion(&file);
    answers[0].applies = true;
    let ground = answers[0].code.clone();
    file.record_admissibility(
        case,
        &AdmissibilityDraft {
            answers,
            result: "nicht_angenommen".into(),
            ground_code: ground,
            reasoning: "Die Familie ist im Besitz einer Aufenthaltserlaubnis.".into(),
            decided_on: received,
        },
    )
    .unwrap();
    let text = written(
        &mut file,
        dir.path(),
        case,
        &choice(LetterKind::Nichtannahme, Addressee::Einbringer, ""),
    );
    for expected in [
        "Ausschlussgrund:",
        "im Besitz einer Aufenthaltserlaubnis",
        "Дудаев, Ахмед",
        "Henning-von-Tresckow",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}
