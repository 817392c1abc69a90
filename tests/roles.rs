//! Roles: every writing function of the core, called by a read-only user (Lesend), is refused
//! with PermissionDenied and changes nothing; the administrative ones are refused to the
//! Geschäftsstelle too. A hidden button is not a permission.

mod common;

use hfk_akte::domain::admissibility::AdmissibilityDraft;
use hfk_akte::domain::case::{AbhStatementDraft, CaseDraft};
use hfk_akte::domain::deadline::DeadlineDraft;
use hfk_akte::domain::grounds::GroundDraft;
use hfk_akte::domain::majority::MajorityRule;
use hfk_akte::domain::member::{MemberDraft, MemberKind};
use hfk_akte::domain::ministry::DecisionDraft;
use hfk_akte::domain::person::PersonDraft;
use hfk_akte::domain::session::{SessionDraft, SessionStatus};
use hfk_akte::domain::user::Role;
use hfk_akte::domain::workflow::CaseStatus;
use hfk_akte::store::sessions::decisions::ItemDecisionDraft;
use hfk_akte::store::CaseFile;
use hfk_akte::store::InstanceLock;
use hfk_akte::ErrorCode;

const ADMIN: &str = "Andrea-Maria Petrlić-Woelke";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
const READER: &str = "Leser";
const CLERK: &str = "Geschäftsstelle";
const OTHER_PW: &str = "Spreewald-Gurke-Oderbruch-17";

type Call = (
    &'static str,
    fn(&mut CaseFile, &Ids) -> hfk_akte::Result<()>,
);

struct Ids {
    case: u32,
    person: u32,
    ground: u32,
    deadline: u32,
    member: u32,
    session: u32,
    item: u32,
    user: u32,
    folder: String,
}

fn ok<T>(r: hfk_akte::Result<T>) -> hfk_akte::Result<()> {
    r.map(|_| ())
}

