//! `cargo bench --bench import`: Übernahme alter Listen at 10 000 rows, side by side in one
//! run: reading the list as .xlsx and as .csv, the dry run, and the import in one transaction
//! into a new encrypted file (each run a fresh file: a list is taken over once). The rows
//! carry every field and a mix of outcomes, so that each case gets its whole course. Prints a
//! Markdown table for BENCHMARKS.md.

use std::time::{Duration, Instant};

use hfk_akte::domain::import::fields::{suggest, Resolution};
use hfk_akte::domain::import::ImportList;
use hfk_akte::store::vault::new_file::NewFile;
use hfk_akte::store::CaseFile;

const USER: &str = "Verwaltung";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
const ROWS: u32 = 10_000;
const RUNS: usize = 5;

const HEADINGS: [&str; 11] = [
    "Aktenzeichen",
    "Name",
    "Geburtsdatum",
    "Staatsangehörigkeit",
    "Eingang",
    "eingebracht durch",
    "Ausländerbehörde",
    "Ergebnis",
    "Sitzung",
    "Entscheidung",
    "Entschieden am",
];
const MEMBERS: [&str; 4] = [
    "Pfarrerin Kühn",
    "Flüchtlingsrat",
    "Caritas",
    "Integrationsbeauftragte",
];
const NATIONS: [&str; 5] = ["syrisch", "Afghanistan", "russisch", "TR", "Serbien"];

fn row(i: u32) -> [String; 11] {
    let year = 2010 + i % 15;
    let day = |d: u32, m: u32, y: u32| format!("{:02}.{:02}.{y}", d % 28 + 1, m % 12 + 1);
    let (outcome, session, decision, decided) = match i % 6 {
        0 => ("Ersuchen", day(i, 7, year), "Anordnung", day(i, 11, year)),
        1 => ("kein Ersuchen", day(i, 8, year), "", String::new()),
        2 => ("nicht angenommen", String::new(), "", String::new()),
        3 => ("zurückgenommen", String::new(), "", String::new()),
        4 => ("Ersuchen", day(i, 9, year), "", String::new()),
        _ => ("", String::new(), "", String::new()),
    };
    [
        format!("{}/{year}", i + 1),
        format!("Familie{i}, Vorname{}", i % 97),
        day(i, i, 1970 + i % 40),
        NATIONS[i as usize % 5].to_owned(),
        day(i, 1 + i % 5, year),
        MEMBERS[i as usize % 4].to_owned(),
        "Landkreis Barnim".to_owned(),
        outcome.to_owned(),
        session,
        decision.to_owned(),
        decided,
    ]
}

fn csv() -> Vec<u8> {
    let mut text = HEADINGS.join(";");
    for i in 0..ROWS {
        text.push('\n');
        text.push_str(&row(i).join(";"));
    }
    text.into_bytes()
}

fn xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADINGS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..ROWS {
        for (c, value) in row(i).iter().enumerate() {
            sheet.write_string(i + 1, c as u16, value).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

fn fresh(dir: &std::path::Path, n: usize) -> (hfk_akte::store::InstanceLock, CaseFile) {
    let location = dir.join(format!("akte-{n}.hfk"));
    let new = NewFile::prepare(location.to_str().unwrap(), USER, PASSWORD, PASSWORD).unwrap();
    new.create(new.recovery_key().last_block()).unwrap()
}

/// Median and slowest of `times`.
fn summary(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    (times[times.len() / 2], times[times.len() - 1])
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed())
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (csv, xlsx) = (csv(), xlsx());
    let mut results: Vec<(&str, Vec<Duration>)> = vec![
        ("reading the list (.xlsx, calamine)", Vec::new()),
        ("reading the list (.csv, encoding told)", Vec::new()),
        ("dry run (mapping, values, course, duplicates)", Vec::new()),
        (
            "import in one transaction (cases, persons, course, search index, audit row)",
            Vec::new(),
        ),
    ];
    let list = ImportList::read("liste.csv", &csv, None).unwrap();
    let mut mapping = suggest(&list.table.headings);
    for m in MEMBERS {
        mapping.mitglieder.insert(m.to_owned(), Resolution::Neu);
    }
    for run in 0..=RUNS {
        let (_, t_xlsx) = timed(|| ImportList::read("liste.xlsx", &xlsx, None).unwrap());
        let (list, t_csv) = timed(|| ImportList::read("liste.csv", &csv, None).unwrap());
        let (_lock, mut file) = fresh(dir.path(), run);
        let (dry, t_dry) = timed(|| file.import_dry_run(&list, &mapping).unwrap());
        assert!(
            dry.ready,
            "{} refused, {} unclear",
            dry.refused, dry.unclear
        );
        let (done, t_apply) = timed(|| file.apply_import(&list, &mapping).unwrap());
        assert_eq!(done.cases, ROWS);
        if run == 0 {
            continue; // warm-up
        }
        for (slot, t) in results.iter_mut().zip([t_xlsx, t_csv, t_dry, t_apply]) {
            slot.1.push(t);
        }
    }
    println!("| {ROWS} rows | median | slowest of {RUNS} |");
    println!("|---|---:|---:|");
    for (label, times) in results {
        let (median, slowest) = summary(times);
        println!(
            "| {label} | {:.0} ms | {:.0} ms |",
            median.as_secs_f64() * 1e3,
            slowest.as_secs_f64() * 1e3
        );
    }
    println!(
        "(.xlsx {} KB, .csv {} KB)",
        xlsx.len() / 1024,
        csv.len() / 1024
    );
}
