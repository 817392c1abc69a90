//! Fuzzing what crosses into the core: the JSON the window sends to the commands, fed through
//! the same serde types and on into a real encrypted file, and the backup-file reader fed
//! random and mutated files. Nothing may panic; every refusal is an ordinary error with a
//! message. The counts are printed for SECURITY.md.

mod common;

use std::cell::RefCell;
use std::sync::atomic::{AtomicU32, Ordering};

use hfk_akte::domain::admissibility::AdmissibilityDraft;
use hfk_akte::domain::attendance::AttendanceEntry;
use hfk_akte::domain::case::{AbhStatementDraft, CaseDraft};
use hfk_akte::domain::deadline::DeadlineDraft;
use hfk_akte::domain::grounds::GroundDraft;
use hfk_akte::domain::member::MemberDraft;
use hfk_akte::domain::ministry::DecisionDraft;
use hfk_akte::domain::person::PersonDraft;
use hfk_akte::domain::session::SessionDraft;
use hfk_akte::store::cases::search::CaseQuery;
use hfk_akte::store::sessions::decisions::ItemDecisionDraft;
use hfk_akte::store::vault::backup;
use hfk_akte::store::InstanceLock;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value};

const ADMIN: &str = "Geschäftsstelle";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
const JSON_CASES: u32 = 400;
const BACKUP_CASES: u32 = 150;

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
/// random objects. Counts inputs and how many got past serde.
fn feed<T: serde::de::DeserializeOwned + serde::Serialize>(
    name: &str,
    base: T,
    runs: &AtomicU32,
    f: impl Fn(T) -> Result<(), String>,
) {
    let base = serde_json::to_value(&base).unwrap();
    let mut runner = TestRunner::new(Config {
        cases: JSON_CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let parsed = AtomicU32::new(0);
    runner
        .run(&prop_oneof![mutated(base), json()], |value| {
            runs.fetch_add(1, Ordering::Relaxed);
            if let Ok(input) = serde_json::from_value::<T>(value) {
                parsed.fetch_add(1, Ordering::Relaxed);
                f(input).map_err(TestCaseError::fail)?;
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    eprintln!(
        "{name}: {JSON_CASES} inputs, {} parsed and fed on",
        parsed.load(Ordering::Relaxed)
    );
}

/// An error must be an ordinary one with a German message, never an internal failure.
fn ordinary<T>(r: hfk_akte::Result<T>) -> Result<(), String> {
    match r {
        Ok(_) => Ok(()),
        Err(e) if e.code() == hfk_akte::ErrorCode::Internal => Err(format!("internal: {e}")),
        Err(e) if e.to_string().trim().is_empty() => Err("empty message".into()),
        Err(_) => Ok(()),
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
    feed(
        "AttendanceEntry[]",
        Vec::<AttendanceEntry>::new(),
        &runs,
        |e| ordinary(file.borrow_mut().record_attendance(session, &e)),
    );
    feed(
        "ItemDecisionDraft",
        ItemDecisionDraft {
            outcome: Some(hfk_akte::domain::voting::Outcome::Vertagt),
            ..Default::default()
        },
        &runs,
        |d| ordinary(file.borrow_mut().decide_item(1, &d)),
    );
    feed(
        "DecisionDraft",
        DecisionDraft {
            decision: Some(hfk_akte::domain::voting::MinistryDecision::Anordnung),
            decided_on: day.clone(),
            conditions: "Pass vorlegen".into(),
            reasons: String::new(),
        },
        &runs,
        |d| ordinary(file.borrow_mut().record_ministry_decision(case, &d)),
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

#[test]
fn the_backup_reader_refuses_random_and_mutated_files_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let good = dir.path().join("gut.hfksicherung");
    file.create_backup(&good).unwrap();
    let bytes = std::fs::read(&good).unwrap();
    let target = dir.path().join("fuzz.hfksicherung");

    let mut runner = TestRunner::new(Config {
        cases: BACKUP_CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let random = prop::collection::vec(any::<u8>(), 0..512);
    runner
        .run(&random, |noise| {
            std::fs::write(&target, &noise).unwrap();
            prop_assert!(backup::inspect(&target, ADMIN, PASSWORD).is_err());
            Ok(())
        })
        .unwrap();
    // Mutations of a real backup: flipped bytes, cuts, insertions. The header's time is not
    // covered by the checksum, so those flips may still open; everything else must not.
    let len = bytes.len();
    let mutation = (0..len, any::<u8>(), 0u8..3);
    runner
        .run(&mutation, |(at, byte, how)| {
            let mut spoilt = bytes.clone();
            match how {
                0 => spoilt[at] ^= byte | 1,
                1 => spoilt.truncate(at),
                _ => spoilt.insert(at, byte),
            }
            std::fs::write(&target, &spoilt).unwrap();
            match backup::inspect(&target, ADMIN, PASSWORD) {
                Ok(c) => prop_assert_eq!(c.cases, 0),
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
            Ok(())
        })
        .unwrap();
    eprintln!(
        "fuzz: {} backup files (random and mutated)",
        BACKUP_CASES * 2
    );
}
