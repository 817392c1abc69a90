//! The PDF documents checked as a reader would: pdftotext for the text (Arabic, Cyrillic and
//! Latin Extended names), pdffonts for embedded subset fonts, qpdf --check for the file, and
//! pdfinfo for pages and metadata. The first page is rendered to target/documents/.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use hfk_akte::domain::case::CaseDraft;
use hfk_akte::domain::grounds::GroundDraft;
use hfk_akte::domain::member::MemberKind;
use hfk_akte::domain::person::PersonDraft;
use hfk_akte::store::CaseFile;
use hfk_akte::store::InstanceLock;

const ADMIN: &str = "Đorđe Ćosić";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is missing (poppler-utils, qpdf): {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// No date ("03.09.201" then "5") and no case number ("HFK-2026-" then "001") is cut
/// across lines, in tables or elsewhere.
fn assert_no_broken_dates_or_numbers(text: &str) {
    for word in text.split_whitespace() {
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).count();
        let b = word.as_bytes();
        let date_like = b.len() >= 6
            && b[..2].iter().all(u8::is_ascii_digit)
            && b[2] == b'.'
            && b[3..5].iter().all(u8::is_ascii_digit)
            && b[5] == b'.';
        if date_like {
            let year: String = word[6..].chars().take_while(char::is_ascii_digit).collect();
            assert_eq!(
                year.len(),
                4,
                "a date cut across lines: {word:?} in\n{text}"
            );
        }
        if let Some(rest) = word.strip_prefix("HFK-") {
            assert!(
                digits(rest) >= 7 || rest.starts_with("Akte"),
                "a case number cut across lines: {word:?} in\n{text}"
            );
        }
    }
}

