//! The charts of *Auswertungen*, drawn once as marks (bars, lines, labels in points, y from
//! the top) and then written two ways: as SVG for the window and as vector marks on a PDF
//! page in the report's fonts (`draw`). Grays, not colours, so that the printed report reads
//! the same in black and white, and every bar carries its number.

use std::fmt::Write;

use crate::domain::statistics::{german_number, Report, SMALL_NUMBER_LIMIT};
use crate::report::fonts::Weight;
use crate::report::layout::{Item, Layout, LEFT, TEXT_WIDTH};
use crate::report::shaping;

/// Where a label's x is: its start, its middle or its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Bar {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: f32,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    Label {
        x: f32,
        baseline: f32,
        text: String,
        anchor: Anchor,
        size: f32,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// What the chart shows, also its accessible name.
    pub title: String,
    pub width: f32,
    pub height: f32,
    pub marks: Vec<Mark>,
}

/// The grays of the series, dark to light; the lightest still 3:1 against white (WCAG 1.4.11).
const GRAYS: [f32; 3] = [0.15, 0.38, 0.56];
const LABEL_SIZE: f32 = 8.0;
const LABEL_CHARS: usize = 44;

fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
        format!("{cut}…")
    }
}

/// Horizontal bars, one per (label, value); `None` is a hidden small number, shown as "< 3"
/// without a bar.
fn horizontal(title: String, bars: &[(String, Option<u32>)]) -> Chart {
    let width = TEXT_WIDTH;
    let (label_width, value_room, step) = (190.0, 36.0, 15.0);
    let room = width - label_width - value_room;
    let most = bars
        .iter()
        .filter_map(|(_, v)| *v)
        .max()
        .unwrap_or(0)
        .max(1) as f32;
    let mut marks = Vec::new();
    for (i, (label, value)) in bars.iter().enumerate() {
        let top = i as f32 * step;
        let baseline = top + step - 4.5;
        marks.push(Mark::Label {
            x: label_width - 6.0,
            baseline,
            text: short(label),
            anchor: Anchor::End,
            size: LABEL_SIZE,
        });
        let length = value.map_or(0.0, |v| room * v as f32 / most);
        if length > 0.0 {
            marks.push(Mark::Bar {
                x: label_width,
                y: top + 2.0,
                w: length,
                h: step - 4.0,
                gray: GRAYS[0],
            });
        }
        let text = value.map_or_else(|| format!("< {SMALL_NUMBER_LIMIT}"), german_number);
        marks.push(Mark::Label {
            x: label_width + length + 4.0,
            baseline,
            text,
            anchor: Anchor::Start,
            size: LABEL_SIZE,
        });
    }
    let height = bars.len() as f32 * step + 4.0;
    marks.push(Mark::Line {
        x1: label_width,
        y1: 0.0,
        x2: label_width,
        y2: height - 2.0,
    });
    Chart {
        title,
        width,
        height,
        marks,
    }
}

/// The cases at each stage of the stage table.
pub fn stages(report: &Report) -> Chart {
    let bars: Vec<_> = report
        .stages
        .lines
        .iter()
        .map(|l| (l.label.to_owned(), Some(l.count.cases)))
        .collect();
    horizontal(
        format!("Fälle nach Stand, {}", report.stages.period_label),
        &bars,
    )
}

/// How many countries the chart of countries shows.
pub const TOP_COUNTRIES: usize = 10;

/// The countries of origin (main person) with the most cases received.
pub fn countries(report: &Report) -> Option<Chart> {
    let table = report
        .cross
        .iter()
        .find(|t| t.code == "herkunft_hauptperson")?;
    let bars: Vec<_> = table
        .rows
        .iter()
        .filter(|r| r.cells.first().is_some_and(|c| c.hidden || c.value > 0))
        .take(TOP_COUNTRIES)
        .map(|r| {
            let cell = r.cells[0];
            (r.label.clone(), (!cell.hidden).then_some(cell.value))
        })
        .collect();
    (!bars.is_empty()).then(|| {
        horizontal(
            match bars.len() {
                1 => format!(
                    "Eingänge nach Herkunftsland der Hauptperson, {}",
                    report.stages.period_label
                ),
                n => format!(
                    "Eingänge nach Herkunftsland der Hauptperson (die {n} häufigsten), {}",
                    report.stages.period_label
                ),
            },
            &bars,
        )
    })
}

