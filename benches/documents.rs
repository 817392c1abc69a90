//! `cargo bench --bench documents`: a session binder for 40 cases, written by the report
//! layer, side by side with headless Chromium printing an equivalent HTML page to PDF.
//! Prints a Markdown table for BENCHMARKS.md. Chromium is optional: without it only the
//! binder is measured.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use hfk_akte::domain::session::SessionDraft;
use hfk_akte::domain::workflow::CaseStatus;
use hfk_akte::store::cases::page::CaseDetail;
use hfk_akte::store::cases::search::CaseQuery;
use hfk_akte::store::vault::new_file::NewFile;

const USER: &str = "Geschäftsstelle";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
const CASES: usize = 40;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The same content as the binder, as one HTML page with page breaks.
fn html(cases: &[CaseDetail]) -> String {
    let mut out = String::from(
        "<!doctype html><html lang=de><meta charset=utf-8><style>\
         @page{size:A4;margin:20mm 20mm 28mm 25mm} body{font-family:'Noto Sans',sans-serif;font-size:10pt}\
         table{border-collapse:collapse;width:100%} th,td{border-bottom:1px solid #999;padding:3pt;text-align:left;vertical-align:top}\
         th{background:#eee} .case{break-before:page}</style><h1>Tagesordnung</h1><table><tr><th>TOP<th>Gegenstand<th>Eingebracht von</tr>",
    );
    for (i, c) in cases.iter().enumerate() {
        let name = c
            .persons
            .first()
            .map(|p| format!("{}, {}", p.family_name, p.given_names))
            .unwrap_or_default();
        out += &format!(
            "<tr><td>TOP {}<td>{}: {}<td>{}</tr>",
            i + 1,
            c.number,
            escape(&name),
            escape(&c.brought_by.name)
        );
    }
    out += "</table>";
    for c in cases {
        out += &format!(
            "<section class=case><h1>Fallübersicht {}</h1><p>Stand: {}</p>",
            c.number, c.status_label
        );
        out += &format!(
            "<h2>Eingang und Einbringung</h2><table><tr><th>Eingegangen am<td>{}</tr><tr><th>Eingebracht von<td>{}</tr>\
             <tr><th>Eingebracht am<td>{}</tr><tr><th>Ausländerbehörde<td>{}</tr><tr><th>Rechtsbeistand<td>{}</tr></table>",
            c.received_on.format("%d.%m.%Y"),
            escape(&c.brought_by.name),
            c.brought_in_on.format("%d.%m.%Y"),
            escape(c.office_name.as_deref().unwrap_or("nicht erfasst")),
            escape(c.counsel.as_deref().unwrap_or("nicht erfasst"))
        );
        out += "<h2>Betroffene Personen</h2><table><tr><th>Rolle<th>Name<th>Geboren<th>Staat<th>Aufenthalt</tr>";
        for p in &c.persons {
            out += &format!(
                "<tr><td>{}<td>{}, {}<td>{}<td>{}<td>{}</tr>",
                p.family_role_label,
                escape(&p.family_name),
                escape(&p.given_names),
                p.birth_date
                    .map(|d| d.format("%d.%m.%Y").to_string())
                    .unwrap_or_default(),
                p.nationality_name,
                p.residence_status_label.clone().unwrap_or_default()
            );
        }
        out += "</table><h2>Aufenthalts- und Asylverlauf</h2>";
        for p in &c.persons {
            out += &format!(
                "<p>{}, {}: {}</p>",
                escape(&p.family_name),
                escape(&p.given_names),
                escape(p.asylum_history.as_deref().unwrap_or("nicht erfasst"))
            );
        }
        out += "<h2>Härtegründe und negative Faktoren</h2>";
        for g in &c.grounds {
            out += &format!(
                "<p><b>{}</b><br>{}<br>Nachweise: {}</p>",
                escape(&g.label),
                escape(&g.description),
                escape(g.evidence.as_deref().unwrap_or(""))
            );
        }
        out += &format!(
            "<h2>Vorprüfung</h2><p>{}</p><h2>Stellungnahme der Ausländerbehörde</h2><p>{}</p>\
             <h2>Frühere Beratungen</h2><p>{}</p>",
            c.admissibility
                .as_ref()
                .map(|a| a.result_label.clone())
                .unwrap_or_else(|| "Noch keine Vorprüfung erfasst.".into()),
            escape(c.abh_content.as_deref().unwrap_or("nicht erfasst")),
            if c.deliberations.is_empty() {
                "Der Fall wurde noch nicht beraten."
            } else {
                ""
            }
        );
        out += &format!(
            "<h2>Lebensgeschichte</h2><p>{}</p></section>",
            escape(c.life_story.as_deref().unwrap_or(""))
        );
    }
    out
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|bin| {
            Command::new(bin)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

fn pages(pdf: &Path) -> String {
    Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .find(|l| l.starts_with("Pages:"))
                .map(|l| l.trim_start_matches("Pages:").trim().to_owned())
        })
        .unwrap_or_else(|| "?".into())
}