/// Every function that writes, with arguments that would succeed for the administration.
const WRITES: &[Call] = &[
    ("create_case", |f, ids| {
        ok(f.create_case(&CaseDraft {
            received_on: "01.10.2026".into(),
            brought_by: Some(ids.member),
            brought_in_on: "01.10.2026".into(),
            ..CaseDraft::default()
        }))
    }),
    ("update_case", |f, ids| {
        ok(f.update_case(
            ids.case,
            &CaseDraft {
                received_on: "01.10.2026".into(),
                brought_by: Some(ids.member),
                brought_in_on: "01.10.2026".into(),
                notes: "geändert".into(),
                ..CaseDraft::default()
            },
        ))
    }),
    ("save_person", |f, ids| {
        ok(f.save_person(
            ids.case,
            None,
            &PersonDraft {
                family_role: "kind".into(),
                family_name: "Güneş".into(),
                given_names: "Ayşe".into(),
                sex: "weiblich".into(),
                nationality: "TR".into(),
                ..PersonDraft::default()
            },
        ))
    }),
    ("remove_person", |f, ids| {
        ok(f.remove_person(ids.case, ids.person))
    }),
    ("save_ground", |f, ids| {
        ok(f.save_ground(
            ids.case,
            None,
            &GroundDraft {
                kind: "haertegrund".into(),
                code: "sprache".into(),
                description: "B1".into(),
                evidence: String::new(),
            },
        ))
    }),
    ("remove_ground", |f, ids| {
        ok(f.remove_ground(ids.case, ids.ground))
    }),
    ("record_admissibility", |f, ids| {
        ok(f.record_admissibility(
            ids.case,
            &AdmissibilityDraft {
                answers: vec![],
                result: "angenommen".into(),
                ground_code: String::new(),
                reasoning: String::new(),
                decided_on: "02.10.2026".into(),
            },
        ))
    }),
    ("save_abh_statement", |f, ids| {
        ok(f.save_abh_statement(
            ids.case,
            &AbhStatementDraft {
                requested_on: "02.10.2026".into(),
                received_on: String::new(),
                content: String::new(),
            },
        ))
    }),
    ("save_deadline", |f, ids| {
        ok(f.save_deadline(
            ids.case,
            None,
            &DeadlineDraft {
                due_on: "01.12.2026".into(),
                what: "Pass".into(),
            },
        ))
    }),
    ("set_deadline_done", |f, ids| {
        ok(f.set_deadline_done(ids.case, ids.deadline, true))
    }),
    ("change_case_status", |f, ids| {
        ok(f.change_case_status(ids.case, CaseStatus::Vorpruefung, "02.10.2026", ""))
    }),
    ("add_organisation", |f, _| {
        ok(f.add_organisation("Neue Stelle", "01.01.2026"))
    }),
    ("rename_organisation", |f, _| {
        ok(f.rename_organisation(1, "Umbenannt", "01.01.2026"))
    }),
    ("save_member", |f, _| {
        ok(f.save_member(
            None,
            &MemberDraft {
                name: "Neu".into(),
                kind: "mitglied".into(),
                organisation_id: Some(1),
                deputy_of: None,
                term_from: String::new(),
                term_to: String::new(),
            },
        ))
    }),
    ("save_office", |f, _| {
        ok(f.save_office(None, "Neue Behörde", true))
    }),
    ("plan_session", |f, _| {
        ok(f.plan_session(&SessionDraft {
            held_on: "01.12.2026".into(),
            start_time: "10:00".into(),
            place: "Potsdam".into(),
        }))
    }),
    ("update_session", |f, ids| {
        ok(f.update_session(
            ids.session,
            &SessionDraft {
                held_on: "02.12.2026".into(),
                start_time: "10:00".into(),
                place: "Potsdam".into(),
            },
        ))
    }),
    ("advance_session", |f, ids| {
        ok(f.advance_session(ids.session, SessionStatus::Einberufen, "01.10.2026"))
    }),
    ("schedule_case", |f, ids| {
        ok(f.schedule_case(ids.session, ids.case, None))
    }),
    ("add_free_item", |f, ids| {
        ok(f.add_free_item(ids.session, "Bericht"))
    }),
    ("move_agenda_item", |f, ids| {
        ok(f.move_agenda_item(ids.item, false))
    }),
    ("remove_agenda_item", |f, ids| {
        ok(f.remove_agenda_item(ids.item))
    }),
    ("set_rapporteur", |f, ids| {
        ok(f.set_rapporteur(ids.item, ids.member))
    }),
    ("record_attendance", |f, ids| {
        ok(f.record_attendance(ids.session, &[]))
    }),
    ("decide_item", |f, ids| {
        ok(f.decide_item(ids.item, &ItemDecisionDraft::default()))
    }),
    ("send_request", |f, ids| {
        ok(f.send_request(ids.case, "01.10.2026"))
    }),
    ("record_ministry_decision", |f, ids| {
        ok(f.record_ministry_decision(ids.case, &DecisionDraft::default()))
    }),
    ("set_permit_issued", |f, ids| {
        ok(f.set_permit_issued(ids.case, ids.person, ""))
    }),
    ("create_backup", |f, ids| {
        ok(f.create_backup(&std::path::Path::new(&ids.folder).join("s.hfksicherung")))
    }),
    ("backup_now", |f, _| ok(f.backup_now())),
];

/// Administrative functions: refused to everyone but the Verwaltung.
const ADMINISTRATIVE: &[Call] = &[
    ("set_idle_lock_minutes", |f, _| f.set_idle_lock_minutes(20)),
    ("set_expiry_warning_days", |f, _| {
        f.set_expiry_warning_days(20)
    }),
    ("set_majority_rule", |f, _| {
        f.set_majority_rule(MajorityRule::BRANDENBURG)
    }),
    ("set_backup_folder", |f, ids| {
        ok(f.set_backup_folder(&ids.folder))
    }),
    ("may_restore", |f, _| f.may_restore()),
    ("retention_overview", |f, _| ok(f.retention_overview())),
    ("set_retention_years", |f, _| ok(f.set_retention_years(3))),
    ("run_deletion", |f, ids| ok(f.run_deletion(&[ids.case]))),
    ("reveal_data_key", |f, _| ok(f.reveal_data_key())),
    ("set_commission", |f, _| {
        let commission = f.commission()?;
        ok(f.set_commission(&commission))
    }),
    ("set_setting_from_text", |f, _| {
        ok(f.set_setting_from_text("retention_years", "3"))
    }),
    ("settings_as_text", |f, _| ok(f.settings_as_text())),
    ("add_user", |f, _| {
        ok(f.add_user("Dritte", Role::Lesend, OTHER_PW, OTHER_PW))
    }),
    ("remove_user", |f, ids| f.remove_user(ids.user)),
    ("reset_password", |f, ids| {
        f.reset_password(ids.user, OTHER_PW, OTHER_PW)
    }),
    ("fill_with_sample_cases", |f, _| {
        f.fill_with_sample_cases(1, 1)
    }),
    ("replace_admissibility_criteria", |f, _| {
        let list = f.admissibility_criteria()?;
        f.replace_admissibility_criteria(&list)
    }),
];

