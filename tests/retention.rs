//! Deletion periods through the core's public API: which closed cases are due, a deletion run
//! that keeps only the statistical skeleton, and an audit chain that still verifies.

mod common;

use chrono::Days;
use hfk_akte::domain::case::CaseDraft;
use hfk_akte::domain::grounds::GroundDraft;
use hfk_akte::domain::member::MemberKind;
use hfk_akte::domain::person::PersonDraft;
use hfk_akte::domain::workflow::CaseStatus;
use hfk_akte::store::cases::search::CaseQuery;
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

/// A withdrawn case with a mother and a child, closed on `closed`.
fn closed_case(file: &mut CaseFile, received: &str, closed: &str) -> (u32, String) {
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
            life_story: format!("Familie {FAMILY} lebt seit 2012 in Eberswalde."),
            ..CaseDraft::default()
        })
        .unwrap();
    for (role, given, born) in [
        ("hauptperson", "Amra", "02.03.1980"),
        ("kind", "Emir", "05.06.2012"),
    ] {
        file.save_person(
            case.id,
            None,
            &PersonDraft {
                family_role: role.into(),
                family_name: FAMILY.into(),
                given_names: given.into(),
                birth_date: born.into(),
                birth_place: "Tuzla".into(),
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
            description: format!("Emir {FAMILY} besucht die Oberschule."),
            evidence: "Zeugnis".into(),
        },
    )
    .unwrap();
    file.change_case_status(
        case.id,
        CaseStatus::Zurueckgenommen,
        closed,
        "Antrag zurückgezogen",
    )
    .unwrap();
    (case.id, case.number)
}

#[test]
fn a_deletion_run_keeps_the_skeleton_and_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let (old, old_number) = closed_case(&mut file, &years_ago(5), &years_ago(3));
    let (recent, _) = closed_case(&mut file, &years_ago(2), &years_ago(1));

    let overview = file.retention_overview().unwrap();
    assert_eq!(overview.years, 2);
    assert_eq!(
        overview
            .due
            .iter()
            .map(|d| d.number.as_str())
            .collect::<Vec<_>>(),
        [old_number.as_str()]
    );

    // A case that is not due refuses the whole run.
    let err = file.run_deletion(&[old, recent]).unwrap_err().to_string();
    assert!(err.contains("nicht zur Löschung fällig"), "{err}");
    assert_eq!(file.open_case(old).unwrap().persons[0].family_name, FAMILY);

    assert_eq!(file.run_deletion(&[old]).unwrap(), 1);
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
    assert_eq!(case.grounds[0].code, "schule_ausbildung");
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
    assert_eq!(file.retention_overview().unwrap().anonymised, 1);

    // The name is found only in the case that still has it.
    let found = file
        .list_cases(&CaseQuery {
            search: FAMILY.into(),
            limit: 50,
            ..CaseQuery::default()
        })
        .unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.rows[0].id, recent);
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
    let left: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM audit_payload p JOIN audit_log l ON l.id = p.audit_id
                     WHERE l.entity_id = ?1 AND (p.fields LIKE '%Tuzla%' OR p.fields LIKE '%Amra%'))
                  + (SELECT count(*) FROM persons WHERE case_id = ?2 AND family_name <> '')",
            rusqlite::params![old_number, old],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
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