/// A text PDF of `pages` A4 pages (uncompressed, as the tests write them), `seed` making each
/// file different.
fn attached_pdf(pages: usize, seed: usize) -> Vec<u8> {
    let mut objects: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            (0..pages)
                .map(|i| format!("{} 0 R", 4 + 2 * i))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
    ];
    for page in 0..pages {
        let mut content = String::from("BT /F1 11 Tf 72 770 Td 14 TL");
        for line in 0..45 {
            content.push_str(&format!(
                " (Anlage {seed}, Seite {}, Zeile {line}: Bescheinigung ueber den Schulbesuch.) '",
                page + 1
            ));
        }
        content.push_str(" ET");
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * page
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let location = dir.path().join("bench.hfk");
    let new = NewFile::prepare(location.to_str().unwrap(), USER, PASSWORD, PASSWORD).unwrap();
    let (_lock, mut file) = new.create(new.recovery_key().last_block()).unwrap();
    // Enough for 40 admitted cases still waiting for a session (about one in seventy-five).
    file.fill_with_sample_cases(4000, 7).unwrap();
    let admitted = file
        .list_cases(&CaseQuery {
            status: Some(CaseStatus::Angenommen),
            limit: CASES as u32,
            ..CaseQuery::default()
        })
        .unwrap();
    assert!(
        admitted.rows.len() >= CASES,
        "not enough admitted sample cases"
    );
    let today = chrono::Local::now()
        .date_naive()
        .format("%d.%m.%Y")
        .to_string();
    let session = file
        .plan_session(&SessionDraft {
            held_on: today,
            start_time: "10:00".into(),
            place: "Potsdam".into(),
        })
        .unwrap();
    let mut details = Vec::new();
    for row in admitted.rows.iter().take(CASES) {
        file.schedule_case(session.id, row.id, None).unwrap();
        details.push(file.open_case(row.id).unwrap());
    }

    let binder = dir.path().join("mappe.pdf");
    file.export_binder(session.id, &binder).unwrap(); // warm-up
    let ours = median(
        (0..5)
            .map(|_| {
                let t = Instant::now();
                file.export_binder(session.id, &binder).unwrap();
                t.elapsed()
            })
            .collect(),
    );
    let size = std::fs::metadata(&binder).map(|m| m.len()).unwrap_or(0);

    // Where the time goes: layout (shaping, wrapping) versus writing the PDF.
    let fonts = hfk_akte::report::fonts::Fonts::load().unwrap();
    let t = Instant::now();
    let mut layout = hfk_akte::report::layout::Layout::new(&fonts);
    for c in &details {
        layout.new_page();
        hfk_akte::report::case_summary::lay_out(&mut layout, c, &c.number);
    }
    let (laid_pages, marks) = layout.finish("Bench", "Prüfkette: Eintrag 1, 00000000");
    let layout_time = t.elapsed();
    let t = Instant::now();
    hfk_akte::report::pdf::write(
        &fonts,
        &laid_pages,
        &marks,
        &hfk_akte::report::pdf::Metadata {
            title: "Bench",
            author: "Bench",
            subject: "Bench",
        },
    )
    .unwrap();
    let write_time = t.elapsed();
    println!("Session binder for {CASES} cases, median of 5 runs after one warm-up.\n");
    println!("| writer | pages | time | size |");
    println!("|---|---:|---:|---:|");
    println!(
        "| HFK-Akte (printpdf + rustybuzz) | {} | {:.2} s | {} KB |",
        pages(&binder),
        ours.as_secs_f64(),
        size / 1024
    );
    println!(
        "| of which: layout of the {CASES} summaries / PDF writing | | {:.2} s / {:.2} s | |",
        layout_time.as_secs_f64(),
        write_time.as_secs_f64()
    );
    let chromium_time = with_chromium(&dir, &details);
    if let Some(theirs) = chromium_time {
        println!(
            "\nRatio: Chromium takes {:.1}× as long.",
            theirs / ours.as_secs_f64()
        );
    }

    // The same binder with two marked PDFs of five pages per case (80 documents, 400 pages),
    // beside Chromium's print plus qpdf appending the documents.
    let mut attached = Vec::new();
    for (i, c) in details.iter().enumerate() {
        for k in 0..2 {
            let content = attached_pdf(5, i * 2 + k);
            let path = dir.path().join(format!("anlage-{i}-{k}.pdf"));
            std::fs::write(&path, &content).unwrap();
            attached.push(path);
            file.add_attachment(
                c.id,
                &hfk_akte::store::attachments::changes::ChosenFile {
                    file_name: format!("Anlage {k}.pdf"),
                    content,
                },
                &hfk_akte::domain::attachment::AttachmentDraft {
                    kind: "nachweis".into(),
                    title: format!("Nachweis {k}"),
                    received_on: "01.12.2026".into(),
                    person_id: None,
                    for_session: true,
                    ground_ids: Vec::new(),
                },
            )
            .unwrap();
        }
    }
    file.export_binder(session.id, &binder).unwrap(); // warm-up
    let with_documents = median(
        (0..5)
            .map(|_| {
                let t = Instant::now();
                file.export_binder(session.id, &binder).unwrap();
                t.elapsed()
            })
            .collect(),
    );
    println!(
        "\nWith 80 marked PDFs (400 pages) behind their cases: {} pages, {:.2} s, {} KB.",
        pages(&binder),
        with_documents.as_secs_f64(),
        std::fs::metadata(&binder).map(|m| m.len()).unwrap_or(0) / 1024
    );
    let merged = dir.path().join("zusammen.pdf");
    let base = dir.path().join("chromium.pdf");
    let base = if base.exists() {
        base
    } else {
        dir.path().join("mappe-ohne.pdf")
    };
    if !base.exists() {
        std::fs::write(&base, attached_pdf(77, 999)).unwrap();
    }
    let merge = || {
        let t = Instant::now();
        let mut qpdf = Command::new("qpdf");
        qpdf.arg("--empty").arg("--pages").arg(&base);
        qpdf.args(&attached);
        let out = qpdf.arg("--").arg(&merged).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        t.elapsed()
    };
    merge(); // warm-up
    let merging = median((0..3).map(|_| merge()).collect());
    match chromium_time {
        Some(print) => println!(
            "Chromium's print ({:.2} s) plus `qpdf --empty --pages` appending the 80 PDFs ({:.2} s): {:.2} s, {:.1}× ours.",
            print,
            merging.as_secs_f64(),
            print + merging.as_secs_f64(),
            (print + merging.as_secs_f64()) / with_documents.as_secs_f64()
        ),
        None => println!(
            "`qpdf --empty --pages` appending the 80 PDFs alone: {:.2} s (Chromium not installed).",
            merging.as_secs_f64()
        ),
    }
}

/// Chromium printing the same content as the binder, if installed; its median time.
fn with_chromium(dir: &tempfile::TempDir, details: &[CaseDetail]) -> Option<f64> {
    match chromium() {
        None => {
            println!("\nChromium is not installed: no comparison (make bench installs it).");
            None
        }
        Some(bin) => {
            let page = dir.path().join("mappe.html");
            std::fs::write(&page, html(details)).unwrap();
            let out = dir.path().join("chromium.pdf");
            let run = || {
                let t = Instant::now();
                let status = Command::new(bin)
                    .args([
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-pdf-header-footer",
                        &format!("--print-to-pdf={}", out.display()),
                    ])
                    .arg(&page)
                    .output()
                    .unwrap();
                assert!(
                    status.status.success(),
                    "{}",
                    String::from_utf8_lossy(&status.stderr)
                );
                t.elapsed()
            };
            run(); // warm-up
            let theirs = median((0..3).map(|_| run()).collect());
            let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
            println!(
                "| headless Chromium print-to-PDF | {} | {:.2} s | {} KB |",
                pages(&out),
                theirs.as_secs_f64(),
                size / 1024
            );
            Some(theirs.as_secs_f64())
        }
    }
}
