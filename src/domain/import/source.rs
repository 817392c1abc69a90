//! Reading an old list: a workbook (.xlsx, .xls, .ods, by `calamine`) or a CSV (by `csv`,
//! its encoding guessed with `encoding_rs`: UTF-8 with or without a byte-order mark, else
//! Windows-1252). The kind is told by the content, never by the file's name. Every cell
//! comes out as text; a date cell of a workbook as TT.MM.JJJJ, a formula as its value.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Ods, Reader, Xls, XlsError, Xlsx};
use chrono::{Days, NaiveDate};
use serde::Serialize;
use specta::Type;

use crate::{Error, Result};

/// The largest list read (a workbook of 50,000 rows is about 5 MB).
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// A list as read: its headings (made unique) and its rows, each with the row number the
/// file shows (the heading is row 1).
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Table {
    /// "Excel-Arbeitsmappe", "OpenDocument-Tabelle" or "CSV".
    pub kind: String,
    /// For a CSV, the encoding found, with how it was told.
    pub encoding: Option<String>,
    /// All sheets of a workbook, and the one read.
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    pub headings: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Row {
    pub number: u32,
    pub cells: Vec<String>,
}

const FIELD: &str = "Liste";

fn unreadable(message: impl Into<String>) -> Error {
    Error::invalid(FIELD, message)
}

/// Reads a list from its bytes; `sheet` names the sheet of a workbook (the first if none).
pub fn read_list(bytes: &[u8], sheet: Option<&str>) -> Result<Table> {
    if bytes.is_empty() {
        return Err(unreadable("Die Datei ist leer."));
    }
    if bytes.len() > MAX_BYTES {
        return Err(unreadable(format!(
            "Die Datei ist größer als {} MB und wird nicht gelesen.",
            MAX_BYTES / 1024 / 1024
        )));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return read_zip_workbook(bytes, sheet);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return read_ole_workbook(bytes, sheet);
    }
    read_csv(bytes)
}

fn password_protected() -> Error {
    unreadable("Die Arbeitsmappe ist mit einem Kennwort geschützt und kann nicht geöffnet werden. Bitte ohne Kennwort speichern und erneut wählen.")
}

fn read_zip_workbook(bytes: &[u8], sheet: Option<&str>) -> Result<Table> {
    if let Ok(mut book) = open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes)) {
        let names = book.sheet_names();
        let name = choose_sheet(&names, sheet)?;
        let range = book
            .worksheet_range(&name)
            .map_err(|e| unreadable(format!("Das Blatt „{name}“ ist nicht lesbar ({e}).")))?;
        return Ok(from_range("Excel-Arbeitsmappe", names, name, &range));
    }
    match open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes)) {
        Ok(mut book) => {
            let names = book.sheet_names();
            let name = choose_sheet(&names, sheet)?;
            let range = book
                .worksheet_range(&name)
                .map_err(|e| unreadable(format!("Das Blatt „{name}“ ist nicht lesbar ({e}).")))?;
            Ok(from_range("OpenDocument-Tabelle", names, name, &range))
        }
        Err(calamine::OdsError::Password) => Err(password_protected()),
        Err(_) => Err(unreadable(
            "Die Datei ist ein ZIP-Archiv, aber weder eine Excel- noch eine OpenDocument-Tabelle.",
        )),
    }
}

fn read_ole_workbook(bytes: &[u8], sheet: Option<&str>) -> Result<Table> {
    // An .xlsx saved with a password is an OLE file holding the encrypted package.
    let marker: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    if bytes.windows(marker.len()).any(|w| w == marker) {
        return Err(password_protected());
    }
    match open_workbook_from_rs::<Xls<_>, _>(Cursor::new(bytes)) {
        Ok(mut book) => {
            let names = book.sheet_names();
            let name = choose_sheet(&names, sheet)?;
            let range = book
                .worksheet_range(&name)
                .map_err(|e| unreadable(format!("Das Blatt „{name}“ ist nicht lesbar ({e}).")))?;
            Ok(from_range("Excel-Arbeitsmappe (.xls)", names, name, &range))
        }
        Err(XlsError::Password) => Err(password_protected()),
        Err(e) => Err(unreadable(format!(
            "Die Excel-Arbeitsmappe (.xls) ist nicht lesbar ({e})."
        ))),
    }
}

fn choose_sheet(names: &[String], wanted: Option<&str>) -> Result<String> {
    match wanted {
        Some(w) => names
            .iter()
            .find(|n| n.as_str() == w)
            .cloned()
            .ok_or_else(|| {
                unreadable(format!(
                    "Die Arbeitsmappe hat kein Blatt „{w}“. Vorhanden: {}.",
                    names.join(", ")
                ))
            }),
        None => names
            .first()
            .cloned()
            .ok_or_else(|| unreadable("Die Arbeitsmappe enthält kein Blatt.")),
    }
}

/// Day 0 of Excel's serial dates (1900 system, counting its phantom 29 February 1900).
pub fn excel_serial_day(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(serial.floor() as u64))
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "ja" } else { "nein" }.to_owned(),
        Data::DateTime(d) => excel_serial_day(d.as_f64())
            .map(|day| day.format("%d.%m.%Y").to_string())
            .unwrap_or_else(|| d.as_f64().to_string()),
    }
}