/// Every document: a clean file, the expected number of pages, and only embedded subset
/// fonts with a Unicode map.
fn check_pdf(pdf: &Path, pages: u32) {
    let file = pdf.to_str().unwrap();
    assert!(tool("qpdf", &["--check", file]).contains("No syntax or stream encoding errors"));
    let info = tool("pdfinfo", &[file]);
    assert!(
        info.contains(&format!("Pages:           {pages}\n")),
        "{info}"
    );
    assert!(
        info.contains("Page size:       595.28 x 841.89 pts (A4)"),
        "{info}"
    );
    assert!(!info.contains("PDF/X"), "no conformance claim: {info}");
    assert_no_broken_dates_or_numbers(&tool("pdftotext", &["-layout", file, "-"]));
    // A valid page mode: a name, the outline's when there is one.
    let doc = lopdf::Document::load(pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let mode = catalog.get(b"PageMode").unwrap().as_name().unwrap();
    let expected: &[u8] = if catalog.has(b"Outlines") {
        b"UseOutlines"
    } else {
        b"UseNone"
    };
    assert_eq!(mode, expected);
    let fonts = tool("pdffonts", &[file]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for line in rows {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{line}");
        assert!(cols[0].contains('+'), "subset prefix: {line}");
    }
}

fn rendered_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("documents");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn setup() -> (tempfile::TempDir, InstanceLock, CaseFile, u32) {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths).unwrap();
    let file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let ib = file
        .member_register()
        .unwrap()
        .members
        .iter()
        .find(|m| m.kind == MemberKind::Integrationsbeauftragte)
        .unwrap()
        .id;
    (dir, lock, file, ib)
}

#[test]
fn the_case_summary_carries_every_script_and_checks_clean() {
    let (dir, _lock, mut file, ib) = setup();
    let case = file
        .create_case(&CaseDraft {
            received_on: "01.10.2026".into(),
            brought_by: Some(ib),
            brought_in_on: "02.10.2026".into(),
            counsel: "Beratungsstelle für Geflüchtete Cottbus".into(),
            life_story: "Die Familie lebt seit 2015 in Cottbus. ".repeat(60),
            ..CaseDraft::default()
        })
        .unwrap();
    for (role, family, given, nat, original) in [
        ("hauptperson", "Petrlić-Woelke", "Andrea-Maria", "BA", ""),
        ("ehepartner", "الأحمد", "حسن", "SY", ""),
        ("kind", "Shevchenko", "Mariia", "UA", "Шевченко Марія"),
        ("kind", "Güneş", "Şükrü", "TR", ""),
    ] {
        file.save_person(
            case.id,
            None,
            &PersonDraft {
                family_role: role.into(),
                family_name: family.into(),
                given_names: given.into(),
                original_name: original.into(),
                birth_date: "14.03.2012".into(),
                entry_date: "03.09.2015".into(),
                residence_status: "duldung".into(),
                residence_issued_on: "01.10.2026".into(),
                residence_valid_until: "31.03.2027".into(),
                sex: "unbekannt".into(),
                nationality: nat.into(),
                asylum_history: "Asylantrag 2016 abgelehnt, seitdem Duldung.".into(),
                ..PersonDraft::default()
            },
        )
        .unwrap();
    }
    file.save_ground(
        case.id,
        None,
        &GroundDraft {
            kind: "haertegrund".into(),
            code: "schule_ausbildung".into(),
            description: "Mila besucht die 5. Klasse.".into(),
            evidence: "Schulbescheinigung".into(),
        },
    )
    .unwrap();
    let target = dir.path().join("fallübersicht.pdf");
    // The footer anchors the history on paper: the newest row when the document was made.
    let chain = file.chain_footer().unwrap();
    assert!(chain.starts_with("Prüfkette: Eintrag "), "{chain}");
    let exported = file.export_case_summary(case.id, &target).unwrap();
    assert!(exported.pages >= 2, "{exported:?}");
    let pdf = target.to_str().unwrap();

    let text = tool("pdftotext", &["-layout", pdf, "-"]);
    for expected in [
        "Fallübersicht HFK-2026-001",
        "Petrlić-Woelke, Andrea-Maria",
        "Shevchenko, Mariia",
        "Шевченко Марія",
        "Güneş, Şükrü",
        "Integrationsbeauftragte des Landes Brandenburg",
        "Keine negativen Faktoren erfasst.",
        "Vertraulich – nur für den Dienstgebrauch der Härtefallkommission",
        "Erstellt von Đorđe Ćosić am",
        &chain,
        &format!("Seite 1 von {}", exported.pages),
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let plain = tool("pdftotext", &[pdf, "-"]);
    assert!(
        plain.contains("الأحمد") && plain.contains("حسن"),
        "Arabic:\n{plain}"
    );

    let fonts = tool("pdffonts", &[pdf]);
    let embedded: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(embedded.len() >= 3, "{fonts}");
    for line in embedded {
        let cols: Vec<&str> = line.split_whitespace().collect();
        // name, type…, emb, sub, uni, object, generation
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{line}");
        assert!(cols[0].contains('+'), "subset prefix: {line}");
    }
    assert!(tool("qpdf", &["--check", pdf]).contains("No syntax or stream encoding errors"));
    let info = tool("pdfinfo", &[pdf]);
    assert!(
        info.contains("Title:           Fallübersicht HFK-2026-001"),
        "{info}"
    );
    assert!(info.contains("Author:          Đorđe Ćosić"), "{info}");
    assert!(
        info.contains("Page size:       595.28 x 841.89 pts (A4)"),
        "{info}"
    );
    // The date line only: the file size may hold "1970" too.
    let created = info.lines().find(|l| l.starts_with("CreationDate:"));
    assert!(
        created.is_some_and(|l| !l.contains("1970")),
        "a real creation date: {info}"
    );

    let out = rendered_dir().join("fallübersicht");
    tool(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            pdf,
            out.to_str().unwrap(),
        ],
    );

    // The export is in the audit chain.
    assert!(file.verify_audit_chain().unwrap().first_broken.is_none());
    let last = file.recent_audit_entries(1).unwrap();
    assert_eq!(last[0].description, "Dokument exportiert");
}

#[test]
fn a_bare_case_says_what_is_missing_and_a_bad_path_leaves_nothing() {
    let (dir, _lock, mut file, ib) = setup();
    let case = file
        .create_case(&CaseDraft {
            received_on: "01.10.2026".into(),
            brought_by: Some(ib),
            brought_in_on: "01.10.2026".into(),
            ..CaseDraft::default()
        })
        .unwrap();
    let target = dir.path().join("leer.pdf");
    let exported = file.export_case_summary(case.id, &target).unwrap();
    assert_eq!(exported.pages, 1);
    check_pdf(&target, 1);
    let text = tool("pdftotext", &[target.to_str().unwrap(), "-"]);
    for expected in [
        "Keine Personen erfasst.",
        "Keine Härtegründe erfasst.",
        "Noch keine Vorprüfung erfasst.",
        "Der Fall wurde noch nicht beraten.",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }

    let err = file
        .export_case_summary(case.id, &dir.path().join("fehlt").join("x.pdf"))
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("Das Dokument konnte nicht geschrieben werden"),
        "{err}"
    );
    assert!(!dir.path().join("fehlt").exists());
}