/// The series: received, deliberated and orders per year, side by side, with a legend.
pub fn series(report: &Report) -> Option<Chart> {
    let rows = &report.series.rows;
    if rows.is_empty() {
        return None;
    }
    // Received, deliberated, order (columns 0, 1, 3 of the series).
    let shown = [0usize, 1, 3];
    let (width, plot_top, plot_height, axis_room) = (TEXT_WIDTH, 22.0, 150.0, 16.0);
    let most = rows
        .iter()
        .flat_map(|r| shown.iter().map(|i| r.cases.get(*i).copied().unwrap_or(0)))
        .max()
        .unwrap_or(0)
        .max(1) as f32;
    let mut marks = Vec::new();
    let mut x = 0.0;
    for (gray, column) in GRAYS.iter().zip(shown) {
        let name = report.series.columns.get(column).copied().unwrap_or("");
        let name = name.split(" (").next().unwrap_or(name);
        marks.push(Mark::Bar {
            x,
            y: 4.0,
            w: 9.0,
            h: 9.0,
            gray: *gray,
        });
        marks.push(Mark::Label {
            x: x + 13.0,
            baseline: 12.0,
            text: name.to_owned(),
            anchor: Anchor::Start,
            size: LABEL_SIZE,
        });
        x += 13.0 + 7.0 * name.chars().count() as f32 * 0.75 + 14.0;
    }
    let slot = width / rows.len() as f32;
    let bar = (slot * 0.8 / shown.len() as f32).min(28.0);
    let base = plot_top + plot_height;
    for (i, row) in rows.iter().enumerate() {
        let left = i as f32 * slot + (slot - bar * shown.len() as f32) / 2.0;
        for (j, (gray, column)) in GRAYS.iter().zip(shown).enumerate() {
            let value = row.cases.get(column).copied().unwrap_or(0);
            let h = (plot_height - 12.0) * value as f32 / most;
            let x = left + j as f32 * bar;
            marks.push(Mark::Bar {
                x,
                y: base - h,
                w: bar - 1.0,
                h,
                gray: *gray,
            });
            // A number only where it fits above its bar (the table below has them all).
            let text = german_number(value);
            if bar >= 3.6 * text.chars().count() as f32 {
                marks.push(Mark::Label {
                    x: x + bar / 2.0,
                    baseline: base - h - 2.0,
                    text,
                    anchor: Anchor::Middle,
                    size: LABEL_SIZE - 1.5,
                });
            }
        }
        marks.push(Mark::Label {
            x: i as f32 * slot + slot / 2.0,
            baseline: base + 11.0,
            text: row.year.to_string(),
            anchor: Anchor::Middle,
            size: LABEL_SIZE,
        });
    }
    marks.push(Mark::Line {
        x1: 0.0,
        y1: base,
        x2: width,
        y2: base,
    });
    Some(Chart {
        title: "Eingänge, beratene Fälle und Anordnungen je Jahr".to_owned(),
        width,
        height: base + axis_room,
        marks,
    })
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn rgb(gray: f32) -> u8 {
    (gray.clamp(0.0, 1.0) * 255.0).round() as u8
}

impl Chart {
    /// The chart as an SVG document, its title as the accessible name.
    pub fn to_svg(&self) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.1} {h:.1}" width="{w:.1}" height="{h:.1}" role="img" font-family="Noto Sans, DejaVu Sans, sans-serif"><title>{t}</title>"#,
            w = self.width,
            h = self.height,
            t = escape(&self.title)
        );
        for mark in &self.marks {
            let _ = match mark {
                Mark::Bar { x, y, w, h, gray } => {
                    let g = rgb(*gray);
                    write!(
                        out,
                        r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="rgb({g},{g},{g})"/>"#
                    )
                }
                Mark::Line { x1, y1, x2, y2 } => write!(
                    out,
                    r##"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="#737373" stroke-width="0.7"/>"##
                ),
                Mark::Label {
                    x,
                    baseline,
                    text,
                    anchor,
                    size,
                } => {
                    let anchor = match anchor {
                        Anchor::Start => "start",
                        Anchor::Middle => "middle",
                        Anchor::End => "end",
                    };
                    write!(
                        out,
                        r#"<text x="{x:.1}" y="{baseline:.1}" font-size="{size:.1}" text-anchor="{anchor}" fill="black">{}</text>"#,
                        escape(text)
                    )
                }
            };
        }
        out.push_str("</svg>");
        out
    }

    /// The chart on the current page at the cursor, its title above it, as vectors.
    pub fn draw(&self, layout: &mut Layout<'_>) {
        layout.ensure(self.height + 30.0);
        layout.paragraph(&self.title, Weight::Bold, 9.0);
        layout.space(4.0);
        let top = layout.cursor();
        let fonts = layout.fonts();
        for mark in &self.marks {
            match mark {
                Mark::Bar { x, y, w, h, gray } => layout.draw(Item::Shade {
                    x: LEFT + x,
                    y: top - y - h,
                    w: *w,
                    h: *h,
                    gray: *gray,
                }),
                Mark::Line { x1, y1, x2, y2 } => layout.draw(Item::Rule {
                    x1: LEFT + x1,
                    y1: top - y1,
                    x2: LEFT + x2,
                    y2: top - y2,
                    width: 0.7,
                }),
                Mark::Label {
                    x,
                    baseline,
                    text,
                    anchor,
                    size,
                } => {
                    let width = shaping::width(fonts, text, Weight::Regular, *size);
                    let start = match anchor {
                        Anchor::Start => *x,
                        Anchor::Middle => x - width / 2.0,
                        Anchor::End => x - width,
                    };
                    // `put_at` takes the top of the line; its baseline is `size` below.
                    layout.put_at(
                        LEFT + start,
                        top - baseline + size,
                        text,
                        Weight::Regular,
                        *size,
                    );
                }
            }
        }
        layout.set_cursor(top - self.height - 8.0);
    }
}

#[cfg(test)]
#[path = "chart_tests.rs"]
mod tests;
