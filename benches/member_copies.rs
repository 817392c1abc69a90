//! `cargo bench --bench member_copies`: ten members' sealed copies of a 40-case session
//! binder, and where the time goes: laying out and writing each copy (with its watermark and
//! footer) versus sealing it (AES-256, PDF 2.0 revision 6). Prints a Markdown table for
//! BENCHMARKS.md.

use std::time::{Duration, Instant};

use hfk_akte::domain::member::MemberDraft;
use hfk_akte::domain::session::SessionDraft;
use hfk_akte::domain::workflow::CaseStatus;
use hfk_akte::report::copy_key::CopyKey;
use hfk_akte::report::sealed_pdf;
use hfk_akte::store::cases::search::CaseQuery;
use hfk_akte::store::vault::new_file::NewFile;

const USER: &str = "Geschäftsstelle";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
const CASES: usize = 40;
const MEMBERS: usize = 10;
/// Enough sample cases for 40 admitted ones still waiting for a session.
const SAMPLE_CASES: u32 = 4000;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn timed(runs: usize, mut work: impl FnMut()) -> Duration {
    work(); // warm-up
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                work();
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let location = dir.path().join("bench.hfk");
    let new = NewFile::prepare(location.to_str().unwrap(), USER, PASSWORD, PASSWORD).unwrap();
    let (_lock, mut file) = new.create(new.recovery_key().last_block()).unwrap();
    file.fill_with_sample_cases(SAMPLE_CASES, 7).unwrap();
    let today = file.today().format("%d.%m.%Y").to_string();
    let session = file
        .plan_session(&SessionDraft {
            held_on: today,
            start_time: "10:00".into(),
            place: "Potsdam".into(),
        })
        .unwrap()
        .id;
    // Admitted sample cases not yet decided: about one in seventy-five of them.
    let admitted = file
        .list_cases(&CaseQuery {
            status: Some(CaseStatus::Angenommen),
            limit: CASES as u32,
            ..CaseQuery::default()
        })
        .unwrap();
    assert_eq!(
        admitted.rows.len(),
        CASES,
        "not enough admitted sample cases"
    );
    for row in &admitted.rows {
        file.schedule_case(session, row.id, None).unwrap();
    }
    let organisation = file.member_register().unwrap().organisations[0].id;
    let members: Vec<u32> = (1..=MEMBERS)
        .map(|n| {
            let id = file
                .save_member(
                    None,
                    &MemberDraft {
                        name: format!("Mitglied Nummer {n} Güneş"),
                        kind: "mitglied".into(),
                        organisation_id: Some(organisation),
                        deputy_of: None,
                        term_from: "01.01.2024".into(),
                        term_to: String::new(),
                    },
                )
                .unwrap();
            file.set_copy_password(id, &format!("Bench-Passwort-{n:02}-Havelland"))
                .unwrap();
            id
        })
        .collect();

    // A new folder for every run: copies never replace files already there.
    let folder = dir.path().join("Exemplare");
    let mut pages = 0;
    let all = timed(3, || {
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).unwrap();
        let made = file
            .make_member_copies(session, &members, &folder, |_, _| {})
            .unwrap();
        pages = made[0].pages;
    });
    let size = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum::<u64>()
        / MEMBERS as u64;

    // The sealing alone: ten times over one plain binder of the same session.
    let plain_path = dir.path().join("mappe.pdf");
    let plain_one = timed(5, || {
        file.export_binder(session, &plain_path).unwrap();
    });
    let plain = std::fs::read(&plain_path).unwrap();
    let keys: Vec<CopyKey> = (1..=MEMBERS)
        .map(|n| CopyKey::derive(&format!("Bench-Passwort-{n:02}-Havelland")).unwrap())
        .collect();
    let sealing = timed(3, || {
        for key in &keys {
            sealed_pdf::seal_with(&plain, key).unwrap();
        }
    });
    let deriving = timed(3, || {
        for n in 1..=MEMBERS {
            CopyKey::derive(&format!("Bench-Passwort-{n:02}-Havelland")).unwrap();
        }
    });

    println!("Ten members' copies of a {CASES}-case binder, median of 3 runs after one warm-up.\n");
    println!("| step | time |");
    println!("|---|---:|");
    println!(
        "| {MEMBERS} copies: laid out once per set of cases, then each with its footer and watermark written, sealed, recorded and saved ({pages} pages, {} KB each) | {:.2} s |",
        size / 1024,
        all.as_secs_f64()
    );
    println!(
        "| of which sealing: {MEMBERS} × encrypting a {} KB binder (lopdf, AES-256) | {:.2} s ({:.0} %) |",
        plain.len() / 1024,
        sealing.as_secs_f64(),
        100.0 * sealing.as_secs_f64() / all.as_secs_f64()
    );
    println!(
        "| for comparison: one plain binder of the same session (median of 5) | {:.2} s |",
        plain_one.as_secs_f64()
    );
    println!(
        "| for comparison: deriving /U from {MEMBERS} passwords (algorithm 2.B), which the stored values spare every copy | {:.3} s |",
        deriving.as_secs_f64()
    );
}
