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

pub(super) fn unreadable(message: impl Into<String>) -> Error {
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
    super::csv_text::read_csv(bytes)
}

fn password_protected() -> Error {
    unreadable("Die Arbeitsmappe ist mit einem Kennwort geschützt und kann nicht geöffnet werden. Bitte ohne Kennwort speichern und erneut wählen.")
}

fn read_zip_workbook(bytes: &[u8], sheet: Option<&str>) -> Result<Table> {
    if let Ok(mut book) = open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes)) {
        return sheet_table(&mut book, "Excel-Arbeitsmappe", sheet);
    }
    match open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes)) {
        Ok(mut book) => sheet_table(&mut book, "OpenDocument-Tabelle", sheet),
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
        Ok(mut book) => sheet_table(&mut book, "Excel-Arbeitsmappe (.xls)", sheet),
        Err(XlsError::Password) => Err(password_protected()),
        Err(e) => Err(unreadable(format!(
            "Die Excel-Arbeitsmappe (.xls) ist nicht lesbar ({e})."
        ))),
    }
}

/// The sheet asked for, or without a wish the first sheet that holds a list (a first sheet
/// of notes is passed over); the error of the first sheet when none does.
fn sheet_table<RS, R>(book: &mut R, kind: &str, wanted: Option<&str>) -> Result<Table>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let names = book.sheet_names();
    let mut read = |name: &String| -> Result<Table> {
        let range = book
            .worksheet_range(name)
            .map_err(|e| unreadable(format!("Das Blatt „{name}“ ist nicht lesbar ({e}).")))?;
        from_range(kind, names.clone(), name.clone(), &range)
    };
    if let Some(w) = wanted {
        let name = names.iter().find(|n| n.as_str() == w).ok_or_else(|| {
            unreadable(format!(
                "Die Arbeitsmappe hat kein Blatt „{w}“. Vorhanden: {}.",
                names.join(", ")
            ))
        })?;
        return read(name);
    }
    let mut first_error = None;
    for name in &names {
        match read(name) {
            Ok(table) => return Ok(table),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| unreadable("Die Arbeitsmappe enthält kein Blatt.")))
}

/// The day of an Excel serial number typed as a number (1900 system: 61 is 01.03.1900; the
/// days before Excel's phantom 29 February 1900 are not dates any list holds).
pub fn excel_serial_day(serial: f64) -> Option<NaiveDate> {
    if !(61.0..2_958_466.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(serial.floor() as u64))
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        // Kept as Excel shows it ("#REF!"), so the dry run names the cell (`is_formula_error`).
        Data::Error(e) => e.to_string(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "ja" } else { "nein" }.to_owned(),
        // By calamine's own conversion, which knows the 1904 system of old Mac workbooks.
        Data::DateTime(d) if (0.0..2_958_466.0).contains(&d.as_f64()) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{day:02}.{m:02}.{y:04}")
        }
        Data::DateTime(d) => d.as_f64().to_string(),
    }
}

fn from_range(
    kind: &str,
    sheets: Vec<String>,
    sheet: String,
    range: &calamine::Range<Data>,
) -> Result<Table> {
    let first_row = range.start().map_or(0, |(r, _)| r);
    let first_col = range.start().map_or(0, |(_, c)| c) as usize;
    let rows = range.rows().enumerate().map(|(i, cells)| {
        // Columns left of the used range are empty: keep the file's own column letters.
        let mut texts = vec![String::new(); first_col];
        texts.extend(cells.iter().map(cell_text));
        (first_row + i as u32 + 1, texts)
    });
    table(kind, None, sheets, Some(sheet), rows.collect())
}

/// The heading row: the first with at least two values, so that a title above the table
/// ("Härtefälle 2019", often a cell merged across the columns) is passed over.
fn heading_row(rows: &[(u32, Vec<String>)]) -> usize {
    let filled = |cells: &Vec<String>| cells.iter().filter(|c| !c.trim().is_empty()).count();
    rows.iter()
        .position(|(_, cells)| filled(cells) >= 2)
        .unwrap_or(0)
}

/// Builds the table: headings made unique and named where a cell is empty (merged heading
/// cells leave the cells after the first one empty), rows without any value left out.
pub(super) fn table(
    kind: &str,
    encoding: Option<String>,
    sheets: Vec<String>,
    sheet: Option<String>,
    mut raw_rows: Vec<(u32, Vec<String>)>,
) -> Result<Table> {
    let at = heading_row(&raw_rows);
    let raw_headings = if raw_rows.is_empty() {
        Vec::new()
    } else {
        raw_rows
            .drain(..=at)
            .next_back()
            .map(|(_, h)| h)
            .unwrap_or_default()
    };
    if raw_headings.iter().all(|h| h.trim().is_empty()) {
        return Err(unreadable(match &sheet {
            Some(name) => format!("Das Blatt „{name}“ ist leer."),
            None => "Die Datei enthält keine Überschriftenzeile.".to_owned(),
        }));
    }
    // As wide as the last column with a heading or a value: stray separators at the ends of
    // lines add no empty columns.
    let last = |cells: &Vec<String>| {
        cells
            .iter()
            .rposition(|c| !c.trim().is_empty())
            .map_or(0, |i| i + 1)
    };
    let width = raw_rows
        .iter()
        .map(|(_, r)| last(r))
        .chain([last(&raw_headings)])
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
    let rows: Vec<Row> = raw_rows
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(number, mut cells)| {
            cells.resize(width, String::new());
            Row { number, cells }
        })
        .collect();
    if rows.is_empty() {
        return Err(unreadable(
            "Die Liste enthält unter der Überschriftenzeile keine Zeilen.",
        ));
    }
    Ok(Table {
        kind: kind.to_owned(),
        encoding,
        sheets,
        sheet,
        headings,
        rows,
    })
}

/// Whether a cell holds a formula's error as Excel shows it.
pub fn is_formula_error(text: &str) -> bool {
    matches!(
        text,
        "#DIV/0!" | "#N/A" | "#NAME?" | "#NULL!" | "#NUM!" | "#REF!" | "#VALUE!" | "#DATA!"
    )
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

#[cfg(test)]
#[path = "source_tests.rs"]
mod tests;
