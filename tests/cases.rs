//! Cases and their aggregates through the core's public API: members, persons, grounds,
//! admissibility, the statement of the foreigners' office, deadlines, the workflow, the
//! list with search and filters, the start page, the audit chain and the roles.

mod common;

use chrono::{Datelike, Days};
use hfk_akte::domain::admissibility::{AdmissibilityDraft, CheckAnswer, Criterion, CriterionKind};
use hfk_akte::domain::case::{AbhStatementDraft, CaseDraft};
use hfk_akte::domain::deadline::DeadlineDraft;
use hfk_akte::domain::grounds::GroundDraft;
use hfk_akte::domain::member::{MemberDraft, MemberKind};
use hfk_akte::domain::person::PersonDraft;
use hfk_akte::domain::user::Role;
use hfk_akte::domain::workflow::CaseStatus;
use hfk_akte::store::cases::search::{CaseQuery, CaseSort};
use hfk_akte::store::cases::start_page::DueList;
use hfk_akte::store::CaseFile;
use hfk_akte::store::FilePaths;
use hfk_akte::store::InstanceLock;
use hfk_akte::ErrorCode;

const ADMIN: &str = "Şükrü Güneş";
const ADMIN_PW: &str = "Kiefernwald-Uckermark-Fähre-42";
const READER: &str = "Leser";
const READER_PW: &str = "Spreewald-Gurke-Oderbruch-17";

fn setup() -> (tempfile::TempDir, FilePaths, InstanceLock, CaseFile) {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, ADMIN_PW);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let file = common::unlock_on_fixed_day(&lock, ADMIN, ADMIN_PW);
    (dir, paths, lock, file)
}

fn code<T: std::fmt::Debug>(r: hfk_akte::Result<T>) -> ErrorCode {
    r.expect_err("expected an error").code()
}

fn today() -> chrono::NaiveDate {
    common::fixed_today()
}

