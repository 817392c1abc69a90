//! The report of *Auswertungen* as a spreadsheet (.xlsx, rust_xlsxwriter): one sheet per
//! table with numbers as numbers ("< 3" as text in the published variant), and a sheet of
//! explanations.

use chrono::{DateTime, Utc};
use rust_xlsxwriter::{DocProperties, Format, Workbook, Worksheet, XlsxError};

use crate::domain::statistics::{CrossTable, Report, SMALL_NUMBER_LIMIT};
use crate::{Error, Result};

fn failed(e: XlsxError) -> Error {
    Error::Internal(format!("Tabelle: {e}"))
}

fn header(
    sheet: &mut Worksheet,
    titles: &[&str],
    bold: &Format,
) -> std::result::Result<(), XlsxError> {
    for (col, title) in (0u16..).zip(titles) {
        sheet.write_string_with_format(0, col, *title, bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn stages(
    book: &mut Workbook,
    report: &Report,
    bold: &Format,
) -> std::result::Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name("Nach Stand")?;
    header(
        sheet,
        &[
            "Kennzahl",
            "Bezeichnung",
            "Fälle",
            "Personen",
            "davon minderjährig",
        ],
        bold,
    )?;
    let mut row = 1;
    for line in &report.stages.lines {
        sheet.write_string(row, 0, line.code)?;
        sheet.write_string(row, 1, line.label)?;
        sheet.write_number(row, 2, line.count.cases)?;
        sheet.write_number(row, 3, line.count.persons)?;
        sheet.write_number(row, 4, line.count.minors)?;
        row += 1;
    }
    sheet.write_string(row, 0, "sitzungen")?;
    sheet.write_string(row, 1, "Sitzungen im Zeitraum")?;
    sheet.write_number(row, 2, report.stages.sessions_held)?;
    row += 1;
    sheet.write_string(row, 0, "anordnungsquote")?;
    sheet.write_string(row, 1, "Anordnungsquote (Prozent)")?;
    if let Some(rate) = report.stages.order_rate {
        sheet.write_number(row, 2, rate)?;
    }
    sheet.set_column_width(1, 44)?;
    Ok(())
}

fn cross(
    book: &mut Workbook,
    table: &CrossTable,
    bold: &Format,
) -> std::result::Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(table.sheet)?;
    let mut titles = vec!["Merkmal"];
    titles.extend(table.columns.iter().copied());
    header(sheet, &titles, bold)?;
    let mut row = 1;
    for line in &table.rows {
        sheet.write_string(row, 0, &line.label)?;
        for (col, cell) in (1u16..).zip(&line.cells) {
            if cell.hidden {
                sheet.write_string(row, col, cell.text(SMALL_NUMBER_LIMIT))?;
            } else {
                sheet.write_number(row, col, cell.value)?;
            }
        }
        row += 1;
    }
    sheet.write_string_with_format(row, 0, format!("Summe ({})", table.unit), bold)?;
    for (col, value) in (1u16..).zip(&table.total) {
        sheet.write_number_with_format(row, col, *value, bold)?;
    }
    sheet.set_column_width(0, 44)?;
    Ok(())
}

fn series(
    book: &mut Workbook,
    report: &Report,
    bold: &Format,
) -> std::result::Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name("Zeitreihe")?;
    let mut titles = vec!["Jahr", "Sitzungen"];
    titles.extend(report.series.columns.iter().copied());
    header(sheet, &titles, bold)?;
    for (row, line) in (1u32..).zip(&report.series.rows) {
        sheet.write_number(row, 0, line.year)?;
        sheet.write_number(row, 1, line.sessions)?;
        for (col, value) in (2u16..).zip(&line.cases) {
            sheet.write_number(row, col, *value)?;
        }
    }
    Ok(())
}

fn explanations(
    book: &mut Workbook,
    report: &Report,
    bold: &Format,
) -> std::result::Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name("Erläuterungen")?;
    header(sheet, &["Begriff", "Erläuterung"], bold)?;
    let wrap = Format::new().set_text_wrap();
    let mut row = 1;
    let mut put =
        |sheet: &mut Worksheet, term: &str, text: &str| -> std::result::Result<(), XlsxError> {
            sheet.write_string(row, 0, term)?;
            sheet.write_string_with_format(row, 1, text, &wrap)?;
            row += 1;
            Ok(())
        };
    put(sheet, "Zeitraum", &report.stages.period_label)?;
    put(sheet, "Fassung", report.variant_label)?;
    for note in &report.notes {
        put(sheet, "Allgemein", note)?;
    }
    for line in &report.stages.lines {
        put(sheet, line.label, line.definition)?;
    }
    for table in &report.cross {
        put(sheet, table.title, table.definition)?;
    }
    put(sheet, "Zeitreihe", report.series.definition)?;
    sheet.set_column_width(0, 36)?;
    sheet.set_column_width(1, 100)?;
    Ok(())
}

/// The workbook's bytes; `created` is the file's clock.
pub fn to_xlsx(
    report: &Report,
    title: &str,
    author: &str,
    created: DateTime<Utc>,
) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author(author)
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    stages(&mut book, report, &bold).map_err(failed)?;
    for table in &report.cross {
        cross(&mut book, table, &bold).map_err(failed)?;
    }
    series(&mut book, report, &bold).map_err(failed)?;
    explanations(&mut book, report, &bold).map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}
