//! The session cycle through the core's public API: planning, the agenda, attendance, votes
//! and outcomes, the request to the ministry and its decision; the bad input the issue names.

mod common;

use chrono::{Datelike, Days};
use hfk_akte::domain::admissibility::{AdmissibilityDraft, CheckAnswer};
use hfk_akte::domain::attendance::{Attendance, AttendanceEntry};
use hfk_akte::domain::case::CaseDraft;
use hfk_akte::domain::majority::{Majority, MajorityRule};
use hfk_akte::domain::member::{MemberDraft, MemberKind};
use hfk_akte::domain::ministry::DecisionDraft;
use hfk_akte::domain::person::PersonDraft;
use hfk_akte::domain::session::{SessionDraft, SessionStatus};
use hfk_akte::domain::user::Role;
use hfk_akte::domain::voting::{Ballot, MinistryDecision, Outcome, Vote};
use hfk_akte::domain::workflow::CaseStatus;
use hfk_akte::store::sessions::decisions::ItemDecisionDraft;
use hfk_akte::store::sessions::page::{RecusedSeat, SessionDetail};
use hfk_akte::store::CaseFile;
use hfk_akte::store::InstanceLock;
use hfk_akte::ErrorCode;

const ADMIN: &str = "Andrea-Maria Petrlić-Woelke";
const ADMIN_PW: &str = "Kiefernwald-Uckermark-Fähre-42";

struct Fixture {
    _dir: tempfile::TempDir,
    _lock: InstanceLock,
    file: CaseFile,
    /// Voting members A, B, C; D is C's deputy, E is A's deputy.
    a: u32,
    b: u32,
    c: u32,
    d: u32,
    e: u32,
    ib: u32,
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

fn member(file: &mut CaseFile, name: &str, kind: &str, deputy_of: Option<u32>) -> u32 {
    let org = file.member_register().unwrap().organisations[0].id;
    file.save_member(
        None,
        &MemberDraft {
            name: name.into(),
            kind: kind.into(),
            organisation_id: Some(org),
            deputy_of,
            term_from: "01.01.2024".into(),
            term_to: String::new(),
        },
    )
    .unwrap()
}

fn setup() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, ADMIN_PW);
    let lock = InstanceLock::acquire(paths).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, ADMIN_PW);
    let a = member(&mut file, "Đorđe Ćosić", "mitglied", None);
    let b = member(&mut file, "Şükrü Güneş", "mitglied", None);
    let c = member(&mut file, "Мария Иванова", "mitglied", None);
    let d = member(
        &mut file,
        "Dana Stellvertreterin",
        "stellvertretung",
        Some(c),
    );
    let e = member(&mut file, "Emil Stellvertreter", "stellvertretung", Some(a));
    let ib = file
        .member_register()
        .unwrap()
        .members
        .iter()
        .find(|m| m.kind == MemberKind::Integrationsbeauftragte)
        .unwrap()
        .id;
    Fixture {
        _dir: dir,
        _lock: lock,
        file,
        a,
        b,
        c,
        d,
        e,
        ib,
    }
}

/// A case with one person, brought in by `by`; admitted unless `admitted` is false.
fn case(file: &mut CaseFile, by: u32, family: &str, admitted: bool) -> u32 {
    let created = file
        .create_case(&CaseDraft {
            received_on: days_ago(30),
            brought_by: Some(by),
            brought_in_on: days_ago(29),
            consent_on_file: false,
            ..CaseDraft::default()
        })
        .unwrap();
    file.save_person(
        created.id,
        None,
        &PersonDraft {
            family_role: "hauptperson".into(),
            family_name: family.into(),
            given_names: "Amina".into(),
            birth_date: "01.02.1990".into(),
            nationality: "SY".into(),
            sex: "weiblich".into(),
            ..PersonDraft::default()
        },
    )
    .unwrap();
    if admitted {
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
            created.id,
            &AdmissibilityDraft {
                answers,
                result: "angenommen".into(),
                ground_code: String::new(),
                reasoning: String::new(),
                decided_on: days_ago(2),
            },
        )
        .unwrap();
    }
    created.id
}