#[test]
fn a_reader_is_refused_every_write_and_a_clerk_every_administrative_one() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths).unwrap();
    let mut admin = CaseFile::unlock(&lock, ADMIN, PASSWORD).unwrap();
    let member = admin
        .member_register()
        .unwrap()
        .members
        .iter()
        .find(|m| m.kind == MemberKind::Integrationsbeauftragte)
        .unwrap()
        .id;
    let case = admin
        .create_case(&CaseDraft {
            received_on: "01.10.2026".into(),
            brought_by: Some(member),
            brought_in_on: "01.10.2026".into(),
            ..CaseDraft::default()
        })
        .unwrap();
    let with_person = admin
        .save_person(
            case.id,
            None,
            &PersonDraft {
                family_role: "hauptperson".into(),
                family_name: "Ćosić".into(),
                given_names: "Đorđe".into(),
                sex: "maennlich".into(),
                nationality: "RS".into(),
                ..PersonDraft::default()
            },
        )
        .unwrap();
    let with_ground = admin
        .save_ground(
            case.id,
            None,
            &GroundDraft {
                kind: "haertegrund".into(),
                code: "sprache".into(),
                description: "B2".into(),
                evidence: String::new(),
            },
        )
        .unwrap();
    let with_deadline = admin
        .save_deadline(
            case.id,
            None,
            &DeadlineDraft {
                due_on: "01.12.2026".into(),
                what: "Pass".into(),
            },
        )
        .unwrap();
    let session = admin
        .plan_session(&SessionDraft {
            held_on: "01.12.2026".into(),
            start_time: "10:00".into(),
            place: "Potsdam".into(),
        })
        .unwrap();
    let session = admin.add_free_item(session.id, "Niederschrift").unwrap();
    let reader = admin
        .add_user(READER, Role::Lesend, OTHER_PW, OTHER_PW)
        .unwrap()
        .id;
    admin
        .add_user(CLERK, Role::Geschaeftsstelle, OTHER_PW, OTHER_PW)
        .unwrap();
    let folder = dir.path().join("sicherungen");
    std::fs::create_dir(&folder).unwrap();
    admin.set_backup_folder(folder.to_str().unwrap()).unwrap();
    let ids = Ids {
        case: case.id,
        person: with_person.persons[0].id,
        ground: with_ground.grounds[0].id,
        deadline: with_deadline.deadlines[0].id,
        member,
        session: session.id,
        item: session.items[0].id,
        user: reader,
        folder: folder.display().to_string(),
    };
    let rows_before = admin.verify_audit_chain().unwrap().rows;
    drop(admin);

    let mut as_reader = CaseFile::unlock(&lock, READER, OTHER_PW).unwrap();
    for (name, call) in WRITES.iter().chain(ADMINISTRATIVE) {
        let refused = call(&mut as_reader, &ids).err().map(|e| e.code());
        assert_eq!(refused, Some(ErrorCode::PermissionDenied), "Lesend: {name}");
    }
    // The key change consumes the open file; a refusal hands it back untouched.
    let refused = as_reader.rekey(OTHER_PW).unwrap_err();
    assert_eq!(
        refused.error.code(),
        ErrorCode::PermissionDenied,
        "Lesend: rekey"
    );
    let as_reader = refused
        .file
        .expect("a refused key change keeps the file open");
    // Only the reader's own sign-in was written.
    assert_eq!(
        as_reader.verify_audit_chain().unwrap().rows,
        rows_before + 1
    );
    drop(as_reader);

    let mut as_clerk = CaseFile::unlock(&lock, CLERK, OTHER_PW).unwrap();
    for (name, call) in ADMINISTRATIVE {
        let refused = call(&mut as_clerk, &ids).err().map(|e| e.code());
        assert_eq!(
            refused,
            Some(ErrorCode::PermissionDenied),
            "Geschäftsstelle: {name}"
        );
    }
    let refused = as_clerk.rekey(OTHER_PW).unwrap_err();
    assert_eq!(
        refused.error.code(),
        ErrorCode::PermissionDenied,
        "Geschäftsstelle: rekey"
    );
    let mut as_clerk = refused
        .file
        .expect("a refused key change keeps the file open");
    // The Geschäftsstelle does case work.
    (WRITES[0].1)(&mut as_clerk, &ids).unwrap();
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
    (WRITES.last().unwrap().1)(&mut as_clerk, &ids).unwrap();
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);
}
