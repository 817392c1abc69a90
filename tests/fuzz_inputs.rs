//! Fuzzing what crosses into the core: the JSON the window sends to the commands, fed through
//! the same serde types and on into a real encrypted file, and the backup-file reader fed
//! random and mutated files. Nothing may panic; every refusal is an ordinary error with a
//! message. The counts are printed for SECURITY.md.

mod common;

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicU32, Ordering};

use common::session_day::SessionDay;
use hfk_akte::domain::admissibility::AdmissibilityDraft;
use hfk_akte::domain::case::{AbhStatementDraft, CaseDraft};
use hfk_akte::domain::deadline::DeadlineDraft;
use hfk_akte::domain::grounds::GroundDraft;
use hfk_akte::domain::member::MemberDraft;
use hfk_akte::domain::ministry::DecisionDraft;
use hfk_akte::domain::person::PersonDraft;
use hfk_akte::domain::session::SessionDraft;
use hfk_akte::store::cases::search::CaseQuery;
use hfk_akte::store::InstanceLock;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value};

const ADMIN: &str = "Geschäftsstelle";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
const JSON_CASES: u32 = 400;
/// How many of a target's inputs must be accepted (typically 30 to 60 of 400 are).
const MIN_ACCEPTED: u32 = 10;

/// Every field name the command arguments have, so random objects hit real fields.
const FIELDS: &[&str] = &[
    "received_on",
    "brought_by",
    "brought_in_on",
    "office_id",
    "counsel",
    "consent_on_file",
    "consent_date",
    "life_story",
    "notes",
    "family_role",
    "family_name",
    "given_names",
    "birth_date",
    "birth_place",
    "sex",
    "nationality",
    "entry_date",
    "residence_status",
    "residence_issued_on",
    "residence_valid_until",
    "asylum_history",
    "kind",
    "code",
    "description",
    "evidence",
    "answers",
    "applies",
    "note",
    "result",
    "ground_code",
    "reasoning",
    "decided_on",
    "held_on",
    "start_time",
    "place",
    "ballots",
    "member_id",
    "recused",
    "vote",
    "outcome",
    "reasons",
    "attendance",
    "deputy_id",
    "decision",
    "conditions",
    "search",
    "status",
    "year",
    "sort",
    "descending",
    "offset",
    "limit",
    "name",
    "organisation_id",
    "deputy_of",
    "term_from",
    "term_to",
    "due_on",
    "what",
    "requested_on",
    "content",
];

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (0u32..5).prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,40}".prop_map(Value::String),
        prop_oneof![
            Just("31.02.2026"),
            Just("01.01.2020"),
            Just("2026-11-25"),
            Just("29.02.2023"),
            Just("hauptperson"),
            Just("kind"),
            Just("duldung"),
            Just("SY"),
            Just("XX"),
            Just("haertegrund"),
            Just("angenommen"),
            Just("nicht_angenommen"),
            Just("ersuchen"),
            Just("ja"),
            Just("anwesend"),
            Just("vertreten"),
            Just("anordnung"),
            Just("10:00"),
            Just("Andrea-Maria Petrlić-Woelke"),
            Just("حسن"),
            Just("Шевченко"),
            Just(""),
            Just("   "),
            Just("\u{0}"),
            Just("'; DROP TABLE cases; --"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 40, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(FIELDS), inner), 0..12).prop_map(|pairs| {
                Value::Object(
                    pairs
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

/// A valid input with some of its fields replaced by random values (or removed). For a list,
/// the fields of its first entry.
fn mutated(base: Value) -> BoxedStrategy<Value> {
    fn object_of(v: &mut Value) -> Option<&mut Map<String, Value>> {
        match v {
            Value::Object(o) => Some(o),
            Value::Array(a) => a.first_mut().and_then(Value::as_object_mut),
            _ => None,
        }
    }
    let mut probe = base.clone();
    let keys: Vec<String> = object_of(&mut probe)
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    if keys.is_empty() {
        return Just(base).boxed();
    }
    let change = (
        prop::sample::select(keys),
        prop::option::weighted(0.9, scalar()),
    );
    prop::collection::vec(change, 0..5)
        .prop_map(move |changes| {
            let mut v = base.clone();
            if let Some(object) = object_of(&mut v) {
                for (key, new) in changes {
                    match new {
                        Some(value) => object.insert(key, value),
                        None => object.remove(&key),
                    };
                }
            }
            v
        })
        .boxed()
}

/// Runs `f` on every input that deserialises into `T`: half are mutations of `base`, half
/// random objects. `f` answers whether the input was accepted all the way (Ok) or refused
/// with an ordinary error. The base input itself must be accepted, which proves the fixture
/// is in the state the function works in; and at least `MIN_ACCEPTED` of the inputs must be
/// accepted too, so that the inputs reach the validation and storage behind the state checks.
fn feed<T: serde::de::DeserializeOwned + serde::Serialize + Clone>(
    name: &str,
    base: T,
    runs: &AtomicU32,
    f: impl Fn(T) -> Result<bool, String>,
) {
    assert_eq!(
        f(base.clone()),
        Ok(true),
        "{name}: the base input is refused"
    );
    let base = serde_json::to_value(&base).unwrap();
    let mut runner = TestRunner::new(Config {
        cases: JSON_CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let parsed = AtomicU32::new(0);
    let accepted = AtomicU32::new(0);
    runner
        .run(&prop_oneof![mutated(base), json()], |value| {
            runs.fetch_add(1, Ordering::Relaxed);
            if let Ok(input) = serde_json::from_value::<T>(value) {
                parsed.fetch_add(1, Ordering::Relaxed);
                if f(input).map_err(TestCaseError::fail)? {
                    accepted.fetch_add(1, Ordering::Relaxed);
                }
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let (parsed, accepted) = (parsed.into_inner(), accepted.into_inner());
    eprintln!("{name}: {JSON_CASES} inputs, {parsed} parsed and fed on, {accepted} accepted");
    assert!(
        accepted >= MIN_ACCEPTED,
        "{name}: only {accepted} of {JSON_CASES} inputs got past the state checks"
    );
}

/// An error must be an ordinary one with a German message, never an internal failure.
/// Ok(true): accepted; Ok(false): refused as it should be.
fn ordinary<T>(r: hfk_akte::Result<T>) -> Result<bool, String> {
    match r {
        Ok(_) => Ok(true),
        Err(e) if e.code() == hfk_akte::ErrorCode::Internal => Err(format!("internal: {e}")),
        Err(e) if e.to_string().trim().is_empty() => Err("empty message".into()),
        Err(_) => Ok(false),
    }
}

#[test]
fn command_inputs_never_panic_and_fail_with_messages() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths).unwrap();
    let file = RefCell::new(common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD));
    let ib = file.borrow().member_register().unwrap().members[0].id;
    let today = common::fixed_today().format("%d.%m.%Y").to_string();
    let case = file
        .borrow_mut()
        .create_case(&CaseDraft {
            received_on: today.clone(),
            brought_by: Some(ib),
            brought_in_on: today.clone(),
            ..CaseDraft::default()
        })
        .unwrap()
        .id;
    let session = file
        .borrow_mut()
        .plan_session(&SessionDraft {
            held_on: today,
            start_time: "10:00".into(),
            place: "Potsdam".into(),
        })
        .unwrap()
        .id;
    let runs = AtomicU32::new(0);
    let day = "01.10.2026".to_owned();
    let case_draft = CaseDraft {
        received_on: day.clone(),
        brought_by: Some(ib),
        brought_in_on: day.clone(),
        counsel: "Beratung".into(),
        ..CaseDraft::default()
    };
    let person = PersonDraft {
        family_role: "kind".into(),
        family_name: "Güneş".into(),
        given_names: "Ayşe".into(),
        birth_date: "21.01.2019".into(),
        sex: "weiblich".into(),
        nationality: "TR".into(),
        residence_status: "duldung".into(),
        residence_issued_on: day.clone(),
        residence_valid_until: "01.10.2027".into(),
        ..PersonDraft::default()
    };
    let ground = GroundDraft {
        kind: "haertegrund".into(),
        code: "schule_ausbildung".into(),
        description: "Schule".into(),
        evidence: "Zeugnis".into(),
    };

    feed("CaseDraft", case_draft.clone(), &runs, |d| {
        ordinary(file.borrow_mut().create_case(&d))
    });
    feed("CaseDraft (Änderung)", case_draft, &runs, |d| {
        ordinary(file.borrow_mut().update_case(case, &d))
    });
    feed("PersonDraft", person, &runs, |d| {
        ordinary(file.borrow_mut().save_person(case, None, &d))
    });
    feed("GroundDraft", ground, &runs, |d| {
        ordinary(file.borrow_mut().save_ground(case, None, &d))
    });
    feed(
        "AdmissibilityDraft",
        AdmissibilityDraft {
            answers: vec![],
            result: "angenommen".into(),
            ground_code: String::new(),
            reasoning: String::new(),
            decided_on: day.clone(),
        },
        &runs,
        |d: AdmissibilityDraft| ordinary(d.validate(&[], common::fixed_today())),
    );
    feed(
        "AbhStatementDraft",
        AbhStatementDraft {
            requested_on: day.clone(),
            received_on: day.clone(),
            content: "Stellungnahme".into(),
        },
        &runs,
        |d| ordinary(file.borrow_mut().save_abh_statement(case, &d)),
    );
    feed(
        "DeadlineDraft",
        DeadlineDraft {
            due_on: day.clone(),
            what: "Pass".into(),
        },
        &runs,
        |d| ordinary(file.borrow_mut().save_deadline(case, None, &d)),
    );
    // Votes, attendance and the ministry's decision are accepted only on a session's day and
    // (before the member fuzzing adds seats that would spoil the quorum)
    // for a case in the right state: each gets a fixture in that state, renewed after every
    // accepted input.
    let day_of = SessionDay::new(&mut file.borrow_mut());
    let roll_call = day_of.called_today(&mut file.borrow_mut(), false);
    feed("AttendanceEntry[]", day_of.everyone_present(), &runs, |e| {
        ordinary(file.borrow_mut().record_attendance(roll_call, &e))
    });
    let voting = day_of.called_today(&mut file.borrow_mut(), true);
    let item = Cell::new(day_of.new_item(&mut file.borrow_mut(), voting));
    feed(
        "ItemDecisionDraft",
        day_of.unanimous_request(),
        &runs,
        |d| {
            let accepted = ordinary(file.borrow_mut().decide_item(item.get(), &d))?;
            if accepted {
                item.set(day_of.new_item(&mut file.borrow_mut(), voting));
            }
            Ok(accepted)
        },
    );
    let waiting = day_of.case_with_the_ministry(&mut file.borrow_mut(), voting);
    feed(
        "DecisionDraft",
        DecisionDraft {
            decision: Some(hfk_akte::domain::voting::MinistryDecision::Anordnung),
            decided_on: common::fixed_today().format("%d.%m.%Y").to_string(),
            conditions: "Pass vorlegen".into(),
            reasons: String::new(),
        },
        &runs,
        |d| {
            let accepted = ordinary(file.borrow_mut().record_ministry_decision(waiting, &d))?;
            if accepted {
                // Back to the ministry for the next input.
                file.borrow_mut()
                    .reopen_case(waiting, "Nächste Eingabe der Prüfung")
                    .unwrap();
            }
            Ok(accepted)
        },
    );
    feed(
        "MemberDraft",
        MemberDraft {
            name: "Nowak".into(),
            kind: "mitglied".into(),
            organisation_id: Some(1),
            deputy_of: None,
            term_from: day.clone(),
            term_to: String::new(),
        },
        &runs,
        |d| ordinary(file.borrow_mut().save_member(None, &d)),
    );
    feed(
        "CaseQuery",
        CaseQuery {
            search: "gunes".into(),
            limit: 50,
            ..CaseQuery::default()
        },
        &runs,
        |q| ordinary(file.borrow().list_cases(&q)),
    );
    feed(
        "SessionDraft",
        SessionDraft {
            held_on: day.clone(),
            start_time: "10:00".into(),
            place: "Potsdam".into(),
        },
        &runs,
        |d| ordinary(file.borrow_mut().update_session(session, &d)),
    );
    assert!(file
        .borrow()
        .verify_audit_chain()
        .unwrap()
        .first_broken
        .is_none());
    eprintln!(
        "fuzz: {} command inputs in all",
        runs.load(Ordering::Relaxed)
    );
}