#[test]
fn the_agenda_has_an_internal_and_a_travelling_variant() {
    use hfk_akte::domain::admissibility::{AdmissibilityDraft, CheckAnswer};
    use hfk_akte::domain::session::SessionDraft;
    use hfk_akte::report::agenda::AgendaVariant;

    let (dir, _lock, mut file, ib) = setup();
    let session = file
        .plan_session(&SessionDraft {
            held_on: "10.12.2026".into(),
            start_time: "10:00".into(),
            place: "Potsdam, Ministerium des Innern und für Kommunales".into(),
        })
        .unwrap();
    file.add_free_item(
        session.id,
        "Genehmigung der Niederschrift der Sitzung 2/2026",
    )
    .unwrap();
    for (family, given, nat) in [
        ("Petrlić-Woelke", "Andrea-Maria", "BA"),
        ("الأحمد", "حسن", "SY"),
    ] {
        let case = file
            .create_case(&CaseDraft {
                received_on: "01.10.2026".into(),
                brought_by: Some(ib),
                brought_in_on: "01.10.2026".into(),
                ..CaseDraft::default()
            })
            .unwrap();
        file.save_person(
            case.id,
            None,
            &PersonDraft {
                family_role: "hauptperson".into(),
                family_name: family.into(),
                given_names: given.into(),
                sex: "unbekannt".into(),
                nationality: nat.into(),
                ..PersonDraft::default()
            },
        )
        .unwrap();
        let answers = file
            .admissibility_criteria()
            .unwrap()
            .into_iter()
            .map(|c| CheckAnswer {
                code: c.code,
                applies: false,
                note: String::new(),
            })
            .collect();
        file.record_admissibility(
            case.id,
            &AdmissibilityDraft {
                answers,
                result: "angenommen".into(),
                ground_code: String::new(),
                reasoning: String::new(),
                decided_on: "02.10.2026".into(),
            },
        )
        .unwrap();
        file.schedule_case(session.id, case.id, None).unwrap();
    }

    for (variant, name) in [
        (AgendaVariant::Intern, "tagesordnung-intern"),
        (AgendaVariant::Weitergabe, "tagesordnung-weitergabe"),
    ] {
        let target = dir.path().join(format!("{name}.pdf"));
        let exported = file.export_agenda(session.id, variant, &target).unwrap();
        assert_eq!(exported.pages, 1);
        check_pdf(&target, 1);
        let pdf = target.to_str().unwrap();
        let text = tool("pdftotext", &[pdf, "-"]);
        for expected in [
            "Tagesordnung der Sitzung 1/2026",
            "10.12.2026, 10:00 Uhr",
            "TOP 1",
            "TOP 3",
            "Genehmigung der Niederschrift",
            "HFK-2026-001",
            "Bosnien und Herzegowina, 1 Person",
            "Integrationsbeauftragte",
            "Seite 1 von 1",
        ] {
            assert!(
                text.contains(expected),
                "{name}: missing {expected:?} in\n{text}"
            );
        }
        match variant {
            AgendaVariant::Intern => {
                // pdftotext joins a name broken after its hyphen.
                assert!(text.contains("Petrlić-Woelke, Andrea"), "{text}");
                assert!(text.contains("الأحمد"), "{text}");
            }
            AgendaVariant::Weitergabe => {
                assert!(text.contains("A.-M. P.-W."), "{text}");
                for name in ["Petrlić", "Andrea", "الأحمد", "حسن"] {
                    assert!(!text.contains(name), "{name} leaves the office:\n{text}");
                }
            }
        }
        assert!(tool("qpdf", &["--check", pdf]).contains("No syntax or stream encoding errors"));
        let out = rendered_dir().join(name);
        tool(
            "pdftoppm",
            &[
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                pdf,
                out.to_str().unwrap(),
            ],
        );
    }
}

