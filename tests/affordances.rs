//! What the core tells the window it may offer agrees with what the core then accepts: each
//! affordance is checked against the call it stands for, on both sides of the line.

mod common;

use chrono::Days;
use common::session_day::SessionDay;
use hfk_akte::domain::admissibility::AdmissibilityDraft;
use hfk_akte::domain::person::PersonDraft;
use hfk_akte::domain::session::{SessionDraft, SessionStatus};
use hfk_akte::store::InstanceLock;

const ADMIN: &str = "Şükrü Güneş";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";

fn typed(day: chrono::NaiveDate) -> String {
    day.format("%d.%m.%Y").to_string()
}

#[test]
fn session_affordances_match_what_the_core_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let day = SessionDay::new(&mut file);

    // Called for tomorrow: attendance may be recorded ahead, votes not yet.
    let tomorrow = typed(common::fixed_today() + Days::new(1));
    let early = file
        .plan_session(&SessionDraft {
            held_on: tomorrow.clone(),
            start_time: "10:00".into(),
            place: "Potsdam".into(),
        })
        .unwrap()
        .id;
    let item = day.new_item(&mut file, early);
    let planned = file.session(early).unwrap();
    assert!(planned.may.may_reorder && !planned.may.may_record_attendance);
    assert!(file
        .record_attendance(early, &day.everyone_present())
        .is_err());
    let today = typed(common::fixed_today());
    let called = file
        .advance_session(early, SessionStatus::Einberufen, &today)
        .unwrap();
    assert!(!called.may.may_reorder && called.may.may_change_agenda);
    assert!(file.move_agenda_item(item, true).is_err());
    assert!(!called.may.may_decide);
    let why = called.may.why_not_decide.clone().unwrap();
    assert!(why.contains(&tomorrow), "{why}");
    assert!(called.may.may_record_attendance);
    file.record_attendance(early, &day.everyone_present())
        .unwrap();
    assert!(file.decide_item(item, &day.unanimous_request()).is_err());

    // On its day: votes may be recorded; after the first, attendance is fixed.
    let session = day.called_today(&mut file, true);
    let item = day.new_item(&mut file, session);
    let before = file.session(session).unwrap();
    assert!(before.may.may_decide && before.may.may_record_attendance);
    let after = file.decide_item(item, &day.unanimous_request()).unwrap();
    assert!(!after.may.may_record_attendance);
    assert!(file
        .record_attendance(session, &day.everyone_present())
        .is_err());
}

#[test]
fn case_affordances_match_what_the_core_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let day = SessionDay::new(&mut file);

    // The main person is the Hauptperson even when a child was entered first.
    let case = day.admitted_case(&mut file, "Haddad");
    let page = file
        .save_person(
            case,
            None,
            &PersonDraft {
                family_role: "kind".into(),
                family_name: "Haddad".into(),
                given_names: "Yusuf".into(),
                sex: "maennlich".into(),
                nationality: "SY".into(),
                ..PersonDraft::default()
            },
        )
        .unwrap();
    assert_eq!(page.main_person.as_deref(), Some("Haddad, Amina"));
    assert!(!page.may.may_check_admissibility, "admitted already");
    assert!(file
        .record_admissibility(
            case,
            &AdmissibilityDraft {
                answers: vec![],
                result: "angenommen".into(),
                ground_code: String::new(),
                reasoning: String::new(),
                decided_on: typed(common::fixed_today()),
            }
        )
        .is_err());

    let letter = dir.path().join("ersuchen.pdf");
    assert!(!page.may.may_export_request_letter);
    assert!(file.export_request_letter(case, &letter).is_err());
    let session = day.called_today(&mut file, true);
    let item = file
        .schedule_case(session, case, None)
        .unwrap()
        .items
        .iter()
        .find(|i| i.case_id == Some(case))
        .unwrap()
        .id;
    file.decide_item(item, &day.unanimous_request()).unwrap();
    let page = file.open_case(case).unwrap();
    assert!(page.may.may_export_request_letter);
    file.export_request_letter(case, &letter).unwrap();
}
