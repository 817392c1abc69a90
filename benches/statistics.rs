//! `cargo bench --bench statistics`: the report of Auswertungen at the volume of many years,
//! one year and all years, in the encrypted file as the application opens it, and the annual
//! report saved as PDF (with its charts) and as a spreadsheet. The sample cases carry real
//! histories (sessions, votes, the ministry's decisions). Prints a Markdown table for
//! BENCHMARKS.md.
//!
//! `HFK_BENCH_FAELLE` sets the number of cases (default 100 000).

use std::time::{Duration, Instant};

use hfk_akte::domain::statistics::{Period, Variant};
use hfk_akte::store::vault::new_file::NewFile;

const USER: &str = "Geschäftsstelle";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
const RUNS: usize = 10;

/// Median and slowest of `RUNS` runs after a warm-up.
fn measure(mut f: impl FnMut()) -> (Duration, Duration) {
    f();
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    (times[RUNS / 2], times[RUNS - 1])
}

fn main() {
    let count: u32 = std::env::var("HFK_BENCH_FAELLE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let location = dir.path().join("akte.hfk");
    let new = NewFile::prepare(location.to_str().unwrap(), USER, PASSWORD, PASSWORD).unwrap();
    let (_lock, mut file) = new.create(new.recovery_key().last_block()).unwrap();
    let filled = Instant::now();
    file.fill_with_sample_cases(count, 1).unwrap();
    eprintln!(
        "{count} sample cases in {:.1} s",
        filled.elapsed().as_secs_f64()
    );

    println!("| figures ({count} cases, encrypted) | median | slowest of {RUNS} |");
    println!("|---|---|---|");
    let year = Period::years(2020, 2020).unwrap();
    let all = Period::years(2006, 2026).unwrap();
    let row = |label: &str, f: &mut dyn FnMut()| {
        let (median, slowest) = measure(f);
        println!(
            "| {label} | {:.0} ms | {:.0} ms |",
            median.as_secs_f64() * 1e3,
            slowest.as_secs_f64() * 1e3
        );
    };
    for (label, period) in [("one year (2020)", year), ("all years (2006–2026)", all)] {
        row(label, &mut || {
            file.statistics(period, Variant::Veroeffentlichung).unwrap();
        });
    }
    for (label, name) in [
        ("annual report 2020 as PDF, with charts", "bericht.pdf"),
        ("annual report 2020 as .xlsx", "bericht.xlsx"),
    ] {
        let target = dir.path().join(name);
        row(label, &mut || {
            file.export_statistics(year, Variant::Veroeffentlichung, &target)
                .unwrap();
        });
    }
}
