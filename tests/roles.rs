//! Roles: every writing function of the core, called by a read-only user (Lesend), is refused
//! with PermissionDenied and changes nothing; the administrative ones are refused to the
//! Geschäftsstelle too. A hidden button is not a permission. Each call is then made once by
//! the administration and must succeed, so that a refusal means the role, not the arguments.

mod common;

use hfk_akte::domain::attachment::AttachmentDraft;
use hfk_akte::store::attachments::changes::ChosenFile;

use common::session_day::SessionDay;
use hfk_akte::domain::admissibility::AdmissibilityDraft;
use hfk_akte::domain::case::{AbhStatementDraft, CaseDraft};
use hfk_akte::domain::deadline::DeadlineDraft;
use hfk_akte::domain::grounds::GroundDraft;
use hfk_akte::domain::import::fields::{suggest, Mapping};
use hfk_akte::domain::import::ImportList;
use hfk_akte::domain::majority::MajorityRule;
use hfk_akte::domain::member::MemberDraft;
use hfk_akte::domain::ministry::DecisionDraft;
use hfk_akte::domain::person::PersonDraft;
use hfk_akte::domain::session::{SessionDraft, SessionStatus};
use hfk_akte::domain::user::Role;
use hfk_akte::domain::voting::MinistryDecision;
use hfk_akte::domain::workflow::CaseStatus;
use hfk_akte::store::cases::page::CaseDetail;
use hfk_akte::store::sessions::page::SessionDetail;
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

/// One object per call that changes state, each in the state its call accepts.
struct Ids {
    member: u32,
    /// Received, with a person, a ground and a deadline.
    case: u32,
    person: u32,
    ground: u32,
    deadline: u32,
    /// Received, for the admissibility check.
    unchecked: u32,
    /// Received, for a move by hand.
    movable: u32,
    /// Admitted, for the agenda.
    admitted: u32,
    /// Planned, with three free items and a case item.
    session: u32,
    items: [u32; 3],
    case_item: u32,
    /// Planned with one item, to be called.
    callable: u32,
    /// Called for today, everyone present at the vote.
    day: SessionDay,
    day_session: u32,
    day_item: u32,
    /// Decided for a request, not yet sent.
    decided: u32,
    /// With the ministry.
    at_ministry: u32,
    /// Ordered by the ministry, with the person whose permit is recorded.
    ordered: u32,
    ordered_person: u32,
    /// Closed five years ago: due for deletion.
    due: u32,
    user: u32,
    other_user: u32,
    folder: String,
    /// Documents of `case`: one to describe and replace, one to remove.
    attachment: u32,
    removable: u32,
}

fn ok<T>(r: hfk_akte::Result<T>) -> hfk_akte::Result<()> {
    r.map(|_| ())
}

fn anordnung() -> DecisionDraft {
    DecisionDraft {
        decision: Some(MinistryDecision::Anordnung),
        decided_on: "10.12.2026".into(),
        conditions: String::new(),
        reasons: String::new(),
    }
}

/// Every function that writes, with arguments that succeed for the administration.
/// A small document whose content differs by `text`.
fn document(text: &str) -> ChosenFile {
    ChosenFile {
        file_name: format!("{text}.pdf"),
        content: format!("%PDF-1.4\n% {text}\n%%EOF\n").into_bytes(),
    }
}

fn document_draft() -> AttachmentDraft {
    AttachmentDraft {
        kind: "nachweis".into(),
        received_on: "01.10.2026".into(),
        ..AttachmentDraft::default()
    }
}

