//! The house rules that the compiler does not check: no file over 400 lines, `domain` imports
//! nothing of the project, no module inside `src/store/` imports one that imports it back, and
//! only the clock reads the PC's local time.
//!
//! The import graph is read from the `use` lines and inline paths (`crate::store::…`), with
//! the `pub use` re-exports of the `mod.rs` files followed to the module that defines the item.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 400;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `src/store/cases/persons.rs` → `store::cases::persons`; `src/store/audit/mod.rs` → `store::audit`.
fn module_of(file: &Path) -> String {
    let rel = file.strip_prefix(root().join("src")).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// Reads one path tree (`a::b::{c, d::{e, f}}`) starting at `i`; returns the full paths.
fn path_tree(text: &[char], mut i: usize, prefix: &str) -> Vec<String> {
    let mut current = prefix.to_owned();
    loop {
        let start = i;
        while i < text.len() && (text[i].is_alphanumeric() || text[i] == '_' || text[i] == '*') {
            i += 1;
        }
        let segment: String = text[start..i].iter().collect();
        if !segment.is_empty() {
            if !current.is_empty() {
                current.push_str("::");
            }
            current.push_str(&segment);
        }
        if text[i..].starts_with(&[':', ':']) {
            i += 2;
            continue;
        }
        if i < text.len() && text[i] == '{' {
            let mut paths = Vec::new();
            let mut depth = 0;
            let mut item_start = i + 1;
            for j in i..text.len() {
                match text[j] {
                    '{' => depth += 1,
                    '}' | ',' if depth == 1 => {
                        paths.extend(path_tree(
                            &text[..j],
                            skip_space(text, item_start),
                            &current,
                        ));
                        item_start = j + 1;
                        if text[j] == '}' {
                            return paths;
                        }
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            return paths;
        }
        return if current == prefix {
            Vec::new()
        } else {
            vec![current]
        };
    }
}

fn skip_space(text: &[char], mut i: usize) -> usize {
    while i < text.len() && text[i].is_whitespace() {
        i += 1;
    }
    i
}

/// Every `crate::…` path in a file.
fn crate_paths(source: &str) -> Vec<String> {
    let text: Vec<char> = source.chars().collect();
    let needle: Vec<char> = "crate::".chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= text.len() {
        if text[i..].starts_with(&needle) && (i == 0 || !text[i - 1].is_alphanumeric()) {
            out.extend(path_tree(&text, i + needle.len(), ""));
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

struct Graph {
    modules: BTreeSet<String>,
    /// `store::CaseFile` → `store::vault::case_file`, from the `pub use` lines of `mod.rs` files.
    reexports: BTreeMap<String, String>,
}

impl Graph {
    fn read(files: &[PathBuf]) -> Graph {
        let modules = files.iter().map(|f| module_of(f)).collect();
        let mut graph = Graph {
            modules,
            reexports: BTreeMap::new(),
        };
        for file in files.iter().filter(|f| f.ends_with("mod.rs")) {
            let module = module_of(file);
            let source = std::fs::read_to_string(file).unwrap();
            for line in source.lines() {
                let Some(rest) = line
                    .strip_prefix("pub use ")
                    .or_else(|| line.strip_prefix("pub(crate) use "))
                else {
                    continue;
                };
                let text: Vec<char> = rest.trim_end_matches(';').chars().collect();
                for path in path_tree(&text, 0, &module) {
                    let name = path.rsplit("::").next().unwrap().to_owned();
                    let target = graph.module_prefix(&path);
                    graph.reexports.insert(format!("{module}::{name}"), target);
                }
            }
        }
        graph
    }

    fn module_prefix(&self, path: &str) -> String {
        let mut candidate = path.to_owned();
        loop {
            if self.modules.contains(&candidate) {
                return candidate;
            }
            match candidate.rfind("::") {
                Some(at) => candidate.truncate(at),
                None => return candidate,
            }
        }
    }

    /// The module that defines what `path` names.
    fn resolve(&self, path: &str) -> String {
        let module = self.module_prefix(path);
        let rest = path[module.len()..].trim_start_matches("::");
        let first = rest.split("::").next().unwrap_or("");
        self.reexports
            .get(&format!("{module}::{first}"))
            .cloned()
            .unwrap_or(module)
    }
}

fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_owned(), 1);
        stack.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            match state.get(next.as_str()) {
                Some(1) => {
                    let from = stack.iter().position(|n| n == next).unwrap();
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(cycle) = visit(next, edges, state, stack) {
                        return Some(cycle);
                    }
                }
            }
        }
        stack.pop();
        state.insert(node.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in edges.keys() {
        if !state.contains_key(node) {
            if let Some(cycle) = visit(node, edges, &mut state, &mut Vec::new()) {
                return Some(cycle);
            }
        }
    }
    None
}

fn store_edges() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&root().join("src/store"), &mut files);
    let graph = Graph::read(&files);
    let mut edges = BTreeMap::new();
    for file in files.iter().filter(|f| !f.ends_with("mod.rs")) {
        let module = module_of(file);
        let source = std::fs::read_to_string(file).unwrap();
        assert!(
            !source.contains("use super::") || source.matches("use super::").count() == source.matches("use super::*;").count(),
            "{module}: `use super::…` hides an import from this check; name the path from `crate::`"
        );
        let targets: BTreeSet<String> = crate_paths(&source)
            .iter()
            .filter(|p| p.starts_with("store::"))
            .map(|p| graph.resolve(p))
            .filter(|t| *t != module && graph.modules.contains(t))
            .collect();
        edges.insert(module, targets);
    }
    edges
}

#[test]
fn no_module_inside_the_store_imports_one_that_imports_it_back() {
    let edges = store_edges();
    assert!(edges.len() > 30, "the store's modules were not found");
    assert!(
        edges["store::cases::page"].contains("store::cases::persons"),
        "the import reader misses a plain `use` line"
    );
    if let Some(cycle) = find_cycle(&edges) {
        panic!("Modulkreis im Speicher: {}", cycle.join(" → "));
    }
}

#[test]
fn the_cycle_check_finds_a_cycle() {
    let mut edges = BTreeMap::new();
    edges.insert("a".to_owned(), BTreeSet::from(["b".to_owned()]));
    edges.insert("b".to_owned(), BTreeSet::from(["c".to_owned()]));
    edges.insert("c".to_owned(), BTreeSet::from(["a".to_owned()]));
    assert_eq!(find_cycle(&edges).unwrap(), ["a", "b", "c", "a"]);
    edges.get_mut("c").unwrap().clear();
    assert!(find_cycle(&edges).is_none());
}

#[test]
fn braces_and_reexports_are_followed() {
    let paths = crate_paths("use crate::store::cases::{self, page::{detail, CaseDetail}};");
    assert_eq!(
        paths,
        [
            "store::cases::self",
            "store::cases::page::detail",
            "store::cases::page::CaseDetail"
        ]
    );
    let mut files = Vec::new();
    rust_files(&root().join("src/store"), &mut files);
    let graph = Graph::read(&files);
    assert_eq!(graph.resolve("store::CaseFile"), "store::vault::case_file");
    assert_eq!(graph.resolve("store::audit::append"), "store::audit::chain");
}

#[test]
fn domain_imports_nothing_of_the_project() {
    let mut files = Vec::new();
    rust_files(&root().join("src/domain"), &mut files);
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        for path in crate_paths(&source) {
            assert!(
                path.starts_with("domain::")
                    || path == "Error"
                    || path.starts_with("Error::")
                    || path == "Result"
                    || path == "FieldProblem"
                    || path.starts_with("ErrorCode"),
                "{} imports crate::{path}",
                file.display()
            );
        }
    }
}

#[test]
fn no_source_file_is_over_400_lines() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    rust_files(&root().join("src-tauri/src"), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).unwrap().lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines})", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "über {MAX_LINES} Zeilen: {long:?}");
}

/// Legal dates follow the commission's clock (Europe/Berlin, fixed in tests), never the PC's
/// time zone: only `domain::clock` reads the system time for "today".
#[test]
fn only_the_clock_reads_the_local_time() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    rust_files(&root().join("src-tauri/src"), &mut files);
    let readers: Vec<String> = files
        .iter()
        .filter(|f| !f.ends_with("domain/clock.rs"))
        .filter(|f| {
            let source = std::fs::read_to_string(f).unwrap();
            source.contains("Local::now")
                || source.contains("chrono::Local")
                || source.contains("use chrono::{Local")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        readers.is_empty(),
        "lesen die Ortszeit des PCs: {readers:?}"
    );
}
