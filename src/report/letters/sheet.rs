//! A letter that leaves the commission, laid out after DIN 5008 form B: the return line and
//! the recipient in the address field 45 mm from the top (for window envelopes), the
//! information block on the right, the subject, the text, the closing and the signature.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::report::fonts::Weight;
use crate::report::layout::{Layout, BODY, LEFT, PAGE_HEIGHT};

const MM: f32 = 72.0 / 25.4;
const TEXT: f32 = BODY + 1.0;

/// One line of the information block beside the address field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct InfoLine {
    pub label: String,
    pub value: String,
}

/// Everything a letter shows, filled in: what the window lets the secretariat edit before
/// the letter is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct LetterSheet {
    /// The small return line above the recipient.
    pub sender_line: String,
    /// The recipient's address, one entry per line.
    pub recipient: Vec<String>,
    /// The information block: label and value ("Unser Zeichen", "Datum" …).
    pub info: Vec<InfoLine>,
    pub subject: String,
    /// Salutation to the last paragraph; paragraphs separated by a blank line.
    pub body: String,
    pub closing: String,
    pub signature: String,
}

fn from_top(mm: f32) -> f32 {
    PAGE_HEIGHT - mm * MM
}

/// The body's paragraphs, each as its lines (a list placeholder fills one line per entry).
fn paragraphs(body: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in body.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Lays the letter out from the top of a fresh layout.
pub fn lay_out(layout: &mut Layout<'_>, sheet: &LetterSheet, bookmark: &str) {
    layout.bookmark(bookmark);
    layout.outgoing_letter();
    layout.put_at(
        LEFT,
        from_top(45.0) + 2.0,
        &sheet.sender_line,
        Weight::Regular,
        6.5,
    );
    for (i, line) in sheet.recipient.iter().enumerate() {
        layout.put_at(
            LEFT,
            from_top(62.7) - i as f32 * 13.0,
            line,
            Weight::Regular,
            TEXT,
        );
    }
    let info_x = 125.0 * MM;
    for (i, line) in sheet.info.iter().enumerate() {
        let top = from_top(50.0) - i as f32 * 26.0;
        layout.put_at(info_x, top, &line.label, Weight::Regular, 7.5);
        layout.put_at(info_x, top - 10.0, &line.value, Weight::Regular, BODY);
    }
    layout.set_cursor(from_top(103.4));
    layout.paragraph(&sheet.subject, Weight::Bold, TEXT);
    layout.space(14.0);
    for paragraph in paragraphs(&sheet.body) {
        for line in paragraph {
            layout.paragraph(line, Weight::Regular, TEXT);
        }
        layout.space(8.0);
    }
    layout.space(4.0);
    for paragraph in paragraphs(&sheet.closing) {
        for line in paragraph {
            layout.paragraph(line, Weight::Regular, TEXT);
        }
    }
    // Room for the handwritten signature.
    layout.space(30.0);
    for paragraph in paragraphs(&sheet.signature) {
        for line in paragraph {
            layout.paragraph(line, Weight::Regular, TEXT);
        }
        layout.space(4.0);
    }
}

#[cfg(test)]
mod tests {
    use super::paragraphs;

    #[test]
    fn blank_lines_part_paragraphs_and_single_breaks_keep_lines() {
        let body = "Guten Tag,\n\n– Eins\n– Zwei\n  \n\nSchluss.\n";
        assert_eq!(
            paragraphs(body),
            vec![
                vec!["Guten Tag,"],
                vec!["– Eins", "– Zwei"],
                vec!["Schluss."]
            ]
        );
    }
}
