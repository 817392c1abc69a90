//! A CSV list: its encoding told (UTF-16 or UTF-8 by a byte-order mark, UTF-8, else
//! Windows-1252 by `encoding_rs`; mixed encodings refused with row and column), its separator
//! guessed, its records read by `csv` with the line numbers an editor shows.

use crate::domain::import::source::{column_letter, table, unreadable, Table};
use crate::Result;

/// The length of a valid UTF-8 sequence of two or more bytes starting at `bytes[0]`.
fn multibyte_len(bytes: &[u8]) -> Option<usize> {
    let len = match bytes.first()? {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let sequence = bytes.get(..len)?;
    std::str::from_utf8(sequence).ok().map(|_| len)
}

/// Where in the file a byte lies: its line, and its column counted by `separator` outside
/// quotes.
fn place(bytes: &[u8], at: usize, separator: u8) -> (usize, String) {
    let line_start = bytes[..at]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
    let mut quoted = false;
    let mut column = 0;
    for b in &bytes[line_start..at] {
        match *b {
            b'"' => quoted = !quoted,
            b if b == separator && !quoted => column += 1,
            _ => {}
        }
    }
    (line, column_letter(column))
}

/// The text of a CSV and how its encoding was told: UTF-16 or UTF-8 by a byte-order mark,
/// else UTF-8 when the whole file is valid, else Windows-1252. A file holding both valid
/// UTF-8 sequences and bytes that are not UTF-8 is refused: one of the two would come out
/// garbled ("Ćosić" as "Ä†osiÄ‡").
fn decode(bytes: &[u8]) -> Result<(String, String)> {
    for (mark, encoding, name) in [
        (
            &b"\xFF\xFE"[..],
            encoding_rs::UTF_16LE,
            "UTF-16 LE (mit Byte-Order-Mark)",
        ),
        (
            &b"\xFE\xFF"[..],
            encoding_rs::UTF_16BE,
            "UTF-16 BE (mit Byte-Order-Mark)",
        ),
    ] {
        if bytes.starts_with(mark) {
            let (text, _, had_errors) = encoding.decode(bytes);
            if had_errors {
                return Err(unreadable(format!("Die Datei ist kein gültiges {name}.")));
            }
            return Ok((text.into_owned(), name.to_owned()));
        }
    }
    let (body, with_mark) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    let Err(e) = std::str::from_utf8(body) else {
        let name = if with_mark {
            "UTF-8 (mit Byte-Order-Mark)"
        } else {
            "UTF-8"
        };
        return Ok((String::from_utf8_lossy(body).into_owned(), name.to_owned()));
    };
    let separator = separator(&String::from_utf8_lossy(&body[..body.len().min(4096)]));
    let bad = e.valid_up_to();
    let mut i = 0;
    while i < body.len() {
        if body[i] < 0x80 {
            i += 1;
            continue;
        }
        if multibyte_len(&body[i..]).is_some() {
            let (utf8_line, utf8_column) = place(body, i, separator);
            let (line, column) = place(body, bad, separator);
            return Err(unreadable(format!(
                "Die Datei mischt zwei Zeichenkodierungen: Zeile {utf8_line}, Spalte {utf8_column} ist UTF-8, Zeile {line}, Spalte {column} nicht (etwa Windows-1252). Bitte die Liste einheitlich (am besten als UTF-8) speichern."
            )));
        }
        i += 1;
    }
    if with_mark {
        let (line, column) = place(body, bad, separator);
        return Err(unreadable(format!(
            "Die Datei ist als UTF-8 gekennzeichnet, aber Zeile {line}, Spalte {column} ist kein UTF-8. Bitte die Liste einheitlich speichern."
        )));
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(body);
    Ok((
        text.into_owned(),
        "Windows-1252 (kein gültiges UTF-8)".to_owned(),
    ))
}

/// The separator of a CSV: the one of `;`, `,` and tab used most in the first lines (a
/// title line has none), `;` on a tie, as German Excel writes it.
fn separator(text: &str) -> u8 {
    let head: String = text.lines().take(5).collect::<Vec<_>>().join("\n");
    [b'\t', b',', b';']
        .into_iter()
        .max_by_key(|s| head.bytes().filter(|b| b == s).count())
        .unwrap_or(b';')
}

pub(super) fn read_csv(bytes: &[u8]) -> Result<Table> {
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if !utf16 && bytes.iter().take(8192).any(|b| *b == 0) {
        return Err(unreadable(
            "Die Datei ist weder eine Tabelle (.xlsx, .xls, .ods) noch eine CSV-Datei.",
        ));
    }
    let (text, encoding) = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let (mut lines, mut counted_to) = (0usize, 0usize);
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            unreadable(format!(
                "Zeile {}: die CSV-Zeile ist nicht lesbar ({e}).",
                i + 1
            ))
        })?;
        // The line the record starts on, as an editor numbers it: the reader's own count
        // differs with CR LF line ends, and its offset lies before any empty lines it skipped.
        // Counted on from the last record, so that a long list is read in one pass.
        let bytes = text.as_bytes();
        let mut at = record
            .position()
            .map_or(counted_to, |p| p.byte() as usize)
            .min(bytes.len());
        while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        lines += bytes[counted_to.min(at)..at]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        counted_to = counted_to.max(at);
        let line = (lines + 1) as u32;
        records.push((line, record.iter().map(str::to_owned).collect::<Vec<_>>()));
    }
    table("CSV", Some(encoding), Vec::new(), None, records)
}