const WRITES: &[Call] = &[
    ("add_attachment", |f, ids| {
        // Called by several roles: each time another file (the same one twice is refused).
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        ok(f.add_attachment(
            ids.case,
            &document(&format!("neu {nanos}")),
            &document_draft(),
        ))
    }),
    ("update_attachment", |f, ids| {
        ok(f.update_attachment(ids.attachment, &document_draft()))
    }),
    ("replace_attachment", |f, ids| {
        ok(f.replace_attachment(
            ids.attachment,
            &document("zweite Fassung"),
            &document_draft(),
        ))
    }),
    ("remove_attachment", |f, ids| {
        f.remove_attachment(ids.removable, "doppelt")
    }),
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
        let answers = common::no_exclusion(f);
        ok(f.record_admissibility(
            ids.unchecked,
            &AdmissibilityDraft {
                answers,
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
        ok(f.change_case_status(ids.movable, CaseStatus::Vorpruefung, "02.10.2026", ""))
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
                // A former member: no seat in today's session.
                term_from: "01.01.2020".into(),
                term_to: "31.12.2020".into(),
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
        ok(f.advance_session(ids.callable, SessionStatus::Einberufen, "10.12.2026"))
    }),
    ("schedule_case", |f, ids| {
        ok(f.schedule_case(ids.session, ids.admitted, None))
    }),
    ("add_free_item", |f, ids| {
        ok(f.add_free_item(ids.session, "Bericht"))
    }),
    ("move_agenda_item", |f, ids| {
        ok(f.move_agenda_item(ids.items[2], true))
    }),
    ("remove_agenda_item", |f, ids| {
        ok(f.remove_agenda_item(ids.items[0]))
    }),
    ("set_rapporteur", |f, ids| {
        ok(f.set_rapporteur(ids.case_item, ids.day.members[0]))
    }),
    ("record_attendance", |f, ids| {
        ok(f.record_attendance(ids.day_session, &ids.day.everyone_present()))
    }),
    ("decide_item", |f, ids| {
        ok(f.decide_item(ids.day_item, &ids.day.unanimous_request()))
    }),
    ("send_request", |f, ids| {
        ok(f.send_request(ids.decided, "10.12.2026"))
    }),
    ("record_ministry_decision", |f, ids| {
        ok(f.record_ministry_decision(ids.at_ministry, &anordnung()))
    }),
    ("set_permit_issued", |f, ids| {
        ok(f.set_permit_issued(ids.ordered, ids.ordered_person, "10.12.2026"))
    }),
    ("set_copy_password", |f, ids| {
        f.set_copy_password(ids.day.members[0], "Kopie-Uckermark-Barnim-2026")
    }),
    ("declare_advance_recusal", |f, ids| {
        ok(f.declare_advance_recusal(ids.case_item, ids.day.members[0]))
    }),
    ("withdraw_advance_recusal", |f, ids| {
        ok(f.withdraw_advance_recusal(ids.case_item, ids.day.members[0]))
    }),
    ("make_member_copies", |f, ids| {
        let folder = std::path::Path::new(&ids.folder);
        ok(f.make_member_copies(ids.session, &[ids.day.members[0]], folder, |_, _| {}))
    }),
    ("settle_member_copy", |f, _| {
        ok(f.settle_member_copy(1, hfk_akte::domain::member_copy::Settlement::Rueckgabe))
    }),
    ("set_member_address", |f, ids| {
        f.set_member_address(ids.member, "Lindenallee 1\n14467 Potsdam")
    }),
    ("set_office_address", |f, _| {
        let office = f.offices()?[0].id;
        f.set_office_address(
            office,
            "Landkreis\nAusländerbehörde\nAm Markt 1\n16225 Eberswalde",
        )
    }),
    ("set_counsel_address", |f, ids| {
        f.set_counsel_address(ids.case, "Straße der Jugend 33\n03046 Cottbus")
    }),
    ("write_case_letter", |f, ids| {
        let choice = hfk_akte::report::letters::LetterChoice {
            kind: hfk_akte::domain::letter_kind::LetterKind::Eingangsbestaetigung,
            addressee: hfk_akte::domain::letter_kind::Addressee::Einbringer,
            reply_by: String::new(),
        };
        // Composed as the admin would see it; the reader's write is refused all the same.
        let mut sheet = f.compose_case_letter(ids.case, &choice)?;
        sheet.recipient = vec![
            "Empfängerin".into(),
            "Lindenallee 1".into(),
            "14467 Potsdam".into(),
        ];
        ok(f.write_case_letter(ids.case, &choice, &sheet))
    }),
    ("write_invitations", |f, ids| {
        // Beside the backup folder, which the test expects to hold only backups.
        let folder = std::path::Path::new(&ids.folder)
            .parent()
            .unwrap()
            .join("einladungen");
        std::fs::create_dir_all(&folder).unwrap();
        let request = hfk_akte::report::letters::invitations::InvitationRequest {
            agenda: hfk_akte::report::agenda::AgendaVariant::Weitergabe,
            reply_by: "15.12.2026".into(),
            combined: true,
        };
        ok(f.write_invitations(ids.callable, &request, &folder, |_, _| {}))
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
    ("run_deletion", |f, ids| ok(f.run_deletion(&[ids.due]))),
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
        f.reset_password(ids.other_user, OTHER_PW, OTHER_PW)
    }),
    ("fill_with_sample_cases", |f, _| {
        f.fill_with_sample_cases(1, 1)
    }),
    ("set_letter_template", |f, _| {
        ok(f.set_letter_template(hfk_akte::domain::letter_kind::LetterKind::Ergebnis, None))
    }),
    ("set_letter_frame", |f, _| {
        let frame = f.letter_frame()?;
        ok(f.set_letter_frame(&frame))
    }),
    ("import_dry_run", |f, ids| {
        let (list, mapping) = old_list(ids);
        ok(f.import_dry_run(&list, &mapping))
    }),
    ("apply_import", |f, ids| {
        let (list, mapping) = old_list(ids);
        ok(f.apply_import(&list, &mapping))
    }),
    ("save_import_mapping", |f, ids| {
        f.save_import_mapping(&old_list(ids).1)
    }),
    ("export_import_report", |f, ids| {
        let (list, mapping) = old_list(ids);
        // Beside the backup folder, which the test expects to hold only backups.
        let folder = std::path::Path::new(&ids.folder).parent().unwrap();
        let target = folder.join("Probelauf.csv");
        ok(f.export_import_report(&list, &mapping, &target))
    }),
    ("replace_admissibility_criteria", |f, _| {
        let list = f.admissibility_criteria()?;
        f.replace_admissibility_criteria(&list)
    }),
];

/// An old list of one row, every case brought in by the fixture's member.
fn old_list(ids: &Ids) -> (ImportList, Mapping) {
    let list = ImportList::read(
        "alt.csv",
        "Name;Eingang\nWeiß, Ida;01.03.2019\n".as_bytes(),
        None,
    )
    .unwrap();
    let mut mapping = suggest(&list.table.headings);
    mapping.mitglied_fuer_alle = Some(ids.member);
    (list, mapping)
}

/// A received case with a person, a ground and a deadline.
fn received_case(f: &mut CaseFile, member: u32) -> CaseDetail {
    let case = f
        .create_case(&CaseDraft {
            received_on: "01.10.2026".into(),
            brought_by: Some(member),
            brought_in_on: "01.10.2026".into(),
            ..CaseDraft::default()
        })
        .unwrap();
    f.save_person(
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
    .unwrap()
}

fn item_of(session: &SessionDetail, case: u32) -> u32 {
    session
        .items
        .iter()
        .find(|i| i.case_id == Some(case))
        .unwrap()
        .id
}

fn fixture(f: &mut CaseFile, folder: String) -> Ids {
    let day = SessionDay::new(f);
    let member = day.integrationsbeauftragte;
    let case = received_case(f, member).id;
    let ground = f
        .save_ground(
            case,
            None,
            &GroundDraft {
                kind: "haertegrund".into(),
                code: "sprache".into(),
                description: "B2".into(),
                evidence: String::new(),
            },
        )
        .unwrap()
        .grounds[0]
        .id;
    let with_deadline = f
        .save_deadline(
            case,
            None,
            &DeadlineDraft {
                due_on: "01.12.2026".into(),
                what: "Pass".into(),
            },
        )
        .unwrap();
    let session = f
        .plan_session(&SessionDraft {
            held_on: "20.12.2026".into(),
            start_time: "10:00".into(),
            place: "Potsdam".into(),
        })
        .unwrap()
        .id;
    for title in ["Bericht A", "Bericht B", "Bericht C"] {
        f.add_free_item(session, title).unwrap();
    }
    let on_agenda = day.admitted_case(f, "Haddad");
    let planned = f.schedule_case(session, on_agenda, None).unwrap();
    let items = [
        planned.items[0].id,
        planned.items[1].id,
        planned.items[2].id,
    ];
    let case_item = item_of(&planned, on_agenda);
    let callable = f
        .plan_session(&SessionDraft {
            held_on: "21.12.2026".into(),
            start_time: "10:00".into(),
            place: "Cottbus".into(),
        })
        .unwrap()
        .id;
    f.add_free_item(callable, "Bericht").unwrap();

    // Today's session: the vote is the administration's to record; the other cases of the
    // fixture are decided in a session of their own.
    let day_session = day.called_today(f, false);
    let day_item = day.new_item(f, day_session);
    let deciding = day.called_today(f, true);
    let decided_item = day.new_item(f, deciding);
    let decided = f
        .decide_item(decided_item, &day.unanimous_request())
        .unwrap()
        .items
        .iter()
        .find(|i| i.id == decided_item)
        .unwrap()
        .case_id
        .unwrap();
    let at_ministry = day.case_with_the_ministry(f, deciding);
    let ordered = day.case_with_the_ministry(f, deciding);
    let ordered_person = f
        .record_ministry_decision(ordered, &anordnung())
        .unwrap()
        .persons[0]
        .id;
    let due = f
        .create_case(&CaseDraft {
            received_on: "01.10.2020".into(),
            brought_by: Some(member),
            brought_in_on: "01.10.2020".into(),
            ..CaseDraft::default()
        })
        .unwrap()
        .id;
    f.change_case_status(due, CaseStatus::Zurueckgenommen, "01.10.2021", "Rücknahme")
        .unwrap();
    let user = f
        .add_user(READER, Role::Lesend, OTHER_PW, OTHER_PW)
        .unwrap()
        .id;
    let other_user = f
        .add_user("Vierte", Role::Lesend, OTHER_PW, OTHER_PW)
        .unwrap()
        .id;
    f.add_user(CLERK, Role::Geschaeftsstelle, OTHER_PW, OTHER_PW)
        .unwrap();
    f.set_backup_folder(&folder).unwrap();
    // Everyone in office has an address, for the invitations.
    for m in f.member_register().unwrap().members {
        f.set_member_address(m.id, "Lindenallee 1\n14467 Potsdam")
            .unwrap();
    }
    Ids {
        member,
        case,
        person: with_deadline.persons[0].id,
        ground,
        deadline: with_deadline.deadlines[0].id,
        unchecked: received_case(f, member).id,
        movable: received_case(f, member).id,
        admitted: day.admitted_case(f, "Nowak"),
        session,
        items,
        case_item,
        callable,
        day,
        day_session,
        day_item,
        decided,
        at_ministry,
        ordered,
        ordered_person,
        due,
        user,
        other_user,
        folder,
        attachment: f
            .add_attachment(case, &document("erste"), &document_draft())
            .unwrap()
            .id,
        removable: f
            .add_attachment(case, &document("zu entfernen"), &document_draft())
            .unwrap()
            .id,
    }
}

#[test]
fn a_reader_is_refused_every_write_and_a_clerk_every_administrative_one() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths).unwrap();
    let mut admin = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let folder = dir.path().join("sicherungen");
    std::fs::create_dir(&folder).unwrap();
    let ids = fixture(&mut admin, folder.display().to_string());
    drop(admin);

    let mut as_reader = common::take_over(&lock, READER, OTHER_PW);
    let rows_before = as_reader.verify_audit_chain().unwrap().rows;
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
    // No refusal wrote anything.
    assert_eq!(as_reader.verify_audit_chain().unwrap().rows, rows_before);
    drop(as_reader);

    let mut as_clerk = common::take_over(&lock, CLERK, OTHER_PW);
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
    drop(as_clerk);

    // The premise: with these arguments, each call succeeds for the administration (the
    // clerk's backup is moved away first, so that today's name is free again).
    for entry in std::fs::read_dir(&folder).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let mut admin = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    for (name, call) in WRITES.iter().chain(ADMINISTRATIVE) {
        if let Err(e) = call(&mut admin, &ids) {
            panic!("Verwaltung: {name} failed, so its refusal proves nothing: {e}");
        }
    }
    let (_admin, _) = admin.rekey(PASSWORD).expect("Verwaltung: rekey");
}