#[test]
fn binder_minutes_and_request_letter_for_a_decided_session() {
    use hfk_akte::domain::admissibility::{AdmissibilityDraft, CheckAnswer};
    use hfk_akte::domain::attendance::{Attendance, AttendanceEntry};
    use hfk_akte::domain::member::MemberDraft;
    use hfk_akte::domain::session::{SessionDraft, SessionStatus};
    use hfk_akte::domain::voting::{Ballot, Outcome, Vote};
    use hfk_akte::store::sessions::decisions::ItemDecisionDraft;

    let (dir, lock, mut file, ib) = setup();
    let org = file.member_register().unwrap().organisations[0].id;
    let mut seats = Vec::new();
    for name in ["Мария Иванова", "Şükrü Güneş", "Anna Nowak"] {
        seats.push(
            file.save_member(
                None,
                &MemberDraft {
                    name: name.into(),
                    kind: "mitglied".into(),
                    organisation_id: Some(org),
                    deputy_of: None,
                    term_from: "01.01.2024".into(),
                    term_to: String::new(),
                },
            )
            .unwrap(),
        );
    }
    let today = common::fixed_today().format("%d.%m.%Y").to_string();
    let session = file
        .plan_session(&SessionDraft {
            held_on: today.clone(),
            start_time: "10:00".into(),
            place: "Potsdam".into(),
        })
        .unwrap();
    let mut case_ids = Vec::new();
    for (family, given, original) in [
        ("al-Ahmad", "Hasan", "الأحمد حسن"),
        ("Petrlić-Woelke", "Andrea-Maria", ""),
    ] {
        let case = file
            .create_case(&CaseDraft {
                received_on: "01.10.2026".into(),
                brought_by: Some(ib),
                brought_in_on: "01.10.2026".into(),
                life_story: "Lange Lebensgeschichte. ".repeat(150),
                ..CaseDraft::default()
            })
            .unwrap();
        file.save_person(
            case.id,
            None,
            &PersonDraft {
                family_role: "hauptperson".into(),
                family_name: family.into(),
                given_names: given.into(),
                original_name: original.into(),
                birth_date: "01.02.1985".into(),
                birth_place: "Aleppo".into(),
                sex: "unbekannt".into(),
                nationality: "SY".into(),
                ..PersonDraft::default()
            },
        )
        .unwrap();
        let answers = file
            .admissibility_criteria()
            .unwrap()
            .into_iter()
            .map(|c| CheckAnswer {
                code: c.code,
                applies: false,
                note: String::new(),
            })
            .collect();
        file.record_admissibility(
            case.id,
            &AdmissibilityDraft {
                answers,
                result: "angenommen".into(),
                ground_code: String::new(),
                reasoning: String::new(),
                decided_on: "02.10.2026".into(),
            },
        )
        .unwrap();
        file.schedule_case(session.id, case.id, None).unwrap();
        case_ids.push(case.id);
    }
    file.advance_session(session.id, SessionStatus::Einberufen, &today)
        .unwrap();
    let entries: Vec<AttendanceEntry> = seats
        .iter()
        .map(|&member_id| AttendanceEntry {
            member_id,
            attendance: Attendance::Anwesend,
            deputy_id: None,
        })
        .collect();
    // The Integrationsbeauftragte attends; the Leitung der Geschäftsstelle does not.
    let err = file
        .record_session_attendance(session.id, &entries, &[seats[0]])
        .unwrap_err();
    assert!(
        err.to_string().starts_with("Beratende Mitglieder:"),
        "{err}"
    );
    let s = file
        .record_session_attendance(session.id, &entries, &[ib])
        .unwrap();
    assert_eq!(
        s.advisory
            .iter()
            .map(|a| (a.member_id == ib, a.present))
            .collect::<Vec<_>>(),
        [(true, true), (false, false)]
    );
    let ballots = |votes: [Vote; 3]| -> Vec<Ballot> {
        seats
            .iter()
            .zip(votes)
            .map(|(&member_id, vote)| Ballot {
                member_id,
                recused: false,
                stand_in_id: None,
                vote: Some(vote),
            })
            .collect()
    };
    file.decide_item(
        s.items[0].id,
        &ItemDecisionDraft {
            ballots: ballots([Vote::Ja, Vote::Ja, Vote::Nein]),
            outcome: Some(Outcome::Ersuchen),
            reasons: "Seit zehn Jahren in Brandenburg, die Kinder sind hier geboren.".into(),
        },
    )
    .unwrap();
    file.decide_item(
        s.items[1].id,
        &ItemDecisionDraft {
            ballots: vec![],
            outcome: Some(Outcome::Vertagt),
            reasons: "Unterlagen fehlen.".into(),
        },
    )
    .unwrap();

    // The binder: agenda plus both summaries, with an outline entry for each.
    let binder = dir.path().join("mappe.pdf");
    let exported = file.export_binder(session.id, &binder).unwrap();
    assert!(exported.pages >= 5, "{exported:?}");
    check_pdf(&binder, exported.pages);
    // Every case the binder contains is recorded as read, under its own number.
    let exports: Vec<String> = common::raw_connection(lock.paths(), ADMIN, PASSWORD)
        .prepare("SELECT entity_id FROM audit_log WHERE entity = 'document' ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for case in ["HFK-2026-001", "HFK-2026-002"] {
        assert!(
            exports.iter().any(|e| e == case),
            "{case} not recorded: {exports:?}"
        );
    }
    let outline = tool(
        "qpdf",
        &["--json", "--json-key=outlines", binder.to_str().unwrap()],
    );
    for title in [
        "Tagesordnung der Sitzung 1/",
        "TOP 1: HFK-2026-001",
        "TOP 2: HFK-2026-002",
    ] {
        assert!(outline.contains(title), "outline lacks {title}: {outline}");
    }
    let text = tool("pdftotext", &[binder.to_str().unwrap(), "-"]);
    assert!(text.contains("Fallübersicht HFK-2026-002") && text.contains("الأحمد"));
    // The internal agenda names the person in both scripts.
    assert!(text.contains("HFK-2026-001: al-Ahmad, Hasan ("), "{text}");
    assert!(text.contains(&format!("Seite {} von {}", exported.pages, exported.pages)));

    // The minutes: attendance, counts, reasons, no one's vote.
    let minutes = dir.path().join("niederschrift.pdf");
    let exported = file.export_minutes(session.id, &minutes).unwrap();
    check_pdf(&minutes, exported.pages);
    let text = tool("pdftotext", &[minutes.to_str().unwrap(), "-"]);
    for expected in [
        "Niederschrift über die Sitzung 1/",
        "Мария Иванова",
        "anwesend",
        "3 von 3 stimmberechtigten Sitzen besetzt",
        "Ersuchen beschlossen",
        "2 Ja, 1 Nein, 0 Enthaltung; 2 Ja-Stimmen nötig",
        "Befangene zählen mit",
        "Niederschrift über die Sitzung 1/",
        " – Entwurf",
        "ENTWURF – noch nicht genehmigt",
        "Vorsitz",
        "Beratende Mitglieder",
        "Protokoll",
        "Seit zehn Jahren in Brandenburg",
        "Vertagt",
    ] {
        assert!(
            text.contains(expected),
            "minutes lack {expected:?}:\n{text}"
        );
    }
    // Present: the Integrationsbeauftragte; the absent Leitung (cited with her ministry) not.
    let advisory = text.split("Beratende Mitglieder").nth(1).unwrap();
    let advisory = advisory.split("TOP 1").next().unwrap();
    assert!(
        advisory.contains("Integrationsbeauftragte des Landes Brandenburg"),
        "{advisory}"
    );
    assert!(!advisory.contains("(MIK)"), "{advisory}");

    // The letter for the Ersuchen; none for the postponed case.
    let letter = dir.path().join("ersuchen.pdf");
    let exported = file.export_request_letter(case_ids[0], &letter).unwrap();
    assert_eq!(exported.pages, 1);
    check_pdf(&letter, 1);
    let text = tool("pdftotext", &[letter.to_str().unwrap(), "-"]);
    for expected in [
        "Ministerium des Innern und für Kommunales",
        "Härtefallersuchen gemäß § 23a Abs. 1 AufenthG – HFK-2026-001",
        "Sehr geehrte Damen und Herren,",
        "al-Ahmad, Hasan",
        "الأحمد",
        "geboren am 01.02.1985 in Aleppo;",
        "Staatsangehörigkeit: Syrien",
        "Seit zehn Jahren in Brandenburg",
        "Mit freundlichen Grüßen",
        "Enthält personenbezogene Daten",
    ] {
        assert!(
            text.contains(expected),
            "letter lacks {expected:?}:\n{text}"
        );
    }
    for internal in ["Dienstgebrauch", "Erstellt von", "Prüfkette"] {
        assert!(
            !text.contains(internal),
            "letter says {internal:?}:\n{text}"
        );
    }
    let err = file
        .export_request_letter(case_ids[1], &dir.path().join("nein.pdf"))
        .unwrap_err();
    assert!(
        err.to_string().contains("kein Ersuchen beschlossen"),
        "{err}"
    );

    for (pdf, name) in [
        (&binder, "sitzungsmappe"),
        (&minutes, "niederschrift"),
        (&letter, "haertefallersuchen"),
    ] {
        assert!(tool("qpdf", &["--check", pdf.to_str().unwrap()])
            .contains("No syntax or stream encoding errors"));
        let out = rendered_dir().join(name);
        tool(
            "pdftoppm",
            &[
                "-png",
                "-r",
                "80",
                pdf.to_str().unwrap(),
                out.to_str().unwrap(),
            ],
        );
    }
}

