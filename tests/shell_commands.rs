//! Every command the shell registers is also listed for Tauri's permission generation and
//! granted to the main window, and nothing is granted that does not exist. A command missing
//! from either list is refused at run time with no message the user could read.

use std::collections::BTreeSet;
use std::path::PathBuf;

fn read(rel: &str) -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// The names between the first `open` after `anchor` and the matching `close`, one per item.
fn block<'a>(text: &'a str, anchor: &str, open: &str, close: &str) -> &'a str {
    let start = text
        .find(anchor)
        .unwrap_or_else(|| panic!("{anchor} not found"));
    let from = start + text[start..].find(open).unwrap() + open.len();
    let to = from + text[from..].find(close).unwrap();
    &text[from..to]
}

fn registered() -> BTreeSet<String> {
    let lib = read("src-tauri/src/lib.rs");
    let names = |list: &str| -> BTreeSet<String> {
        list.split(',')
            .filter_map(|path| path.trim().rsplit("::").next())
            .map(|name| name.trim().trim_matches('"').to_owned())
            .filter(|name| !name.is_empty())
            .collect()
    };
    let mut all = names(block(&lib, "collect_commands!", "[", "]"));
    // The raw-bytes commands: registered by generate_handler! and routed by RAW_COMMANDS,
    // which must name the same.
    let raw = names(block(&lib, "tauri::generate_handler!", "[", "]"));
    assert_eq!(raw, names(block(&lib, "RAW_COMMANDS", "= &[", "]")));
    all.extend(raw);
    all
}

fn listed_for_permissions() -> BTreeSet<String> {
    let build = read("src-tauri/build.rs");
    block(&build, "const COMMANDS", "= &[", "]")
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

fn granted() -> BTreeSet<String> {
    let caps: serde_json::Value =
        serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
    caps["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect()
}

#[test]
fn every_registered_command_is_listed_and_granted() {
    let registered = registered();
    assert!(registered.contains("reopen_case"), "{registered:?}");
    assert_eq!(listed_for_permissions(), registered);
    assert_eq!(granted(), registered);
}

/// No web inspector in the window users run: with it, any user (Lesend too) could call every
/// command with any argument. Off in the window's configuration, so also in debug builds, and
/// the feature that would allow it in release builds is not enabled.
#[test]
fn the_window_has_no_web_inspector_and_no_data_images() {
    let config: serde_json::Value =
        serde_json::from_str(&read("src-tauri/tauri.conf.json")).unwrap();
    for window in config["app"]["windows"].as_array().unwrap() {
        assert_eq!(
            window["devtools"],
            serde_json::Value::Bool(false),
            "{window}"
        );
    }
    let manifest = read("src-tauri/Cargo.toml");
    let tauri_line = manifest.lines().find(|l| l.starts_with("tauri =")).unwrap();
    assert!(!tauri_line.contains("devtools"), "{tauri_line}");
    assert_eq!(
        config["app"]["security"]["csp"]["img-src"],
        serde_json::Value::String("'self'".into())
    );
}
