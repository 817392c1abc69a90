//! Text to positioned glyphs: the bidi algorithm orders the runs of a line, each run is split
//! by font and shaped with rustybuzz (Arabic joins, ligatures, kerning), and every glyph keeps
//! the text it stands for, so copying from the PDF gives the right characters.

use rustybuzz::{Direction, UnicodeBuffer};
use unicode_bidi::BidiInfo;

use crate::report::fonts::{FaceIndex, Fonts, Weight};

/// One glyph placed on a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub face: FaceIndex,
    pub id: u16,
    /// From the start of the line, in points.
    pub x: f32,
    pub y_offset: f32,
    /// The characters this glyph shows, in the order a text extractor reads them back
    /// (reversed inside right-to-left clusters). Empty for the further glyphs of a cluster.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ShapedLine {
    pub glyphs: Vec<Glyph>,
    pub width: f32,
}

/// Letters of right-to-left scripts (Hebrew, Arabic and their presentation forms).
fn is_right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Splits `text` into runs of one face each.
fn by_face<'t>(
    fonts: &Fonts,
    text: &'t str,
    weight: Weight,
    rtl: bool,
) -> Vec<(FaceIndex, &'t str)> {
    let mut runs: Vec<(FaceIndex, usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        let face = match runs.last() {
            // Spaces and punctuation stay with the run they are in.
            Some(&(last, _, _)) if !c.is_alphanumeric() => last,
            _ => fonts.face_for(c, weight, rtl),
        };
        match runs.last_mut() {
            Some((last, _, end)) if *last == face => *end = i + c.len_utf8(),
            _ => runs.push((face, i, i + c.len_utf8())),
        }
    }
    runs.into_iter()
        .map(|(face, start, end)| (face, &text[start..end]))
        .collect()
}

/// Shapes one run of one face and direction, appending its glyphs at `x`.
fn shape_run(
    fonts: &Fonts,
    face: FaceIndex,
    text: &str,
    rtl: bool,
    size: f32,
    x: &mut f32,
    out: &mut Vec<Glyph>,
) {
    let loaded = &fonts.faces[face];
    let direction = if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    };
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(direction);
    buffer.guess_segment_properties();
    let script = buffer.script();
    let language = buffer.language();
    let mut plans = fonts.plans.borrow_mut();
    let plan = plans.entry((face, rtl, script)).or_insert_with(|| {
        rustybuzz::ShapePlan::new(
            &loaded.face,
            direction,
            Some(script),
            language.as_ref(),
            &[],
        )
    });
    let shaped = rustybuzz::shape_with_plan(&loaded.face, plan, buffer);
    let scale = size / loaded.units_per_em;
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    // Where each cluster ends: the next larger cluster start, or the end of the text.
    let mut starts: Vec<usize> = infos.iter().map(|g| g.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut seen = std::collections::HashSet::new();
    for (info, pos) in infos.iter().zip(positions) {
        let start = info.cluster as usize;
        let end = match starts.binary_search(&start) {
            Ok(i) => starts.get(i + 1).copied().unwrap_or(text.len()),
            Err(_) => text.len(),
        };
        let cluster_text = if seen.insert(start) {
            let s = text.get(start..end).unwrap_or_default();
            if rtl {
                s.chars().rev().collect()
            } else {
                s.to_owned()
            }
        } else {
            String::new()
        };
        out.push(Glyph {
            face,
            id: u16::try_from(info.glyph_id).unwrap_or(0),
            x: *x + pos.x_offset as f32 * scale,
            y_offset: pos.y_offset as f32 * scale,
            text: cluster_text,
        });
        *x += pos.x_advance as f32 * scale;
    }
}

/// Shapes one line (no line breaks inside) in visual order.
pub fn shape_line(fonts: &Fonts, text: &str, weight: Weight, size: f32) -> ShapedLine {
    let mut line = ShapedLine::default();
    if text.is_empty() {
        return line;
    }
    let mut x = 0.0;
    // Most text has no right-to-left letters: no bidi analysis needed.
    if !text.chars().any(is_right_to_left) {
        for (face, piece) in by_face(fonts, text, weight, false) {
            shape_run(fonts, face, piece, false, size, &mut x, &mut line.glyphs);
        }
        line.width = x;
        return line;
    }
    // German documents: the base direction is left to right; Arabic runs inside are RTL.
    let bidi = BidiInfo::new(text, Some(unicode_bidi::Level::ltr()));
    for paragraph in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let rtl = levels[run.start].is_rtl();
            let mut pieces = by_face(fonts, &text[run.clone()], weight, rtl);
            if rtl {
                pieces.reverse();
            }
            for (face, piece) in pieces {
                shape_run(fonts, face, piece, rtl, size, &mut x, &mut line.glyphs);
            }
        }
    }
    line.width = x;
    line
}

/// The width of a piece of text on one line, in points.
pub fn width(fonts: &Fonts, text: &str, weight: Weight, size: f32) -> f32 {
    shape_line(fonts, text, weight, size).width
}

