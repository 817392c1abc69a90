//! Deletion periods through the core's public API: which closed cases are due, a deletion run
//! that keeps only the statistical skeleton, and an audit chain that still verifies.

mod common;

use chrono::Days;
use hfk_akte::domain::admissibility::AdmissibilityDraft;
use hfk_akte::domain::case::CaseDraft;
use hfk_akte::domain::grounds::GroundDraft;
use hfk_akte::domain::member::MemberKind;
use hfk_akte::domain::person::PersonDraft;
use hfk_akte::domain::session::{SessionDraft, SessionStatus};
use hfk_akte::domain::statistics::{Period, Variant};
use hfk_akte::domain::voting::Outcome;
use hfk_akte::domain::workflow::CaseStatus;
use hfk_akte::store::cases::search::CaseQuery;
use hfk_akte::store::sessions::decisions::ItemDecisionDraft;
use hfk_akte::store::CaseFile;
use hfk_akte::store::InstanceLock;

const ADMIN: &str = "Andrea-Maria Petrlić-Woelke";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
const FAMILY: &str = "Ismailović";

fn typed(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn years_ago(years: u64) -> String {
    typed(common::fixed_today() - Days::new(365 * years))
}

/// Who a test family is: the words that must vanish with their personal data.
struct Family {
    name: &'static str,
    mother: &'static str,
    child: &'static str,
    place: &'static str,
}

const OLD: Family = Family {
    name: FAMILY,
    mother: "Amra",
    child: "Emir",
    place: "Tuzla",
};

const DELIBERATED: Family = Family {
    name: "Begović",
    mother: "Selma",
    child: "Tarik",
    place: "Zenica",
};

const RECENT: Family = Family {
    name: "Krasniqi",
    mother: "Drita",
    child: "Arben",
    place: "Prizren",
};

/// A withdrawn case with a mother and a child, closed on `closed`.
fn closed_case(
    file: &mut CaseFile,
    family: &Family,
    received: &str,
    closed: &str,
) -> (u32, String) {
    let ib = file
        .member_register()
        .unwrap()
        .members
        .iter()
        .find(|m| m.kind == MemberKind::Integrationsbeauftragte)
        .unwrap()
        .id;
    let case = file
        .create_case(&CaseDraft {
            received_on: received.into(),
            brought_by: Some(ib),
            brought_in_on: received.into(),
            counsel: "Rechtsanwältin Nowak".into(),
            life_story: format!("Familie {} lebt seit 2012 in Eberswalde.", family.name),
            ..CaseDraft::default()
        })
        .unwrap();
    for (role, given, born) in [
        ("hauptperson", family.mother, "02.03.1980"),
        ("kind", family.child, "05.06.2012"),
    ] {
        file.save_person(
            case.id,
            None,
            &PersonDraft {
                family_role: role.into(),
                family_name: family.name.into(),
                given_names: given.into(),
                birth_date: born.into(),
                birth_place: family.place.into(),
                sex: "unbekannt".into(),
                nationality: "BA".into(),
                asylum_history: "Asylantrag 2013 abgelehnt".into(),
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
            description: format!("{} {} besucht die Oberschule.", family.child, family.name),
            evidence: "Zeugnis".into(),
        },
    )
    .unwrap();
    file.change_case_status(
        case.id,
        CaseStatus::Zurueckgenommen,
        closed,
        &format!("Frau {} hat den Antrag zurückgezogen.", family.mother),
    )
    .unwrap();
    (case.id, case.number)
}

/// A case the commission deliberated and postponed at a session on `held`, naming the family
/// in its reasons, then withdrawn on `closed`.
fn deliberated_case(
    file: &mut CaseFile,
    family: &Family,
    held: &str,
    closed: &str,
) -> (u32, String) {
    let ib = file
        .member_register()
        .unwrap()
        .members
        .iter()
        .find(|m| m.kind == MemberKind::Integrationsbeauftragte)
        .unwrap()
        .id;
    let case = file
        .create_case(&CaseDraft {
            received_on: held.into(),
            brought_by: Some(ib),
            brought_in_on: held.into(),
            ..CaseDraft::default()
        })
        .unwrap();
    file.save_person(
        case.id,
        None,
        &PersonDraft {
            family_role: "hauptperson".into(),
            family_name: family.name.into(),
            given_names: family.mother.into(),
            sex: "weiblich".into(),
            nationality: "BA".into(),
            ..PersonDraft::default()
        },
    )
    .unwrap();
    let answers = common::no_exclusion(file);
    file.record_admissibility(
        case.id,
        &AdmissibilityDraft {
            answers,
            result: "angenommen".into(),
            ground_code: String::new(),
            reasoning: format!("{} erfüllt die Voraussetzungen.", family.mother),
            decided_on: held.into(),
        },
    )
    .unwrap();
    let session = file
        .plan_session(&SessionDraft {
            held_on: held.into(),
            start_time: "10:00".into(),
            place: "Potsdam".into(),
        })
        .unwrap()
        .id;
    let item = file.schedule_case(session, case.id, None).unwrap().items[0].id;
    file.advance_session(session, SessionStatus::Einberufen, held)
        .unwrap();
    file.decide_item(
        item,
        &ItemDecisionDraft {
            ballots: vec![],
            outcome: Some(Outcome::Vertagt),
            reasons: format!(
                "Das Zeugnis von {} aus {} fehlt noch.",
                family.child, family.place
            ),
        },
    )
    .unwrap();
    file.change_case_status(case.id, CaseStatus::Zurueckgenommen, closed, "Rücknahme")
        .unwrap();
    (case.id, case.number)
}

#[test]
fn a_deletion_run_keeps_the_skeleton_and_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let (old, old_number) = closed_case(&mut file, &OLD, &years_ago(5), &years_ago(3));
    let (recent, _) = closed_case(&mut file, &RECENT, &years_ago(2), &years_ago(1));
    let (deliberated, deliberated_number) =
        deliberated_case(&mut file, &DELIBERATED, &years_ago(4), &years_ago(3));

    let overview = file.retention_overview().unwrap();
    assert_eq!(overview.years, 2);
    assert_eq!(
        overview
            .due
            .iter()
            .map(|d| d.number.as_str())
            .collect::<Vec<_>>(),
        [old_number.as_str(), deliberated_number.as_str()]
    );

    // A case that is not due refuses the whole run.
    let err = file.run_deletion(&[old, recent]).unwrap_err().to_string();
    assert!(err.contains("nicht zur Löschung fällig"), "{err}");
    assert_eq!(file.open_case(old).unwrap().persons[0].family_name, FAMILY);

    // The annual report is the same before and after the run, stage table, cross tables
    // (countries, members, offices, families) and series: the skeleton carries them.
    let figures = |file: &CaseFile| {
        (2019..=2026)
            .map(|y| {
                file.statistics(Period::years(y, y).unwrap(), Variant::Intern)
                    .unwrap()
            })
            .collect::<Vec<_>>()
    };
    let before = figures(&file);
    assert!(before
        .iter()
        .any(|r| r.stages.get("vertagt").unwrap().cases == 1));
    assert!(before
        .iter()
        .any(|r| r.stages.get("zurueckgenommen").unwrap().minors == 1));
    assert!(before
        .iter()
        .any(|r| r.cross.iter().all(|t| !t.rows.is_empty())));
    assert_eq!(file.run_deletion(&[old, deliberated]).unwrap(), 2);
    assert_eq!(figures(&file), before);
    let case = file.open_case(old).unwrap();
    assert!(case.anonymised_on.is_some());
    assert_eq!(case.status, CaseStatus::Zurueckgenommen);
    assert!(case.life_story.is_none() && case.counsel.is_none());
    assert!(case
        .persons
        .iter()
        .all(|p| p.family_name.is_empty() && p.birth_date.is_none()));
    assert_eq!(case.persons.len(), 2);
    assert!(case.persons.iter().all(|p| p.nationality == "BA"));
    // Which grounds the family had is no longer tied to the case (counted per year below).
    assert!(case.grounds.is_empty());
    assert!(case.history.iter().all(|h| h.reason.is_none()));
    assert!(file.retention_overview().unwrap().due.is_empty());
    // Nothing personal can be added back.
    let err = file
        .save_person(
            old,
            None,
            &PersonDraft {
                family_role: "kind".into(),
                family_name: FAMILY.into(),
                given_names: "Neu".into(),
                sex: "unbekannt".into(),
                nationality: "BA".into(),
                ..PersonDraft::default()
            },
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("nicht mehr bearbeitet"), "{err}");
    assert_eq!(file.open_case(old).unwrap().persons.len(), 2);
    assert_eq!(file.retention_overview().unwrap().anonymised, 2);

    assert!(file.verify_audit_chain().unwrap().first_broken.is_none());
    drop(file);

    // Behind the program's back: the skeleton is there, the name is nowhere for that case.
    let conn = common::raw_connection(&paths, ADMIN, PASSWORD);
    let (year, minor): (i64, bool) = conn
        .query_row(
            "SELECT birth_year, minor_at_receipt FROM persons WHERE case_id = ?1 AND family_role = 'kind'",
            [old],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((year, minor), (2012, true));
    // The grounds are counted per year, apart from any case.
    let counted: (i64, String, String, i64) = conn
        .query_row(
            "SELECT year, category, code, count FROM retained_counts",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(counted.1, "haertegrund");
    assert_eq!((counted.2.as_str(), counted.3), ("schule_ausbildung", 1));
    let tied: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM case_grounds WHERE case_id IN (?1, ?2))
                  + (SELECT count(*) FROM recusals r JOIN agenda_items i ON i.id = r.item_id
                     WHERE i.case_id IN (?1, ?2))
                  + (SELECT count(*) FROM votes v JOIN agenda_items i ON i.id = v.item_id
                     WHERE i.case_id IN (?1, ?2))",
            [old, deliberated],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tied, 0);
    // Searched in every table and column, not with the deletion's own predicate.
    for word in [OLD, DELIBERATED]
        .iter()
        .flat_map(|f| [f.name, f.mother, f.child, f.place])
    {
        assert_eq!(
            common::stored::everywhere(&conn, word),
            Vec::<String>::new(),
            "{word} left behind"
        );
    }
    assert!(
        !common::stored::everywhere(&conn, RECENT.place).is_empty(),
        "the search finds nothing at all"
    );
    let logged: String = conn
        .query_row(
            "SELECT p.fields FROM audit_log l JOIN audit_payload p ON p.audit_id = l.id
             WHERE l.entity = 'retention'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        logged.contains(&old_number) && !logged.contains(FAMILY),
        "{logged}"
    );
    drop(conn);

    // From outside: every page of the file decrypted with the data key, free pages and the
    // unused space of pages included. The recent family is found there; the deleted ones not.
    let key = common::data_key(&paths, ADMIN, PASSWORD);
    assert!(!common::pages::pages_holding(&paths.database, &key, RECENT.place).is_empty());
    for word in [OLD, DELIBERATED]
        .iter()
        .flat_map(|f| [f.name, f.mother, f.child, f.place])
    {
        let pages = common::pages::pages_holding(&paths.database, &key, word);
        assert!(pages.is_empty(), "{word} readable in page(s) {pages:?}");
    }

    // The name is found no more; the other family still is. (Searched last: a search is
    // recorded with its query, which then holds the name it asked for.)
    let file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    // The name is found no more; the other family still is.
    let search = |file: &CaseFile, name: &str| {
        file.list_cases(&CaseQuery {
            search: name.into(),
            limit: 50,
            ..CaseQuery::default()
        })
        .unwrap()
        .rows
        .iter()
        .map(|r| r.id)
        .collect::<Vec<_>>()
    };
    assert!(search(&file, FAMILY).is_empty());
    assert_eq!(search(&file, RECENT.name), [recent]);
}

#[test]
fn only_the_administration_sets_the_period_and_runs_deletions() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    assert!(file.set_retention_years(0).is_err());
    assert_eq!(file.set_retention_years(5).unwrap().years, 5);
    assert!(file.run_deletion(&[]).is_err());
    file.add_user(
        "Leser",
        hfk_akte::domain::user::Role::Lesend,
        "Spreewald-Gurke-Oderbruch-17",
        "Spreewald-Gurke-Oderbruch-17",
    )
    .unwrap();
    drop(file);
    let mut reader = common::unlock_on_fixed_day(&lock, "Leser", "Spreewald-Gurke-Oderbruch-17");
    assert_eq!(
        reader.retention_overview().unwrap_err().code(),
        hfk_akte::ErrorCode::PermissionDenied
    );
    assert_eq!(
        reader.run_deletion(&[1]).unwrap_err().code(),
        hfk_akte::ErrorCode::PermissionDenied
    );
}