fn plan_today(file: &mut CaseFile) -> SessionDetail {
    file.plan_session(&SessionDraft {
        held_on: typed(today()),
        start_time: "10:00".into(),
        place: "Potsdam, MIK, Henning-von-Tresckow-Str. 9–13".into(),
    })
    .unwrap()
}

fn status(file: &mut CaseFile, case_id: u32) -> CaseStatus {
    file.open_case(case_id).unwrap().status
}

fn ballot(member_id: u32, vote: Option<Vote>) -> Ballot {
    Ballot {
        member_id,
        recused: false,
        stand_in_id: None,
        vote,
    }
}

fn attend(fx: &Fixture) -> Vec<AttendanceEntry> {
    vec![
        AttendanceEntry {
            member_id: fx.a,
            attendance: Attendance::Anwesend,
            deputy_id: None,
        },
        AttendanceEntry {
            member_id: fx.b,
            attendance: Attendance::Anwesend,
            deputy_id: None,
        },
        AttendanceEntry {
            member_id: fx.c,
            attendance: Attendance::Vertreten,
            deputy_id: Some(fx.d),
        },
    ]
}

fn message<T: std::fmt::Debug>(r: hfk_akte::Result<T>) -> String {
    r.expect_err("expected an error").to_string()
}

#[test]
fn a_session_from_planning_to_the_ministrys_order() {
    let mut fx = setup();
    let first = case(&mut fx.file, fx.ib, "Petrlić-Woelke", true);
    let second = case(&mut fx.file, fx.a, "Güneş", true);
    let third = case(&mut fx.file, fx.b, "Ćosić", true);
    let not_admitted = case(&mut fx.file, fx.b, "Haddad", false);

    let session = plan_today(&mut fx.file);
    assert_eq!(session.number, format!("1/{}", today().year()));
    assert_eq!(session.status, SessionStatus::Geplant);
    assert_eq!(session.schedulable.len(), 3);

    // Only admitted cases go on the agenda.
    let err = message(fx.file.schedule_case(session.id, not_admitted, None));
    assert!(err.contains("nur angenommene Fälle"), "{err}");

    fx.file
        .add_free_item(
            session.id,
            "Genehmigung der Niederschrift der letzten Sitzung",
        )
        .unwrap();
    for id in [first, second, third] {
        fx.file.schedule_case(session.id, id, None).unwrap();
        assert_eq!(status(&mut fx.file, id), CaseStatus::Terminiert);
    }
    let s = fx.file.session(session.id).unwrap();
    assert_eq!(s.items.len(), 4);
    assert!(s.schedulable.is_empty());
    // The rapporteur is the member who brought the case in.
    assert_eq!(s.items[1].rapporteur_id, Some(fx.ib));
    assert_eq!(s.items[2].rapporteur_id, Some(fx.a));

    // Reordering renumbers while planned.
    let moved = fx.file.move_agenda_item(s.items[3].id, true).unwrap();
    let labels: Vec<(&str, Option<&str>)> = moved
        .items
        .iter()
        .map(|i| (i.label.as_str(), i.case_number.as_deref()))
        .collect();
    assert_eq!(labels[2].0, "TOP 3");
    assert_eq!(moved.items[2].case_id, Some(third));
    fx.file.set_rapporteur(moved.items[2].id, fx.c).unwrap();

    // Convening freezes the numbers; a late item is a Tischvorlage and nothing moves.
    let called = fx
        .file
        .advance_session(session.id, SessionStatus::Einberufen, &typed(today()))
        .unwrap();
    assert_eq!(called.status, SessionStatus::Einberufen);
    let err = message(fx.file.move_agenda_item(called.items[1].id, true));
    assert!(err.contains("Tischvorlage"), "{err}");
    let late = fx
        .file
        .add_free_item(session.id, "Bericht der Geschäftsstelle")
        .unwrap();
    assert_eq!(late.items[4].label, "TOP 5 (Tischvorlage)");
    assert_eq!(late.items[0].label, "TOP 1");
    // A frozen item stays; the late one may go again.
    assert!(fx.file.remove_agenda_item(late.items[1].id).is_err());
    fx.file.remove_agenda_item(late.items[4].id).unwrap();

    // Attendance with one deputy; the quorum is shown.
    let s = fx.file.record_attendance(session.id, &attend(&fx)).unwrap();
    assert_eq!(
        (s.quorum.present, s.quorum.seats, s.quorum.reached),
        (3, 3, true)
    );
    assert_eq!(
        s.seats
            .iter()
            .find(|x| x.member_id == fx.c)
            .unwrap()
            .sitting
            .as_deref(),
        Some("Dana Stellvertreterin (Stellvertretung)")
    );

    let item = |s: &SessionDetail, case_id: u32| {
        s.items
            .iter()
            .find(|i| i.case_id == Some(case_id))
            .unwrap()
            .id
    };
    // Ersuchen: two of three seats is two thirds.
    let decided = fx
        .file
        .decide_item(
            item(&s, first),
            &ItemDecisionDraft {
                ballots: vec![
                    ballot(fx.a, Some(Vote::Ja)),
                    ballot(fx.b, Some(Vote::Nein)),
                    ballot(fx.c, Some(Vote::Ja)),
                ],
                outcome: Some(Outcome::Ersuchen),
                reasons: "Lange Aufenthaltsdauer, Kinder in Ausbildung.".into(),
            },
        )
        .unwrap();
    let first_item = decided
        .items
        .iter()
        .find(|i| i.case_id == Some(first))
        .unwrap();
    assert_eq!(
        (first_item.yes, first_item.no, first_item.needed),
        (Some(2), Some(1), Some(2))
    );
    assert_eq!(status(&mut fx.file, first), CaseStatus::Beraten);

    // Kein Ersuchen, with a recusal: A is biased on the case A brought in.
    fx.file
        .decide_item(
            item(&s, second),
            &ItemDecisionDraft {
                ballots: vec![
                    Ballot {
                        member_id: fx.a,
                        recused: true,
                        stand_in_id: None,
                        vote: None,
                    },
                    ballot(fx.b, Some(Vote::Nein)),
                    ballot(fx.c, Some(Vote::Ja)),
                ],
                outcome: Some(Outcome::KeinErsuchen),
                reasons: String::new(),
            },
        )
        .unwrap();
    assert_eq!(status(&mut fx.file, second), CaseStatus::Abgeschlossen);

    // Vertagt: back to admitted, ready for the next session.
    fx.file
        .decide_item(
            item(&s, third),
            &ItemDecisionDraft {
                ballots: vec![],
                outcome: Some(Outcome::Vertagt),
                reasons: "Stellungnahme der ABH fehlt noch.".into(),
            },
        )
        .unwrap();
    assert_eq!(status(&mut fx.file, third), CaseStatus::Angenommen);
    let next = fx
        .file
        .plan_session(&SessionDraft {
            held_on: typed(today() + Days::new(30)),
            start_time: "10:00".into(),
            place: "Potsdam".into(),
        })
        .unwrap();
    // 30 days after 10.12.2026 is in 2027: the numbering starts again.
    assert_eq!(next.number, "1/2027");
    assert_eq!(
        next.schedulable.iter().map(|c| c.id).collect::<Vec<_>>(),
        [third]
    );
    let third_detail = fx.file.open_case(third).unwrap();
    assert_eq!(third_detail.deliberations.len(), 1);
    assert_eq!(
        third_detail.deliberations[0].outcome,
        Some(Outcome::Vertagt)
    );

    // The session is held, then its minutes approved.
    let held = fx
        .file
        .advance_session(session.id, SessionStatus::Durchgefuehrt, &typed(today()))
        .unwrap();
    assert_eq!(held.status, SessionStatus::Durchgefuehrt);
    fx.file
        .advance_session(
            session.id,
            SessionStatus::NiederschriftGenehmigt,
            &typed(today()),
        )
        .unwrap();
    assert!(fx.file.add_free_item(session.id, "Nachtrag").is_err());

    // The request goes to the ministry; its decision cannot predate it.
    let detail = fx.file.open_case(first).unwrap();
    assert!(detail.ministry.may_send_request);
    fx.file.send_request(first, &typed(today())).unwrap();
    assert_eq!(status(&mut fx.file, first), CaseStatus::BeimMinisterium);
    let err = message(fx.file.record_ministry_decision(
        first,
        &DecisionDraft {
            decision: Some(MinistryDecision::Anordnung),
            decided_on: days_ago(1),
            conditions: String::new(),
            reasons: String::new(),
        },
    ));
    assert!(err.starts_with("Entschieden am:"), "{err}");
    assert_eq!(status(&mut fx.file, first), CaseStatus::BeimMinisterium);
    let closed = fx
        .file
        .record_ministry_decision(
            first,
            &DecisionDraft {
                decision: Some(MinistryDecision::Anordnung),
                decided_on: typed(today()),
                conditions: "Lebensunterhalt sichern\nPass vorlegen".into(),
                reasons: String::new(),
            },
        )
        .unwrap();
    assert_eq!(closed.status, CaseStatus::Abgeschlossen);
    assert_eq!(
        closed.ministry.conditions,
        ["Lebensunterhalt sichern", "Pass vorlegen"]
    );
    let person = closed.persons[0].id;
    let with_permit = fx
        .file
        .set_permit_issued(first, person, &typed(today()))
        .unwrap();
    assert_eq!(with_permit.persons[0].permit_issued_on, Some(today()));

    // The case's history tells the whole story, and the chain holds.
    let titles: Vec<String> = with_permit
        .history
        .iter()
        .map(|h| h.title.clone())
        .collect();
    for expected in [
        "Angenommen → Terminiert",
        "Terminiert → Beraten",
        "Beraten → Beim Ministerium",
        "Beim Ministerium → Abgeschlossen",
        "Auf die Tagesordnung gesetzt",
        "In der Sitzung beraten",
        "Entscheidung des Ministeriums erfasst",
    ] {
        assert!(
            titles.iter().any(|t| t == expected),
            "history lacks {expected}: {titles:?}"
        );
    }
    assert!(fx.file.verify_audit_chain().unwrap().first_broken.is_none());
}