fn typed(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn days_ago(n: u64) -> String {
    typed(today() - Days::new(n))
}

fn integrationsbeauftragte(file: &CaseFile) -> u32 {
    file.member_register()
        .unwrap()
        .members
        .iter()
        .find(|m| m.kind == MemberKind::Integrationsbeauftragte)
        .unwrap()
        .id
}

fn case_draft(file: &CaseFile) -> CaseDraft {
    CaseDraft {
        received_on: days_ago(10),
        brought_by: Some(integrationsbeauftragte(file)),
        brought_in_on: days_ago(9),
        office_id: Some(file.offices().unwrap()[0].id),
        counsel: "Beratungsstelle für Geflüchtete Cottbus".into(),
        consent_on_file: true,
        consent_date: days_ago(12),
        life_story: "Die Familie lebt seit 2015 in Cottbus.".into(),
        notes: "".into(),
    }
}

fn person(role: &str, family: &str, given: &str, born: &str, nationality: &str) -> PersonDraft {
    PersonDraft {
        family_role: role.into(),
        family_name: family.into(),
        given_names: given.into(),
        original_name: "".into(),
        birth_date: born.into(),
        birth_place: "Sarajevo".into(),
        sex: "weiblich".into(),
        nationality: nationality.into(),
        entry_date: "01.06.2015".into(),
        residence_status: "duldung".into(),
        residence_issued_on: days_ago(60),
        residence_valid_until: typed(today() + Days::new(20)),
        asylum_history: "Asylantrag 2016 abgelehnt".into(),
    }
}

fn answers(file: &CaseFile, applying: &[&str]) -> Vec<CheckAnswer> {
    file.admissibility_criteria()
        .unwrap()
        .into_iter()
        .map(|c| CheckAnswer {
            applies: applying.contains(&c.code.as_str()),
            code: c.code,
            note: String::new(),
        })
        .collect()
}

fn admit(file: &mut CaseFile, case_id: u32) {
    let draft = AdmissibilityDraft {
        answers: answers(file, &[]),
        result: "angenommen".into(),
        ground_code: String::new(),
        reasoning: String::new(),
        decided_on: days_ago(1),
    };
    file.record_admissibility(case_id, &draft).unwrap();
}

#[test]
fn a_vorpruefung_cannot_be_dated_before_the_case_was_received() {
    let (_d, _p, _l, mut file) = setup();
    let case = file.create_case(&case_draft(&file)).unwrap().id; // received 10 days ago
    let draft = AdmissibilityDraft {
        answers: answers(&file, &[]),
        result: "angenommen".into(),
        ground_code: String::new(),
        reasoning: String::new(),
        decided_on: days_ago(11),
    };
    match file.record_admissibility(case, &draft) {
        Err(hfk_akte::Error::InvalidInput { field, message }) => {
            assert_eq!(field, "Entschieden am");
            assert!(message.contains("vor dem letzten Schritt"), "{message}");
        }
        other => panic!("accepted a decision before the receipt: {other:?}"),
    }
    assert_eq!(
        file.open_case(case).unwrap().status,
        CaseStatus::Eingegangen
    );
    admit(&mut file, case);
    assert_eq!(file.open_case(case).unwrap().status, CaseStatus::Angenommen);
}

/// The ids of the cases a search finds, in list order.
fn ids(file: &CaseFile, q: &str) -> Vec<u32> {
    file.list_cases(&query(q))
        .unwrap()
        .rows
        .iter()
        .map(|r| r.id)
        .collect()
}

fn query(search: &str) -> CaseQuery {
    CaseQuery {
        search: search.into(),
        limit: 50,
        ..CaseQuery::default()
    }
}

#[test]
fn a_new_file_holds_brandenburgs_register() {
    let (_d, _p, _l, file) = setup();
    let register = file.member_register().unwrap();
    assert_eq!(register.organisations.len(), 8);
    let social = register
        .organisations
        .iter()
        .find(|o| o.current_name.contains("MSGIV"))
        .unwrap();
    assert_eq!(social.names.len(), 2, "MASGF, later MSGIV");
    let kinds: Vec<MemberKind> = register.members.iter().map(|m| m.kind).collect();
    assert_eq!(
        kinds,
        [
            MemberKind::Integrationsbeauftragte,
            MemberKind::LeitungGeschaeftsstelle
        ]
    );
    assert_eq!(file.offices().unwrap().len(), 18);
    assert_eq!(file.admissibility_criteria().unwrap().len(), 8);
    assert!(file.catalogues().unwrap().countries.len() > 250);
}

#[test]
fn a_case_shows_the_organisation_name_of_the_day_it_was_brought_in() {
    let (_d, _p, _l, mut file) = setup();
    let org = file
        .add_organisation("Diakonisches Werk", "01.01.2010")
        .unwrap();
    let member = file
        .save_member(
            None,
            &MemberDraft {
                name: "Đorđe Ćosić".into(),
                kind: "mitglied".into(),
                organisation_id: Some(org),
                deputy_of: None,
                term_from: "01.01.2020".into(),
                term_to: "".into(),
            },
        )
        .unwrap();
    let case = file
        .create_case(&CaseDraft {
            brought_by: Some(member),
            ..case_draft(&file)
        })
        .unwrap();
    assert_eq!(
        case.brought_by.organisation_name.as_deref(),
        Some("Diakonisches Werk")
    );
    file.rename_organisation(org, "Diakonie Brandenburg", &typed(today()))
        .unwrap();
    let reread = file.open_case(case.id).unwrap();
    assert_eq!(
        reread.brought_by.organisation_name.as_deref(),
        Some("Diakonisches Werk")
    );
    let register = file.member_register().unwrap();
    let renamed = register.organisations.iter().find(|o| o.id == org).unwrap();
    assert_eq!(renamed.current_name, "Diakonie Brandenburg");
    assert_eq!(renamed.names.len(), 2);
    // A rename must lie after the current name's start.
    assert_eq!(
        code(file.rename_organisation(org, "Alt", "01.01.2009")),
        ErrorCode::InvalidInput
    );
}

#[test]
fn deputies_stand_in_for_voting_members_only() {
    let (_d, _p, _l, mut file) = setup();
    let ib = integrationsbeauftragte(&file);
    let deputy = |of| MemberDraft {
        name: "Stellvertreterin".into(),
        kind: "stellvertretung".into(),
        organisation_id: Some(3),
        deputy_of: Some(of),
        term_from: "".into(),
        term_to: "".into(),
    };
    let err = file.save_member(None, &deputy(ib)).unwrap_err();
    assert!(err.to_string().starts_with("Vertritt:"), "{err}");
    let voting = file
        .save_member(
            None,
            &MemberDraft {
                name: "Mitglied Flüchtlingsrat".into(),
                kind: "mitglied".into(),
                organisation_id: Some(3),
                ..MemberDraft::default()
            },
        )
        .unwrap();
    let d = file.save_member(None, &deputy(voting)).unwrap();
    let register = file.member_register().unwrap();
    let listed = register.members.iter().find(|m| m.id == d).unwrap();
    assert_eq!(
        listed.deputy_of_name.as_deref(),
        Some("Mitglied Flüchtlingsrat")
    );
}

#[test]
fn case_numbers_run_per_year_and_are_unique() {
    let (_d, _p, _l, mut file) = setup();
    let year = today().year();
    let first = file.create_case(&case_draft(&file)).unwrap();
    let second = file.create_case(&case_draft(&file)).unwrap();
    assert_eq!(first.number, format!("HFK-{year}-001"));
    assert_eq!(second.number, format!("HFK-{year}-002"));
    let older = file
        .create_case(&CaseDraft {
            received_on: "15.03.2019".into(),
            brought_in_on: "16.03.2019".into(),
            consent_date: "01.03.2019".into(),
            ..case_draft(&file)
        })
        .unwrap();
    assert_eq!(older.number, "HFK-2019-001");
    assert_eq!(first.status, CaseStatus::Eingegangen);
    assert_eq!(
        first.history.len(),
        2,
        "the move to 'received' and the audit row"
    );
}

#[test]
fn invalid_input_names_the_field_and_stores_nothing() {
    let (_d, paths, _l, mut file) = setup();
    let rows_before = audit_rows(&paths);
    let mut draft = case_draft(&file);
    draft.received_on = "31.02.2026".into();
    let err = file.create_case(&draft).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(err.to_string().starts_with("Eingangsdatum:"), "{err}");
    let leitung = file
        .member_register()
        .unwrap()
        .members
        .iter()
        .find(|m| m.kind == MemberKind::LeitungGeschaeftsstelle)
        .unwrap()
        .id;
    let err = file
        .create_case(&CaseDraft {
            brought_by: Some(leitung),
            ..case_draft(&file)
        })
        .unwrap_err();
    assert!(
        err.to_string().contains("kann keine Fälle einbringen"),
        "{err}"
    );
    assert_eq!(file.list_cases(&query("")).unwrap().total, 0);

    let case = file.create_case(&case_draft(&file)).unwrap();
    let mut p = person("hauptperson", "Güneş", "Şükrü", "01.01.1980", "TR");
    p.entry_date = typed(today() + Days::new(1));
    let err = file.save_person(case.id, None, &p).unwrap_err();
    assert!(err.to_string().starts_with("Einreisedatum:"), "{err}");
    p = person("hauptperson", "Güneş", "Şükrü", "01.01.1980", "TR");
    p.residence_valid_until = days_ago(90);
    assert!(file
        .save_person(case.id, None, &p)
        .unwrap_err()
        .to_string()
        .starts_with("Gültig bis:"));
    assert!(file.open_case(case.id).unwrap().persons.is_empty());
    assert_eq!(
        audit_rows(&paths),
        rows_before + 2,
        "one create, one open; no row for refusals"
    );
    assert_eq!(code(file.open_case(9999)), ErrorCode::NotFound);
}

#[test]
fn a_changed_part_is_audited_as_it_was_and_as_it_is_in_one_shape() {
    let (_d, paths, _l, mut file) = setup();
    let case = file.create_case(&case_draft(&file)).unwrap();
    let mut p = person("hauptperson", "Güneş", "Şükrü", "01.01.1980", "TR");
    let id = file.save_person(case.id, None, &p).unwrap().persons[0].id;
    p.birth_place = "Gaziantep".into();
    file.save_person(case.id, Some(id), &p).unwrap();
    file.remove_person(case.id, id).unwrap();
    drop(file);
    let conn = common::raw_connection(&paths, ADMIN, ADMIN_PW);
    let payloads: Vec<(String, String)> = conn
        .prepare(
            "SELECT l.action, p.fields FROM audit_log l JOIN audit_payload p ON p.audit_id = l.id
             WHERE l.entity = 'person' ORDER BY l.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v.as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    };
    let parsed: Vec<(String, serde_json::Value)> = payloads
        .into_iter()
        .map(|(a, f)| (a, serde_json::from_str(&f).unwrap()))
        .collect();
    assert_eq!(
        parsed.iter().map(|(a, _)| a.as_str()).collect::<Vec<_>>(),
        ["create", "update", "remove"]
    );
    let (created, updated, removed) = (&parsed[0].1, &parsed[1].1, &parsed[2].1);
    assert!(created["before"].is_null() && removed["after"].is_null());
    assert_eq!(
        keys(&updated["before"]),
        keys(&updated["after"]),
        "{updated}"
    );
    assert_eq!(keys(&created["after"]), keys(&removed["before"]));
    assert_eq!(updated["after"]["birth_place"], "Gaziantep");
    assert_eq!(updated["before"]["birth_place"], "Sarajevo");
}

fn audit_rows(paths: &FilePaths) -> u32 {
    // Counted through a second, raw connection so the test sees what is committed.
    let conn = common::raw_connection(paths, ADMIN, ADMIN_PW);
    conn.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn persons_are_added_changed_and_removed_and_minors_are_derived() {
    let (_d, _p, _l, mut file) = setup();
    let case = file.create_case(&case_draft(&file)).unwrap();
    let mut child = person(
        "kind",
        "Ćosić",
        "Mila",
        &typed(today() - Days::new(365 * 5)),
        "RS",
    );
    child.entry_date = String::new();
    file.save_person(case.id, None, &child).unwrap();
    let case = file
        .save_person(
            case.id,
            None,
            &person(
                "hauptperson",
                "Petrlić-Woelke",
                "Andrea-Maria",
                "14.03.1985",
                "BA",
            ),
        )
        .unwrap();
    assert_eq!(case.persons.len(), 2);
    assert_eq!(case.persons[0].minor, Some(true));
    assert_eq!(case.persons[1].minor, Some(false));
    assert_eq!(case.persons[1].nationality_name, "Bosnien und Herzegowina");
    let page = file.list_cases(&query("")).unwrap();
    assert_eq!(
        page.rows[0].display_name, "Petrlić-Woelke, Andrea-Maria",
        "the main person names the case"
    );
    assert_eq!(page.rows[0].persons, 2);

    let mut changed = case.persons[0].draft.clone();
    changed.given_names = "Milica".into();
    let case = file
        .save_person(case.id, Some(case.persons[0].id), &changed)
        .unwrap();
    assert_eq!(case.persons[0].given_names, "Milica");
    let case = file.remove_person(case.id, case.persons[0].id).unwrap();
    assert_eq!(case.persons.len(), 1);
    assert_eq!(code(file.remove_person(case.id, 4242)), ErrorCode::NotFound);
}

#[test]
fn grounds_admissibility_statement_and_deadlines_move_the_case_and_fill_its_history() {
    let (_d, _p, _l, mut file) = setup();
    let case = file.create_case(&case_draft(&file)).unwrap();
    let case = file
        .save_ground(
            case.id,
            None,
            &GroundDraft {
                kind: "haertegrund".into(),
                code: "schule_ausbildung".into(),
                description: "Ausbildung zur Pflegefachkraft seit 2024".into(),
                evidence: "Ausbildungsvertrag".into(),
            },
        )
        .unwrap();
    assert_eq!(case.grounds[0].label, "Schule und Ausbildung");

    // A mandatory exclusion ground forbids admission; nothing changes.
    let refused = file.record_admissibility(
        case.id,
        &AdmissibilityDraft {
            answers: answers(&file, &["rueckfuehrungstermin"]),
            result: "angenommen".into(),
            ground_code: String::new(),
            reasoning: String::new(),
            decided_on: days_ago(1),
        },
    );
    assert_eq!(code(refused), ErrorCode::InvalidInput);
    assert_eq!(
        file.open_case(case.id).unwrap().status,
        CaseStatus::Eingegangen
    );

    admit(&mut file, case.id);
    let case = file.open_case(case.id).unwrap();
    assert_eq!(case.status, CaseStatus::Angenommen);
    assert!(case
        .admissibility
        .as_ref()
        .unwrap()
        .checks
        .iter()
        .all(|c| !c.applies));
    let moves: Vec<&str> = case
        .history
        .iter()
        .filter(|h| h.on_date.is_some())
        .map(|h| h.title.as_str())
        .collect();
    assert_eq!(
        moves,
        [
            "Eingegangen",
            "Eingegangen → In Vorprüfung",
            "In Vorprüfung → Angenommen"
        ]
    );

    let case = file
        .save_abh_statement(
            case.id,
            &AbhStatementDraft {
                requested_on: days_ago(8),
                received_on: days_ago(2),
                content: "Keine Einwände der ABH.".into(),
            },
        )
        .unwrap();
    assert_eq!(case.abh_content.as_deref(), Some("Keine Einwände der ABH."));

    let case = file
        .save_deadline(
            case.id,
            None,
            &DeadlineDraft {
                due_on: days_ago(3),
                what: "Schulbescheinigung".into(),
            },
        )
        .unwrap();
    let deadline = case.deadlines[0].id;
    let board = file.dashboard().unwrap();
    assert_eq!(board.overdue.len(), 1);
    assert_eq!(board.expiring_papers.len(), 0, "no persons yet");
    let case = file.set_deadline_done(case.id, deadline, true).unwrap();
    assert!(case.deadlines[0].done_on.is_some());
    assert!(file.dashboard().unwrap().overdue.is_empty());
    let titles: Vec<&str> = case.history.iter().map(|h| h.title.as_str()).collect();
    for expected in [
        "Fall angelegt",
        "Härtegrund oder negativer Faktor erfasst",
        "Vorprüfung entschieden",
        "Stellungnahme der Ausländerbehörde erfasst",
        "Wiedervorlage angelegt",
        "Wiedervorlage erledigt",
    ] {
        assert!(
            titles.contains(&expected),
            "{expected} missing in {titles:?}"
        );
    }
}

#[test]
fn the_workflow_refuses_invalid_moves_and_needs_reasons() {
    let (_d, _p, _l, mut file) = setup();
    let case = file.create_case(&case_draft(&file)).unwrap();
    let names: Vec<&str> = case.manual_next.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(
        names,
        ["vorpruefung", "zurueckgenommen", "anderweitig_erledigt"]
    );
    let err = file
        .change_case_status(case.id, CaseStatus::Terminiert, &days_ago(0), "")
        .unwrap_err();
    assert!(err.to_string().contains("Möglich ist"), "{err}");
    let err = file
        .change_case_status(case.id, CaseStatus::Zurueckgenommen, &days_ago(0), " ")
        .unwrap_err();
    assert!(err.to_string().starts_with("Begründung:"), "{err}");
    let err = file
        .change_case_status(case.id, CaseStatus::Vorpruefung, &days_ago(30), "")
        .unwrap_err();
    assert!(err.to_string().contains("vor dem letzten Schritt"), "{err}");
    let case = file
        .change_case_status(case.id, CaseStatus::Vorpruefung, &days_ago(0), "")
        .unwrap();
    let err = file
        .change_case_status(case.id, CaseStatus::Angenommen, &days_ago(0), "")
        .unwrap_err();
    assert!(err.to_string().contains("Vorprüfung"), "{err}");
    let case = file
        .change_case_status(
            case.id,
            CaseStatus::Zurueckgenommen,
            &days_ago(0),
            "Antrag zurückgezogen",
        )
        .unwrap();
    assert!(case.is_final);
    assert!(case.manual_next.is_empty());
    let last = case
        .history
        .iter()
        .rev()
        .find(|h| h.on_date.is_some())
        .unwrap();
    assert_eq!(last.reason.as_deref(), Some("Antrag zurückgezogen"));
    assert_eq!(last.username, ADMIN);
}

#[test]
fn search_ignores_diacritics_and_scripts_and_filters_combine() {
    let (_d, _p, _l, mut file) = setup();
    let a = file.create_case(&case_draft(&file)).unwrap();
    file.save_person(
        a.id,
        None,
        &person(
            "hauptperson",
            "Petrlić-Woelke",
            "Andrea-Maria",
            "14.03.1985",
            "BA",
        ),
    )
    .unwrap();
    file.save_person(
        a.id,
        None,
        &person("ehepartner", "Güneş", "Şükrü", "01.01.1980", "TR"),
    )
    .unwrap();
    let b = file.create_case(&case_draft(&file)).unwrap();
    file.save_person(
        b.id,
        None,
        &person("hauptperson", "Иванов", "Алексей", "01.01.1975", "RU"),
    )
    .unwrap();
    file.save_person(
        b.id,
        None,
        &person("kind", "حسن", "مريم", "01.01.2015", "SY"),
    )
    .unwrap();
    let c = file.create_case(&case_draft(&file)).unwrap();
    file.save_person(
        c.id,
        None,
        &person("hauptperson", "Đorđević", "Đorđe", "01.01.1990", "RS"),
    )
    .unwrap();

    assert_eq!(ids(&file, "Petrlic"), [a.id]);
    assert_eq!(ids(&file, "Gunes"), [a.id]);
    assert_eq!(ids(&file, "güneş şükrü"), [a.id]);
    assert_eq!(ids(&file, "Dorde"), [c.id]);
    assert_eq!(ids(&file, "Ivanov"), [b.id]);
    assert_eq!(ids(&file, "Иванов"), [b.id]);
    assert_eq!(ids(&file, "حسن"), [b.id]);
    assert_eq!(ids(&file, &a.number), [a.id]);
    assert_eq!(ids(&file, "Cottbus").len(), 3, "life story is searched");
    assert!(
        ids(&file, "Petrlic Ivanov").is_empty(),
        "all words must match"
    );
    assert!(ids(&file, "\"*( OR").is_empty());

    let by_nationality = file
        .list_cases(&CaseQuery {
            nationality: Some("SY".into()),
            ..query("")
        })
        .unwrap();
    assert_eq!(
        by_nationality.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        [b.id]
    );
    admit(&mut file, c.id);
    let admitted = file
        .list_cases(&CaseQuery {
            status: Some(CaseStatus::Angenommen),
            year: Some(today().year()),
            ..query("")
        })
        .unwrap();
    assert_eq!(admitted.total, 1);
    let by_name = file
        .list_cases(&CaseQuery {
            sort: CaseSort::Name,
            ..query("")
        })
        .unwrap();
    let names: Vec<&str> = by_name
        .rows
        .iter()
        .map(|r| r.display_name.as_str())
        .collect();
    assert_eq!(
        names,
        // German dictionary order; names in another script follow the Latin ones.
        [
            "Đorđević, Đorđe",
            "Petrlić-Woelke, Andrea-Maria",
            "Иванов, Алексей",
        ]
    );
    let paged = file
        .list_cases(&CaseQuery {
            limit: 2,
            offset: 2,
            ..query("")
        })
        .unwrap();
    assert_eq!((paged.total, paged.rows.len()), (3, 1));
    assert_eq!(
        code(file.list_cases(&CaseQuery {
            limit: 0,
            ..query("")
        })),
        ErrorCode::InvalidInput
    );

    // Removing a person takes their name out of the index.
    let case = file.open_case(a.id).unwrap();
    file.remove_person(a.id, case.persons[1].id).unwrap();
    assert!(ids(&file, "Gunes").is_empty());
}

#[test]
fn a_renamed_office_finds_its_cases_by_the_new_name_only() {
    let (_d, _p, _l, mut file) = setup();
    let draft = case_draft(&file);
    let office = draft.office_id.unwrap();
    let case = file.create_case(&draft).unwrap().id;
    let old = file
        .offices()
        .unwrap()
        .into_iter()
        .find(|o| o.id == office)
        .unwrap()
        .name;
    let first_word = old.split_whitespace().last().unwrap().to_owned();
    assert_eq!(ids(&file, &first_word), [case], "found by {first_word}");
    file.save_office(Some(office), "Ausländerbehörde Musterhausen", true)
        .unwrap();
    assert_eq!(ids(&file, "Musterhausen"), [case]);
    assert!(
        ids(&file, &first_word).is_empty(),
        "still found by the old name {old}"
    );
}

#[test]
fn a_name_in_its_own_script_is_found_by_every_common_spelling() {
    let (_d, _p, _l, mut file) = setup();
    let other = file.create_case(&case_draft(&file)).unwrap();
    file.save_person(
        other.id,
        None,
        &person("hauptperson", "Kadyrov", "Ramzan", "01.01.1976", "RU"),
    )
    .unwrap();
    let case = file.create_case(&case_draft(&file)).unwrap();
    // The papers spell the name the French way; the family writes it in Cyrillic.
    file.save_person(
        case.id,
        None,
        &PersonDraft {
            original_name: "Дудаев Ахмед".into(),
            ..person("hauptperson", "Doudaev", "Akhmed", "01.01.1980", "RU")
        },
    )
    .unwrap();
    for spelling in [
        "Dudaev",
        "Dudayev",
        "Dudajew",
        "Дудаев",
        "Doudaev",
        "Achmed Dudajew",
    ] {
        assert_eq!(ids(&file, spelling), [case.id], "{spelling}");
    }
    assert_eq!(ids(&file, "Kadirow"), [other.id]);
    assert!(
        ids(&file, "Dudaev Kadyrov").is_empty(),
        "all words must match"
    );
    let stored = file.open_case(case.id).unwrap();
    assert_eq!(
        stored.persons[0].original_name.as_deref(),
        Some("Дудаев Ахмед")
    );

    // Removing the person takes the name's sounds out of the index as well.
    file.remove_person(case.id, stored.persons[0].id).unwrap();
    assert!(ids(&file, "Dudayev").is_empty());
}

#[test]
fn the_start_page_lists_expiring_papers_of_open_cases() {
    let (_d, _p, _l, mut file) = setup();
    let case = file.create_case(&case_draft(&file)).unwrap();
    file.save_person(
        case.id,
        None,
        &person("hauptperson", "Güneş", "Şükrü", "01.01.1980", "TR"),
    )
    .unwrap();
    let mut far = person("kind", "Güneş", "Ayşe", "01.01.2012", "TR");
    far.residence_valid_until = typed(today() + Days::new(200));
    file.save_person(case.id, None, &far).unwrap();
    let board = file.dashboard().unwrap();
    assert_eq!(board.expiring_papers.len(), 1);
    assert_eq!(board.expiring_papers[0].days_left, 20);
    assert_eq!(board.open_cases, 1);
    file.set_expiry_warning_days(365).unwrap();
    assert_eq!(file.dashboard().unwrap().expiring_papers.len(), 2);
    file.change_case_status(
        case.id,
        CaseStatus::AnderweitigErledigt,
        &days_ago(0),
        "Aufenthaltserlaubnis nach § 25b",
    )
    .unwrap();
    let board = file.dashboard().unwrap();
    assert!(
        board.expiring_papers.is_empty(),
        "closed cases are not watched"
    );
    assert_eq!(board.open_cases, 0);
}

#[test]
fn every_change_and_every_opening_is_audited_and_tampering_is_found() {
    let (_d, paths, _l, mut file) = setup();
    let case = file.create_case(&case_draft(&file)).unwrap();
    file.save_person(
        case.id,
        None,
        &person("hauptperson", "Güneş", "Şükrü", "01.01.1980", "TR"),
    )
    .unwrap();
    file.open_case(case.id).unwrap();
    let conn = common::raw_connection(&paths, ADMIN, ADMIN_PW);
    let actions: Vec<(String, String)> = conn
        .prepare("SELECT entity, action FROM audit_log WHERE entity_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([&case.number], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let pairs: Vec<(&str, &str)> = actions
        .iter()
        .map(|(e, a)| (e.as_str(), a.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [("case", "create"), ("person", "create"), ("case", "open")]
    );
    let names_in_rows: u32 = conn
        .query_row(
            "SELECT COUNT(*) FROM audit_log WHERE entity_id LIKE '%Güneş%' OR username LIKE '%Şükrü%' AND 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        names_in_rows, 0,
        "rows are named by case number, never by a person"
    );
    assert!(file.verify_audit_chain().unwrap().first_broken.is_none());

    let edited: i64 = conn
        .query_row(
            "SELECT id FROM audit_log WHERE entity = 'person' AND entity_id = ?1",
            [&case.number],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute(
        "UPDATE audit_log SET action = 'remove' WHERE id = ?1",
        [edited],
    )
    .unwrap();
    let report = file.verify_audit_chain().unwrap();
    assert_eq!(report.first_broken.map(|b| i64::from(b.id)), Some(edited));
}

#[test]
fn the_member_list_is_in_german_dictionary_order() {
    let (_d, _p, _l, mut file) = setup();
    let org = file.member_register().unwrap().organisations[0].id;
    for name in [
        "Schulz, Anna",
        "Şahin, Berk",
        "Özdemir, Ayşe",
        "Sahin, Ali",
        "Oz, Amos",
    ] {
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
        .unwrap();
    }
    let names: Vec<String> = file
        .member_register()
        .unwrap()
        .members
        .into_iter()
        .filter(|m| m.kind == MemberKind::Mitglied)
        .map(|m| m.name)
        .collect();
    assert_eq!(
        names,
        [
            "Oz, Amos",
            "Özdemir, Ayşe",
            "Sahin, Ali",
            "Şahin, Berk",
            "Schulz, Anna"
        ]
    );
}

#[test]
fn an_ended_case_is_read_only_until_the_administration_reopens_it() {
    let (_d, _p, lock, mut admin) = setup();
    let case = admin.create_case(&case_draft(&admin)).unwrap();
    admin
        .save_person(
            case.id,
            None,
            &person("hauptperson", "Ćosić", "Đorđe", "01.01.1990", "RS"),
        )
        .unwrap();
    admin
        .change_case_status(case.id, CaseStatus::Vorpruefung, &days_ago(0), "")
        .unwrap();
    let ended = admin
        .change_case_status(
            case.id,
            CaseStatus::Zurueckgenommen,
            &days_ago(0),
            "Antrag zurückgezogen",
        )
        .unwrap();
    let read_only = |r: hfk_akte::Result<_>| {
        let err = r
            .map(|_: hfk_akte::store::cases::page::CaseDetail| ())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("abgeschlossen; er wird nur noch gelesen"),
            "{err}"
        );
    };
    read_only(admin.update_case(case.id, &case_draft(&admin)));
    read_only(admin.save_person(
        case.id,
        Some(ended.persons[0].id),
        &person("hauptperson", "Cosic", "Dorde", "01.01.1990", "RS"),
    ));
    read_only(admin.remove_person(case.id, ended.persons[0].id));
    let unchanged = admin.open_case(case.id).unwrap();
    assert_eq!(
        unchanged.persons[0].family_name, "Ćosić",
        "nothing half-saved"
    );
    assert_eq!(unchanged.history.len(), ended.history.len());

    // Only the administration reopens, and only with a reason.
    admin
        .add_user(
            "Sachbearbeitung",
            Role::Geschaeftsstelle,
            READER_PW,
            READER_PW,
        )
        .unwrap();
    assert!(admin
        .reopen_case(case.id, "  ")
        .unwrap_err()
        .to_string()
        .starts_with("Begründung:"));
    drop(admin);
    let mut clerk = common::unlock_on_fixed_day(&lock, "Sachbearbeitung", READER_PW);
    assert_eq!(
        code(clerk.reopen_case(case.id, "Irrtum")),
        ErrorCode::PermissionDenied
    );
    drop(clerk);
    let mut admin = common::unlock_on_fixed_day(&lock, ADMIN, ADMIN_PW);
    let reopened = admin
        .reopen_case(case.id, "Rücknahme war ein Irrtum der Beratungsstelle")
        .unwrap();
    assert_eq!(reopened.status, CaseStatus::Vorpruefung);
    let last = reopened
        .history
        .iter()
        .rev()
        .find(|h| h.on_date.is_some())
        .unwrap();
    assert_eq!(
        last.reason.as_deref(),
        Some("Rücknahme war ein Irrtum der Beratungsstelle")
    );
    let audited = admin.recent_audit_entries(1).unwrap();
    assert_eq!(audited[0].description, "Fall wiederaufgenommen");
    admin.update_case(case.id, &case_draft(&admin)).unwrap();
    assert!(
        admin.reopen_case(case.id, "noch einmal").is_err(),
        "an open case is not reopened"
    );
}

#[test]
fn a_reader_reads_but_every_write_is_refused() {
    let (_d, _p, lock, mut admin) = setup();
    let case = admin.create_case(&case_draft(&admin)).unwrap();
    admin
        .add_user(READER, Role::Lesend, READER_PW, READER_PW)
        .unwrap();
    let draft = case_draft(&admin);
    drop(admin);
    let mut reader = common::unlock_on_fixed_day(&lock, READER, READER_PW);
    assert_eq!(reader.open_case(case.id).unwrap().number, case.number);
    assert_eq!(reader.list_cases(&query("")).unwrap().total, 1);
    let denied = ErrorCode::PermissionDenied;
    assert_eq!(code(reader.create_case(&draft)), denied);
    assert_eq!(code(reader.update_case(case.id, &draft)), denied);
    assert_eq!(
        code(reader.save_person(case.id, None, &person("kind", "A", "B", "", "XU"))),
        denied
    );
    assert_eq!(code(reader.remove_person(case.id, 1)), denied);
    let ground = GroundDraft {
        kind: "haertegrund".into(),
        code: "sprache".into(),
        description: "B1".into(),
        evidence: "".into(),
    };
    assert_eq!(code(reader.save_ground(case.id, None, &ground)), denied);
    assert_eq!(code(reader.remove_ground(case.id, 1)), denied);
    let admissibility = AdmissibilityDraft {
        answers: answers(&reader, &[]),
        result: "angenommen".into(),
        ground_code: "".into(),
        reasoning: "".into(),
        decided_on: days_ago(0),
    };
    assert_eq!(
        code(reader.record_admissibility(case.id, &admissibility)),
        denied
    );
    assert_eq!(
        code(reader.save_abh_statement(case.id, &AbhStatementDraft::default())),
        denied
    );
    let deadline = DeadlineDraft {
        due_on: days_ago(0),
        what: "x".into(),
    };
    assert_eq!(code(reader.save_deadline(case.id, None, &deadline)), denied);
    assert_eq!(code(reader.set_deadline_done(case.id, 1, true)), denied);
    assert_eq!(
        code(reader.change_case_status(case.id, CaseStatus::Vorpruefung, &days_ago(0), "")),
        denied
    );
    assert_eq!(code(reader.add_organisation("X", "01.01.2020")), denied);
    assert_eq!(
        code(reader.rename_organisation(1, "X", "01.01.2030")),
        denied
    );
    assert_eq!(
        code(reader.save_member(None, &MemberDraft::default())),
        denied
    );
    assert_eq!(code(reader.save_office(None, "X", true)), denied);
    assert_eq!(code(reader.set_expiry_warning_days(10)), denied);
    let list = vec![Criterion {
        code: "x".into(),
        label: "X".into(),
        kind: CriterionKind::Regel,
    }];
    assert_eq!(code(reader.replace_admissibility_criteria(&list)), denied);
    assert_eq!(code(reader.fill_with_sample_cases(1, 1)), denied);
}

#[test]
fn another_states_checklist_replaces_the_default() {
    let (_d, _p, _l, mut file) = setup();
    let saxony = vec![
        Criterion {
            code: "straftaten_6_monate".into(),
            label: "Freiheitsstrafe ab 6 Monaten oder 180 Tagessätze in den letzten 5 Jahren"
                .into(),
            kind: CriterionKind::Zwingend,
        },
        Criterion {
            code: "rueckfuehrung_gebucht".into(),
            label: "Rückführung bereits gebucht".into(),
            kind: CriterionKind::Zwingend,
        },
    ];
    file.replace_admissibility_criteria(&saxony).unwrap();
    assert_eq!(file.admissibility_criteria().unwrap(), saxony);
    let case = file.create_case(&case_draft(&file)).unwrap();
    admit(&mut file, case.id);
    assert_eq!(
        file.open_case(case.id)
            .unwrap()
            .admissibility
            .unwrap()
            .checks
            .len(),
        2
    );
}

#[test]
fn sample_cases_fill_a_file_that_stays_searchable() {
    let (_d, _p, _l, mut file) = setup();
    file.fill_with_sample_cases(300, 7).unwrap();
    let all = file.list_cases(&query("")).unwrap();
    assert_eq!(all.total, 300);
    assert!(file.list_cases(&query("Gunes")).unwrap().total > 0);
    assert!(file.verify_audit_chain().unwrap().first_broken.is_none());
    // New cases continue the numbering of their year.
    let case = file.create_case(&case_draft(&file)).unwrap();
    assert!(case.number.starts_with(&format!("HFK-{}-", today().year())));
}

/// With 10,000 sample cases and many long-expired papers, a Duldung that expires tomorrow
/// is on the start page, and every cut list says how many entries there are.
#[test]
fn the_start_page_never_hides_a_paper_that_expires_soon() {
    let (_d, _p, _l, mut file) = setup();
    file.fill_with_sample_cases(10_000, 11).unwrap();
    let case = file.create_case(&case_draft(&file)).unwrap();
    let mut soon = person("hauptperson", "Дудаев", "Ахмед", "01.01.1980", "RU");
    soon.residence_status = "duldung".into();
    soon.residence_valid_until = typed(today() + Days::new(1));
    file.save_person(case.id, None, &soon).unwrap();
    let board = file.dashboard().unwrap();
    assert!(
        board
            .expiring_papers
            .iter()
            .any(|p| p.case_id == case.id && p.days_left == 1),
        "the paper expiring tomorrow is missing"
    );
    assert!(board.expiring_papers.iter().all(|p| p.days_left >= 0));
    assert!(board
        .expiring_papers
        .windows(2)
        .all(|w| w[0].valid_until <= w[1].valid_until));
    assert!(board.expired_papers.iter().all(|p| p.days_left < 0));
    for (listed, total) in [
        (board.expiring_papers.len(), board.expiring_total),
        (board.expired_papers.len(), board.expired_total),
        (board.overdue.len(), board.overdue_total),
        (board.upcoming.len(), board.upcoming_total),
    ] {
        assert!(listed as u32 <= board.shown_at_most);
        assert!(listed as u32 <= total);
        assert!(total <= board.shown_at_most || listed as u32 == board.shown_at_most);
    }
    assert!(
        board.expired_total > board.shown_at_most,
        "the sample should hold more expired papers than the start page shows ({})",
        board.expired_total
    );

    // The cut list can be read whole, page by page, in the start page's order.
    let mut whole = Vec::new();
    loop {
        let page = file
            .due_list(DueList::Expired, whole.len() as u32, 500)
            .unwrap();
        assert_eq!(page.total, board.expired_total);
        if page.papers.is_empty() {
            break;
        }
        whole.extend(page.papers);
    }
    assert_eq!(whole.len() as u32, board.expired_total);
    assert_eq!(
        whole[..board.expired_papers.len()],
        board.expired_papers[..]
    );
    assert!(whole
        .windows(2)
        .all(|w| w[0].valid_until >= w[1].valid_until));
    let overdue = file.due_list(DueList::Overdue, 0, 500).unwrap();
    assert_eq!(overdue.total, board.overdue_total);
    assert!(overdue.papers.is_empty());
    assert_eq!(
        code(file.due_list(DueList::Expiring, 0, 0)),
        ErrorCode::InvalidInput
    );
}
