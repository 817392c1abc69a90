//! Settings: one audited setter, a stored value this program cannot read is an error the
//! user sees (never a silent default), and another state's commission needs no code change.

mod common;

use hfk_akte::domain::commission::Commission;
use hfk_akte::domain::majority::{Majority, MajorityRule};
use hfk_akte::store::settings;
use hfk_akte::store::InstanceLock;
use hfk_akte::ErrorCode;

const ADMIN: &str = "Şükrü Güneş";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";

#[test]
fn an_unknown_stored_rule_is_reported_not_replaced_by_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    // A newer program stored a majority this one does not know.
    common::raw_connection(&paths, ADMIN, PASSWORD)
        .execute(
            "INSERT INTO settings (key, value) VALUES ('majority_rule', 'drei_viertel_mitglieder')",
            [],
        )
        .unwrap();
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let err = file.majority_rule().unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    let message = err.to_string();
    assert!(
        message.starts_with("Mehrheitsregel:") && message.contains("drei_viertel_mitglieder"),
        "{message}"
    );

    // Set anew, it holds; the audit row keeps what was stored before.
    file.set_majority_rule(MajorityRule {
        majority: Majority::ZweiDrittelMitglieder,
        ..MajorityRule::BRANDENBURG
    })
    .unwrap();
    assert_eq!(file.majority_rule().unwrap(), MajorityRule::BRANDENBURG);
    drop(file);
    let before: String = common::raw_connection(&paths, ADMIN, PASSWORD)
        .query_row(
            "SELECT p.fields FROM audit_log l JOIN audit_payload p ON p.audit_id = l.id
             WHERE l.entity = 'settings' AND l.entity_id = 'majority_rule'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(before.contains("drei_viertel_mitglieder"), "{before}");
}

#[test]
fn another_states_commission_is_set_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let brandenburg = file.commission().unwrap();
    assert_eq!(
        brandenburg.name,
        "Härtefallkommission des Landes Brandenburg"
    );
    assert_eq!(brandenburg.ministry_address.len(), 4);

    let berlin = Commission {
        name: "Härtefallkommission des Landes Berlin".into(),
        secretariat_address: "Geschäftsstelle · Klosterstraße 47 · 10179 Berlin".into(),
        ministry_address: vec![
            " Senatsverwaltung für Inneres und Sport ".into(),
            "Klosterstraße 47".into(),
            "10179 Berlin".into(),
        ],
    };
    // One bad part refuses the whole change.
    let err = file
        .set_commission(&Commission {
            ministry_address: vec![],
            ..berlin.clone()
        })
        .unwrap_err();
    assert!(
        err.to_string().starts_with("Anschrift des Ministeriums:"),
        "{err}"
    );
    assert_eq!(file.commission().unwrap(), brandenburg);

    let stored = file.set_commission(&berlin).unwrap();
    assert_eq!(
        stored.ministry_address[0],
        "Senatsverwaltung für Inneres und Sport"
    );
    assert_eq!(
        stored.sender_line(),
        "Härtefallkommission des Landes Berlin · Geschäftsstelle · Klosterstraße 47 · 10179 Berlin"
    );
    let listed = file.settings_as_text().unwrap();
    let name = listed
        .iter()
        .find(|s| s.key == settings::COMMISSION_NAME.key)
        .unwrap();
    assert_eq!(
        name.stored.as_deref(),
        Some("Härtefallkommission des Landes Berlin")
    );
}