/// Whether a break at byte `at` would split a case number or code: a hyphen between a digit
/// or capital and a digit ("HFK-2026-001"). Names keep their hyphen breaks ("Petrlić-Woelke").
fn inside_number(text: &str, at: usize) -> bool {
    let mut before = text[..at].chars().rev();
    let after = text[at..].chars().next();
    matches!(
        (before.next(), before.next(), after),
        (Some('-'), Some(b), Some(a)) if a.is_ascii_digit() && (b.is_ascii_digit() || b.is_ascii_uppercase())
    )
}

/// The pieces of a text between the places a line may break (UAX #14), never inside a case
/// number; each piece keeps its trailing space.
fn pieces(text: &str) -> impl Iterator<Item = &str> {
    let mut last = 0;
    unicode_linebreak::linebreaks(text)
        .filter(move |(at, _)| !inside_number(text, *at))
        .map(move |(at, _)| {
            let piece = &text[last..at];
            last = at;
            piece
        })
}

/// The widest piece of a text that may not be broken (a word, a date, a case number).
pub fn widest_word(fonts: &Fonts, text: &str, weight: Weight, size: f32) -> f32 {
    pieces(text)
        .map(|piece| width(fonts, piece.trim_end(), weight, size))
        .fold(0.0, f32::max)
}

/// Breaks a paragraph into lines no wider than `max_width`, at the places Unicode allows
/// (UAX #14), and inside a word only when the word alone is too wide. Each piece is shaped
/// once; a line's width is the sum of its pieces.
pub fn wrap(fonts: &Fonts, text: &str, weight: Weight, size: f32, max_width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for hard in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        for piece in pieces(hard) {
            let full = width(fonts, piece, weight, size);
            let trimmed = piece.trim_end();
            let visible = if trimmed.len() == piece.len() {
                full
            } else {
                full - width(fonts, &piece[trimmed.len()..], weight, size)
            };
            if line.is_empty() || line_width + visible <= max_width {
                line.push_str(piece);
                line_width += full;
            } else {
                lines.push(line.trim_end().to_owned());
                line = piece.to_owned();
                line_width = full;
            }
            // A single piece wider than the line: cut it by characters.
            while width(fonts, line.trim_end(), weight, size) > max_width
                && line.chars().count() > 1
            {
                let mut cut = String::new();
                for c in line.chars() {
                    let next = format!("{cut}{c}");
                    if !cut.is_empty() && width(fonts, &next, weight, size) > max_width {
                        break;
                    }
                    cut = next;
                }
                let rest = line[cut.len()..].to_owned();
                lines.push(cut);
                line_width = width(fonts, &rest, weight, size);
                line = rest;
            }
        }
        lines.push(line.trim_end().to_owned());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_numbers_and_dates_stay_whole_but_names_may_break() {
        let fonts = Fonts::load().unwrap();
        let narrow = width(&fonts, "HFK-2026-", Weight::Regular, 10.0);
        assert_eq!(
            wrap(&fonts, "HFK-2026-001", Weight::Regular, 10.0, narrow + 80.0),
            ["HFK-2026-001"]
        );
        let wide = widest_word(
            &fonts,
            "am 03.09.2015 / HFK-2026-001",
            Weight::Regular,
            10.0,
        );
        assert_eq!(wide, width(&fonts, "HFK-2026-001", Weight::Regular, 10.0));
        let name = width(&fonts, "Petrlić-Woelke", Weight::Regular, 10.0) - 1.0;
        assert_eq!(
            wrap(&fonts, "Petrlić-Woelke", Weight::Regular, 10.0, name),
            ["Petrlić-", "Woelke"]
        );
    }

    #[test]
    fn arabic_comes_out_right_to_left_and_keeps_its_text() {
        let fonts = Fonts::load().unwrap();
        let line = shape_line(&fonts, "Familie حسن", Weight::Regular, 10.0);
        // The Latin word first, then the Arabic word, drawn right to left: its last letter
        // (in reading order) is drawn first.
        let texts: Vec<&str> = line.glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(texts.first(), Some(&"F"));
        let arabic: String = line
            .glyphs
            .iter()
            .filter(|g| g.face >= 2)
            .map(|g| g.text.as_str())
            .collect();
        assert_eq!(
            arabic, "نسح",
            "visual order, as a text extractor reverses it"
        );
        assert!(line.width > 30.0);
    }

    #[test]
    fn lines_break_between_words_and_inside_overlong_ones() {
        let fonts = Fonts::load().unwrap();
        let text = "Die Familie Petrlić-Woelke lebt seit 2015 in Cottbus; die Kinder gehen hier zur Schule.";
        let lines = wrap(&fonts, text, Weight::Regular, 10.0, 150.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(lines
            .iter()
            .all(|l| width(&fonts, l, Weight::Regular, 10.0) <= 150.0));
        assert_eq!(lines.join(" ").replace("- ", "-"), text);
        let long = "x".repeat(200);
        let lines = wrap(&fonts, &long, Weight::Regular, 10.0, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), long);
        assert_eq!(
            wrap(&fonts, "a\nb", Weight::Regular, 10.0, 100.0),
            ["a", "b"]
        );
    }
}
