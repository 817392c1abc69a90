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
    block(&lib, "collect_commands!", "[", "]")
        .split(',')
        .filter_map(|path| path.trim().rsplit("::").next())
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
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