#[test]
fn a_long_table_continues_on_the_next_page_with_its_header() {
    let (dir, _lock, mut file, ib) = setup();
    let case = file
        .create_case(&CaseDraft {
            received_on: "01.10.2026".into(),
            brought_by: Some(ib),
            brought_in_on: "01.10.2026".into(),
            ..CaseDraft::default()
        })
        .unwrap();
    for n in 0..45 {
        file.save_person(
            case.id,
            None,
            &PersonDraft {
                family_role: if n == 0 { "hauptperson" } else { "sonstige" }.into(),
                family_name: format!("Kovačević-{n}"),
                given_names: "Jelena".into(),
                sex: "weiblich".into(),
                nationality: "RS".into(),
                ..PersonDraft::default()
            },
        )
        .unwrap();
    }
    let target = dir.path().join("lang.pdf");
    let exported = file.export_case_summary(case.id, &target).unwrap();
    assert!(exported.pages >= 3, "{exported:?}");
    check_pdf(&target, exported.pages);
    let second = tool(
        "pdftotext",
        &["-f", "2", "-l", "2", target.to_str().unwrap(), "-"],
    );
    for header in ["Rolle", "Name", "Geboren", "Staat", "Aufenthalt"] {
        assert!(
            second.contains(header),
            "page 2 lacks the header {header}:\n{second}"
        );
    }
    assert!(second.contains("Kovačević-"), "{second}");
}

#[test]
fn documents_go_only_to_pdf_files() {
    let (dir, _lock, mut file, ib) = setup();
    let case = file
        .create_case(&CaseDraft {
            received_on: "01.10.2026".into(),
            brought_by: Some(ib),
            brought_in_on: "01.10.2026".into(),
            ..CaseDraft::default()
        })
        .unwrap();
    let database = file.paths().database.clone();
    for target in [dir.path().join("fall.txt"), database.clone()] {
        let err = file.export_case_summary(case.id, &target).unwrap_err();
        assert!(err.to_string().starts_with("Speicherort:"), "{err}");
    }
    assert!(file.verify_audit_chain().unwrap().first_broken.is_none());
    assert!(std::fs::read(&database).unwrap().len() > 4096);
}