fn from_range(
    kind: &str,
    sheets: Vec<String>,
    sheet: String,
    range: &calamine::Range<Data>,
) -> Table {
    let first_row = range.start().map_or(0, |(r, _)| r);
    let first_col = range.start().map_or(0, |(_, c)| c) as usize;
    let mut rows = range.rows().enumerate().map(|(i, cells)| {
        // Columns left of the used range are empty: keep the file's own column letters.
        let mut texts = vec![String::new(); first_col];
        texts.extend(cells.iter().map(cell_text));
        (first_row + i as u32 + 1, texts)
    });
    let headings = rows.next().map(|(_, h)| h).unwrap_or_default();
    table(kind, None, sheets, Some(sheet), headings, rows.collect())
}

/// Builds the table: headings made unique and named where a cell is empty (merged heading
/// cells leave the cells after the first one empty), rows without any value left out.
fn table(
    kind: &str,
    encoding: Option<String>,
    sheets: Vec<String>,
    sheet: Option<String>,
    raw_headings: Vec<String>,
    raw_rows: Vec<(u32, Vec<String>)>,
) -> Table {
    let width = raw_rows
        .iter()
        .map(|(_, r)| r.len())
        .chain([raw_headings.len()])
        .max()
        .unwrap_or(0);
    let mut headings: Vec<String> = Vec::with_capacity(width);
    for i in 0..width {
        let raw = raw_headings.get(i).map_or("", |h| h.trim());
        let base = if raw.is_empty() {
            format!("Spalte {} (ohne Überschrift)", column_letter(i))
        } else {
            raw.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let mut name = base.clone();
        let mut n = 2;
        while headings.contains(&name) {
            name = format!("{base} ({n})");
            n += 1;
        }
        headings.push(name);
    }
    let rows = raw_rows
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(number, mut cells)| {
            cells.resize(width, String::new());
            Row { number, cells }
        })
        .collect();
    Table {
        kind: kind.to_owned(),
        encoding,
        sheets,
        sheet,
        headings,
        rows,
    }
}

/// A column as a spreadsheet names it: A … Z, AA …
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The text of a CSV and how its encoding was told. A file whose lines are partly valid
/// UTF-8 with umlauts and partly not is refused: one of the two would come out garbled.
fn decode(bytes: &[u8]) -> Result<(String, String)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok((text.to_owned(), "UTF-8 (mit Byte-Order-Mark)".to_owned())),
            Err(e) => Err(mixed(rest, e.valid_up_to())),
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_owned(), "UTF-8".to_owned())),
        Err(e) => {
            let before = &bytes[..e.valid_up_to()];
            if before.iter().any(|b| *b >= 0x80) {
                return Err(mixed(bytes, e.valid_up_to()));
            }
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            // Valid UTF-8 umlauts later in a Windows-1252 file mean two encodings.
            if text.contains('Ã') || text.contains("â€") {
                let at = text.find(['Ã', 'â']).unwrap_or(0);
                let line = text[..at].matches('\n').count() + 1;
                return Err(unreadable(format!(
                    "Die Datei mischt zwei Zeichenkodierungen: Zeile {} ist UTF-8, Zeile {} Windows-1252. Bitte die Liste einheitlich (am besten als UTF-8) speichern.",
                    line,
                    bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1
                )));
            }
            Ok((
                text.into_owned(),
                "Windows-1252 (kein gültiges UTF-8)".to_owned(),
            ))
        }
    }
}

/// The error for a file that starts as UTF-8 with umlauts and then is not: names the row
/// and the column of the first byte that is not UTF-8.
fn mixed(bytes: &[u8], at: usize) -> Error {
    let line_start = bytes[..at]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
    let column = bytes[line_start..at]
        .iter()
        .filter(|b| matches!(b, b';' | b',' | b'\t'))
        .count();
    unreadable(format!(
        "Die Datei mischt zwei Zeichenkodierungen: bis Zeile {line} UTF-8, in Zeile {line}, Spalte {} ein Zeichen in einer anderen Kodierung (etwa Windows-1252). Bitte die Liste einheitlich (am besten als UTF-8) speichern.",
        column_letter(column)
    ))
}

/// The separator of a CSV: the one of `;`, `,` and tab that the heading line uses most.
fn separator(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|s| first.bytes().filter(|b| b == s).count())
        .unwrap_or(b';')
}

fn read_csv(bytes: &[u8]) -> Result<Table> {
    if bytes.iter().take(8192).any(|b| *b == 0) {
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
    let mut records = records.into_iter();
    let headings = records.next().map(|(_, h)| h).unwrap_or_default();
    if headings.iter().all(|h| h.trim().is_empty()) {
        return Err(unreadable("Die Datei enthält keine Überschriftenzeile."));
    }
    Ok(table(
        "CSV",
        Some(encoding),
        Vec::new(),
        None,
        headings,
        records.collect(),
    ))
}

#[cfg(test)]
#[path = "source_tests.rs"]
mod tests;