#[test]
fn bad_votes_and_attendance_are_refused_and_nothing_is_stored() {
    let mut fx = setup();
    let id = case(&mut fx.file, fx.ib, "Petrlić-Woelke", true);
    let session = plan_today(&mut fx.file);
    let s = fx.file.schedule_case(session.id, id, None).unwrap();
    let item = s.items[0].id;
    let ersuchen = |ballots: Vec<Ballot>| ItemDecisionDraft {
        ballots,
        outcome: Some(Outcome::Ersuchen),
        reasons: "Gründe".into(),
    };
    let all_yes = |fx: &Fixture| {
        vec![
            ballot(fx.a, Some(Vote::Ja)),
            ballot(fx.b, Some(Vote::Ja)),
            ballot(fx.c, Some(Vote::Ja)),
        ]
    };

    // Voting in a session that is not held (not even called).
    let err = message(fx.file.decide_item(item, &ersuchen(all_yes(&fx))));
    assert!(err.contains("die nicht stattfindet"), "{err}");
    // Attendance before the invitation is refused as well.
    assert!(fx.file.record_attendance(session.id, &attend(&fx)).is_err());

    fx.file
        .advance_session(session.id, SessionStatus::Einberufen, &typed(today()))
        .unwrap();

    // A deputy standing in while their member is present.
    let mut wrong = attend(&fx);
    wrong[0] = AttendanceEntry {
        member_id: fx.a,
        attendance: Attendance::Anwesend,
        deputy_id: Some(fx.e),
    };
    let err = message(fx.file.record_attendance(session.id, &wrong));
    assert!(err.contains("nur teil, wenn Đorđe Ćosić fehlt"), "{err}");
    // A deputy standing in for someone else's seat.
    let mut wrong = attend(&fx);
    wrong[1] = AttendanceEntry {
        member_id: fx.b,
        attendance: Attendance::Vertreten,
        deputy_id: Some(fx.d),
    };
    let err = message(fx.file.record_attendance(session.id, &wrong));
    assert!(
        err.contains("nicht die Stellvertretung von Şükrü Güneş"),
        "{err}"
    );
    assert!(!fx.file.session(session.id).unwrap().attendance_recorded);

    // B is absent this time.
    let mut present = attend(&fx);
    present[1].attendance = Attendance::Abwesend;
    fx.file.record_attendance(session.id, &present).unwrap();

    // A member voting twice.
    let err = message(fx.file.decide_item(
        item,
        &ersuchen(vec![
            ballot(fx.a, Some(Vote::Ja)),
            ballot(fx.a, Some(Vote::Ja)),
        ]),
    ));
    assert!(err.contains("Đorđe Ćosić hat bereits abgestimmt"), "{err}");
    // A recused member voting.
    let err = message(fx.file.decide_item(
        item,
        &ersuchen(vec![Ballot {
            member_id: fx.a,
            recused: true,
            stand_in_id: None,
            vote: Some(Vote::Ja),
        }]),
    ));
    assert!(err.contains("befangen"), "{err}");
    // An absent member voting: more votes than voters present.
    let err = message(fx.file.decide_item(item, &ersuchen(all_yes(&fx))));
    assert!(err.contains("nicht anwesend"), "{err}");
    // Two yes of three seats passes two thirds of the members; one yes does not.
    let err = message(fx.file.decide_item(
        item,
        &ersuchen(vec![
            ballot(fx.a, Some(Vote::Ja)),
            ballot(fx.c, Some(Vote::Nein)),
        ]),
    ));
    assert!(err.contains("nicht beschlossen"), "{err}");
    // An Ersuchen without reasons.
    let err = message(fx.file.decide_item(
        item,
        &ItemDecisionDraft {
            reasons: String::new(),
            ..ersuchen(vec![
                ballot(fx.a, Some(Vote::Ja)),
                ballot(fx.c, Some(Vote::Ja)),
            ])
        },
    ));
    assert!(err.starts_with("Begründung"), "{err}");

    // Nothing of it was stored: no vote or recusal row in the file itself.
    let s = fx.file.session(session.id).unwrap();
    assert!(s.items[0].outcome.is_none());
    assert!(s.items[0].recusals.is_empty());
    let raw = common::raw_connection(fx.file.paths(), ADMIN, ADMIN_PW);
    let rows: i64 = raw
        .query_row(
            "SELECT (SELECT count(*) FROM votes) + (SELECT count(*) FROM recusals)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, 0);
    drop(raw);
    assert_eq!(status(&mut fx.file, id), CaseStatus::Terminiert);

    // The preview counts what is typed without storing it.
    let preview = fx
        .file
        .preview_tally(
            item,
            &[ballot(fx.a, Some(Vote::Ja)), ballot(fx.c, Some(Vote::Ja))],
        )
        .unwrap();
    assert!(preview.passes);
    assert_eq!(preview.needed, 2);

    // The session cannot be closed while an item is open.
    let err = message(fx.file.advance_session(
        session.id,
        SessionStatus::Durchgefuehrt,
        &typed(today()),
    ));
    assert!(err.contains("Noch ohne Ergebnis: TOP 1"), "{err}");

    // A request for a case without an Ersuchen is refused.
    assert!(fx.file.send_request(id, &typed(today())).is_err());
}

#[test]
fn the_majority_rule_is_a_setting_of_the_file() {
    let mut fx = setup();
    assert_eq!(fx.file.majority_rule().unwrap(), MajorityRule::BRANDENBURG);
    let id = case(&mut fx.file, fx.ib, "Nowak", true);
    let session = plan_today(&mut fx.file);
    let s = fx.file.schedule_case(session.id, id, None).unwrap();
    fx.file
        .advance_session(session.id, SessionStatus::Einberufen, &typed(today()))
        .unwrap();
    let mut present = attend(&fx);
    present[1].attendance = Attendance::Abwesend;
    present[2] = AttendanceEntry {
        member_id: fx.c,
        attendance: Attendance::Abwesend,
        deputy_id: None,
    };
    // One of three seats filled: no quorum.
    let s2 = fx.file.record_attendance(session.id, &present).unwrap();
    assert!(!s2.quorum.reached);
    let err = message(fx.file.decide_item(
        s.items[0].id,
        &ItemDecisionDraft {
            ballots: vec![ballot(fx.a, Some(Vote::Ja))],
            outcome: Some(Outcome::Ersuchen),
            reasons: "Gründe".into(),
        },
    ));
    assert!(err.contains("nicht beschlussfähig"), "{err}");

    // Two present: two thirds of the members needs 2 yes, so one yes with one recusal fails;
    // two thirds of those present, where a recused member leaves the base, passes.
    let mut two = attend(&fx);
    two[1].attendance = Attendance::Abwesend;
    fx.file.record_attendance(session.id, &two).unwrap();
    let ballots = [
        Ballot {
            member_id: fx.a,
            recused: true,
            stand_in_id: None,
            vote: None,
        },
        ballot(fx.c, Some(Vote::Ja)),
    ];
    assert!(
        !fx.file
            .preview_tally(s.items[0].id, &ballots)
            .unwrap()
            .passes
    );
    let anwesende = MajorityRule {
        majority: Majority::ZweiDrittelAnwesende,
        recused_stay_in_base: false,
        deputy_votes_for_recused: false,
    };
    fx.file.set_majority_rule(anwesende).unwrap();
    assert!(
        fx.file
            .preview_tally(s.items[0].id, &ballots)
            .unwrap()
            .passes
    );
    assert_eq!(
        fx.file.session(session.id).unwrap().majority_rule,
        anwesende
    );

    // Only the administration sets the rule; a reader plans nothing.
    fx.file
        .add_user(
            "Leser",
            Role::Lesend,
            "Spreewald-Gurke-Oderbruch-17",
            "Spreewald-Gurke-Oderbruch-17",
        )
        .unwrap();
    drop(fx.file);
    let mut reader =
        common::unlock_on_fixed_day(&fx._lock, "Leser", "Spreewald-Gurke-Oderbruch-17");
    assert_eq!(
        reader
            .set_majority_rule(MajorityRule::BRANDENBURG)
            .unwrap_err()
            .code(),
        ErrorCode::PermissionDenied
    );
    assert_eq!(
        reader
            .plan_session(&SessionDraft {
                held_on: typed(today()),
                start_time: "10:00".into(),
                place: "Potsdam".into(),
            })
            .unwrap_err()
            .code(),
        ErrorCode::PermissionDenied
    );
    assert_eq!(
        reader.add_free_item(session.id, "x").unwrap_err().code(),
        ErrorCode::PermissionDenied
    );
}

#[test]
fn late_items_keep_their_numbers_and_decisions_freeze_attendance_and_date() {
    let mut fx = setup();
    let first = case(&mut fx.file, fx.ib, "Nowak", true);
    let session = plan_today(&mut fx.file);
    fx.file.schedule_case(session.id, first, None).unwrap();
    fx.file
        .advance_session(session.id, SessionStatus::Einberufen, &typed(today()))
        .unwrap();
    // Two late items: TOP 2 and TOP 3. Removing TOP 2 does not renumber TOP 3.
    fx.file.add_free_item(session.id, "Bericht A").unwrap();
    let s = fx.file.add_free_item(session.id, "Bericht B").unwrap();
    assert_eq!(s.items[1].label, "TOP 2 (Tischvorlage)");
    assert_eq!(s.items[2].label, "TOP 3 (Tischvorlage)");
    let s = fx.file.remove_agenda_item(s.items[1].id).unwrap();
    assert_eq!(s.items[1].label, "TOP 3 (Tischvorlage)");
    assert!(
        fx.file.remove_agenda_item(s.items[0].id).is_err(),
        "TOP 1 was sent out"
    );

    // A case moved after the session day cannot be put on it.
    let late_case = case(&mut fx.file, fx.ib, "Haddad", true);
    let past = fx
        .file
        .plan_session(&SessionDraft {
            held_on: days_ago(5),
            start_time: "10:00".into(),
            place: "Potsdam".into(),
        })
        .unwrap();
    let err = message(fx.file.schedule_case(past.id, late_case, None));
    assert!(err.contains("nach dem Sitzungstag"), "{err}");

    fx.file.record_attendance(session.id, &attend(&fx)).unwrap();
    fx.file
        .decide_item(
            s.items[0].id,
            &ItemDecisionDraft {
                ballots: vec![],
                outcome: Some(Outcome::Vertagt),
                reasons: String::new(),
            },
        )
        .unwrap();
    let err = message(fx.file.record_attendance(session.id, &attend(&fx)));
    assert!(err.starts_with("Anwesenheit:"), "{err}");
    let err = message(fx.file.update_session(
        session.id,
        &SessionDraft {
            held_on: typed(today()),
            start_time: "11:00".into(),
            place: "Cottbus".into(),
        },
    ));
    assert!(err.starts_with("Termin:"), "{err}");
    // A scheduled case is not withdrawn by hand; the session records it.
    let other = case(&mut fx.file, fx.ib, "Krasniqi", true);
    fx.file.schedule_case(session.id, other, None).unwrap();
    let err = message(fx.file.change_case_status(
        other,
        CaseStatus::Zurueckgenommen,
        &typed(today()),
        "Antrag zurückgezogen",
    ));
    assert!(err.contains("Stand"), "{err}");
}

/// Brandenburg's rule with eight seats: a recused member stays in the base (6 yes needed,
/// not 5), and the member's own deputy may vote in the seat for that item.
#[test]
fn a_recused_member_stays_in_the_base_and_their_own_deputy_may_vote() {
    let mut fx = setup();
    let mut seats = vec![fx.a, fx.b, fx.c];
    for name in [
        "Fatima Nouri",
        "Gerd Lehmann",
        "Hanna Kowalska",
        "Ilse Brandt",
        "Jan Novák",
    ] {
        seats.push(member(&mut fx.file, name, "mitglied", None));
    }
    let id = case(&mut fx.file, fx.ib, "Дудаев", true);
    let session = plan_today(&mut fx.file);
    let s = fx.file.schedule_case(session.id, id, None).unwrap();
    let item = s.items[0].id;
    fx.file
        .advance_session(session.id, SessionStatus::Einberufen, &typed(today()))
        .unwrap();
    let all: Vec<AttendanceEntry> = seats
        .iter()
        .map(|&member_id| AttendanceEntry {
            member_id,
            attendance: Attendance::Anwesend,
            deputy_id: None,
        })
        .collect();
    let s = fx.file.record_attendance(session.id, &all).unwrap();
    assert_eq!(s.quorum.seats, 8);
    // Only A's own deputy is offered as A's stand-in.
    let seat_a = s.seats.iter().find(|v| v.member_id == fx.a).unwrap();
    assert_eq!(seat_a.stand_ins.len(), 1);
    assert_eq!(seat_a.stand_ins[0].value, fx.e.to_string());

    let recused_a = |stand_in_id: Option<u32>, vote: Option<Vote>| Ballot {
        member_id: fx.a,
        recused: true,
        stand_in_id,
        vote,
    };
    // A recused, nobody in A's seat: 5 yes of the other 7 is not two thirds of 8.
    let mut five = vec![recused_a(None, None)];
    for (i, &m) in seats[1..].iter().enumerate() {
        five.push(ballot(m, Some(if i < 5 { Vote::Ja } else { Vote::Nein })));
    }
    let t = fx.file.preview_tally(item, &five).unwrap();
    assert_eq!((t.yes, t.needed, t.passes), (5, 6, false));
    assert!(
        t.explanation.contains(
            "zwei Drittel von 8 stimmberechtigten Mitgliedern; 1 befangen: Đorđe Ćosić, zählt mit"
        ),
        "{}",
        t.explanation
    );
    let ersuchen = |ballots: Vec<Ballot>| ItemDecisionDraft {
        ballots,
        outcome: Some(Outcome::Ersuchen),
        reasons: "Lange Aufenthaltsdauer.".into(),
    };
    let err = message(fx.file.decide_item(item, &ersuchen(five.clone())));
    assert!(err.contains("nicht beschlossen"), "{err}");

    // C's deputy may not stand in for A.
    let mut wrong = five.clone();
    wrong[0] = recused_a(Some(fx.d), Some(Vote::Ja));
    let err = message(fx.file.preview_tally(item, &wrong));
    assert!(err.contains("nur die eigene Stellvertretung"), "{err}");

    // A's own deputy votes yes in A's seat: 6 yes pass.
    let mut six = five.clone();
    six[0] = recused_a(Some(fx.e), Some(Vote::Ja));
    let decided = fx.file.decide_item(item, &ersuchen(six)).unwrap();
    let view = &decided.items[0];
    assert_eq!((view.yes, view.needed), (Some(6), Some(6)));
    let words = view.rule_applied.clone().unwrap();
    assert!(
        words.contains("1 befangen: Đorđe Ćosić, vertreten durch Emil Stellvertreter"),
        "{words}"
    );
    assert_eq!(
        view.recusals,
        vec![RecusedSeat {
            member_id: fx.a,
            stand_in_id: Some(fx.e)
        }]
    );
    // How each seat voted is stored, and never sent to the window.
    let raw = common::raw_connection(fx.file.paths(), ADMIN, ADMIN_PW);
    let in_a_seat: String = raw
        .query_row(
            "SELECT vote FROM votes WHERE item_id = ?1 AND member_id = ?2",
            [item, fx.a],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(in_a_seat, "ja");
    let sent = serde_json::to_string(&decided).unwrap();
    assert!(!sent.contains("\"vote\""), "per-seat votes sent: {sent}");
    // The audit row states the rule that was applied.
    let after: String = raw
        .query_row(
            "SELECT p.fields FROM audit_log l JOIN audit_payload p ON p.audit_id = l.id
             WHERE l.action = 'item_decide' ORDER BY l.id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        after.contains("vertreten durch Emil Stellvertreter"),
        "{after}"
    );
}

/// Where the rule lets no deputy vote for a recused member, a stand-in is refused.
#[test]
fn a_rule_without_stand_ins_refuses_one() {
    let mut fx = setup();
    fx.file
        .set_majority_rule(MajorityRule {
            deputy_votes_for_recused: false,
            ..MajorityRule::BRANDENBURG
        })
        .unwrap();
    let id = case(&mut fx.file, fx.ib, "Nowak", true);
    let session = plan_today(&mut fx.file);
    let s = fx.file.schedule_case(session.id, id, None).unwrap();
    fx.file
        .advance_session(session.id, SessionStatus::Einberufen, &typed(today()))
        .unwrap();
    let s2 = fx.file.record_attendance(session.id, &attend(&fx)).unwrap();
    assert!(s2.seats.iter().all(|v| v.stand_ins.is_empty()));
    let err = message(fx.file.preview_tally(
        s.items[0].id,
        &[
            Ballot {
                member_id: fx.a,
                recused: true,
                stand_in_id: Some(fx.e),
                vote: Some(Vote::Ja),
            },
            ballot(fx.b, Some(Vote::Ja)),
        ],
    ));
    assert!(err.contains("stimmt die Stellvertretung nicht"), "{err}");
}

/// A deputy belongs to their member's organisation, and is cited as the member's deputy.
#[test]
fn a_deputy_belongs_to_the_members_organisation() {
    let mut fx = setup();
    let other = fx
        .file
        .add_organisation("Flüchtlingsrat Brandenburg", "01.01.2020")
        .unwrap();
    let draft = MemberDraft {
        name: "Olga Fremd".into(),
        kind: "stellvertretung".into(),
        organisation_id: Some(other),
        deputy_of: Some(fx.a),
        term_from: "01.01.2024".into(),
        term_to: String::new(),
    };
    let err = message(fx.file.save_member(None, &draft));
    assert!(err.starts_with("Entsendende Stelle"), "{err}");
    assert!(err.contains("Đorđe Ćosić ist von"), "{err}");
    // Moving A to another organisation while E still deputises for A is refused too.
    let register = fx.file.member_register().unwrap();
    let a = register.members.iter().find(|m| m.id == fx.a).unwrap();
    let err = message(fx.file.save_member(
        Some(fx.a),
        &MemberDraft {
            organisation_id: Some(other),
            ..a.draft.clone()
        },
    ));
    assert!(
        err.contains("Emil Stellvertreter vertritt dieses Mitglied"),
        "{err}"
    );
    let e = register.members.iter().find(|m| m.id == fx.e).unwrap();
    assert!(
        e.cited_as
            .starts_with("Emil Stellvertreter – Stellvertretung für Đorđe Ćosić"),
        "{}",
        e.cited_as
    );
}
