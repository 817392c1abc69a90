use super::*;

fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *value).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn a_csv_in_windows_1252_with_semicolons_is_read_and_its_encoding_named() {
    let (bytes, _, unmappable) =
        encoding_rs::WINDOWS_1252.encode("Name;Eingang\nWeiß;01.02.2019\nMüller;03.04.2019\n");
    assert!(!unmappable);
    let table = read_list(&bytes, None).unwrap();
    assert_eq!(table.kind, "CSV");
    assert!(table
        .encoding
        .as_deref()
        .unwrap()
        .starts_with("Windows-1252"));
    assert_eq!(table.headings, ["Name", "Eingang"]);
    assert_eq!(table.rows[1].cells[0], "Müller");
    assert_eq!(table.rows[1].number, 3);
}

#[test]
fn utf8_with_a_byte_order_mark_and_commas() {
    let bytes =
        "\u{FEFF}Name,Staatsangehörigkeit\n\"Petrlić-Woelke, Andrea-Maria\",kroatisch\n".as_bytes();
    let table = read_list(bytes, None).unwrap();
    assert_eq!(
        table.encoding.as_deref(),
        Some("UTF-8 (mit Byte-Order-Mark)")
    );
    assert_eq!(table.headings[0], "Name");
    assert_eq!(table.rows[0].cells[0], "Petrlić-Woelke, Andrea-Maria");
    let crlf = read_list(b"Name;Eingang\r\nA;1\r\n\r\nB;2\r\n", None).unwrap();
    assert_eq!(
        crlf.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        [2, 4]
    );
}

#[test]
fn mixed_encodings_are_refused_with_the_row() {
    let mut bytes = "Name;Ort\nMüller;Köln\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"Schr\xF6der;Hamburg\n");
    let err = read_list(&bytes, None).unwrap_err().to_string();
    assert!(
        err.contains("mischt zwei Zeichenkodierungen") && err.contains("Zeile 3"),
        "{err}"
    );
    let mut later = b"Name;Ort\nSchr\xF6der;Hamburg\n".to_vec();
    later.extend_from_slice("Müller;Köln\n".as_bytes());
    let err = read_list(&later, None).unwrap_err().to_string();
    assert!(err.contains("mischt zwei Zeichenkodierungen"), "{err}");
}

#[test]
fn a_windows_1252_list_with_a_later_utf8_name_of_any_script_is_refused_naming_both() {
    let mut bytes = b"Name;Ort\nSchr\xF6der;Hamburg\n".to_vec();
    bytes.extend_from_slice("Yıldız;\"Köln, Ehrenfeld\";Ćosić\n".as_bytes());
    let err = read_list(&bytes, None).unwrap_err().to_string();
    assert!(
        err.contains("Zeile 3, Spalte A ist UTF-8, Zeile 2, Spalte A nicht"),
        "{err}"
    );
    // A genuine Windows-1252 list with "Ã" (JOÃO) is read as such.
    let joao = b"Name;Ort\nJO\xC3O;Lisboa\nSchr\xF6der;Hamburg\n";
    let table = read_list(joao, None).unwrap();
    assert_eq!(table.rows[0].cells[0], "JOÃO");
}

#[test]
fn utf16_lists_as_excel_saves_unicode_text_are_read() {
    let text = "Name\tEingang\r\nДудаев, Ахмед\t01.02.2019\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let table = read_list(&bytes, None).unwrap();
    assert_eq!(
        table.encoding.as_deref(),
        Some("UTF-16 LE (mit Byte-Order-Mark)")
    );
    assert_eq!(table.rows[0].cells, ["Дудаев, Ахмед", "01.02.2019"]);
}

#[test]
fn a_title_row_above_the_headings_is_passed_over_and_empty_lists_refused() {
    let table = read_list(
        "Härtefälle 2019;;\nName;Eingang;\nWeiß;01.02.2019;;;\n".as_bytes(),
        None,
    )
    .unwrap();
    assert_eq!(table.headings, ["Name", "Eingang"]);
    assert_eq!(table.rows[0].number, 3);
    let err = read_list(b"Name;Eingang\n", None).unwrap_err().to_string();
    assert!(err.contains("keine Zeilen"), "{err}");
}

#[test]
fn formula_errors_keep_their_text_and_date_cells_their_day() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Eingang").unwrap();
    sheet.write_string(0, 1, "Name").unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy");
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2019, 2, 28).unwrap();
    sheet
        .write_datetime_with_format(1, 0, &day, &format)
        .unwrap();
    sheet
        .write_formula(1, 1, "=1/0")
        .unwrap()
        .set_formula_result(1, 1, "#DIV/0!");
    let table = read_list(&book.save_to_buffer().unwrap(), None).unwrap();
    assert_eq!(table.rows[0].cells[0], "28.02.2019");
    assert!(
        is_formula_error(&table.rows[0].cells[1]),
        "{:?}",
        table.rows[0].cells
    );
}

#[test]
fn empty_binary_and_protected_files_get_their_own_message() {
    assert!(read_list(b"", None)
        .unwrap_err()
        .to_string()
        .contains("leer"));
    let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00";
    assert!(read_list(exe, None)
        .unwrap_err()
        .to_string()
        .contains("weder eine Tabelle"));
    let mut protected = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    protected.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let err = read_list(&protected, None).unwrap_err().to_string();
    assert!(err.contains("Kennwort"), "{err}");
}

#[test]
fn a_workbook_sheet_is_chosen_by_name_and_missing_headings_are_named() {
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet()
        .set_name("2018")
        .unwrap()
        .write_string(0, 0, "alt")
        .unwrap();
    let sheet = book.add_worksheet().set_name("2019").unwrap();
    sheet.write_string(0, 0, "Name").unwrap();
    sheet.write_string(0, 2, "Eingang").unwrap();
    sheet.write_string(1, 0, "Ćosić, Đorđe").unwrap();
    sheet.write_number(1, 1, 4.0).unwrap();
    sheet
        .write_formula(1, 2, "=DATE(2019,2,1)")
        .unwrap()
        .set_formula_result(1, 2, "43497");
    let bytes = book.save_to_buffer().unwrap();
    // Without a wish, the first sheet holding a list: "2018" holds one word only.
    let first = read_list(&bytes, None).unwrap();
    assert_eq!(first.sheets, ["2018", "2019"]);
    assert_eq!(first.sheet.as_deref(), Some("2019"));
    let err = read_list(&bytes, Some("2018")).unwrap_err().to_string();
    assert!(err.contains("keine Zeilen"), "{err}");
    let table = read_list(&bytes, Some("2019")).unwrap();
    assert_eq!(table.headings[1], "Spalte B (ohne Überschrift)");
    assert_eq!(table.rows[0].cells, ["Ćosić, Đorđe", "4", "43497"]);
    let err = read_list(&bytes, Some("2020")).unwrap_err().to_string();
    assert!(
        err.contains("kein Blatt „2020“") && err.contains("2018, 2019"),
        "{err}"
    );
}

#[test]
fn dates_of_a_workbook_come_out_as_german_dates() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Eingang").unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy");
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2019, 2, 28).unwrap();
    sheet
        .write_datetime_with_format(1, 0, &day, &format)
        .unwrap();
    let table = read_list(&book.save_to_buffer().unwrap(), None).unwrap();
    assert_eq!(table.rows[0].cells[0], "28.02.2019");
}

#[test]
fn merged_heading_cells_leave_named_columns_and_blank_rows_are_skipped() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .merge_range(0, 0, 0, 1, "Person", &rust_xlsxwriter::Format::new())
        .unwrap();
    sheet.write_string(0, 2, "Eingang").unwrap();
    sheet.write_string(1, 0, "Güneş").unwrap();
    sheet.write_string(1, 1, "Şükrü").unwrap();
    sheet.write_string(3, 0, "Weiß").unwrap();
    let table = read_list(&book.save_to_buffer().unwrap(), None).unwrap();
    assert_eq!(
        table.headings,
        ["Person", "Spalte B (ohne Überschrift)", "Eingang"]
    );
    assert_eq!(
        table.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        [2, 4]
    );
    let plain = read_list(&xlsx(&[&["Name", "Name"], &["a", "b"]]), None).unwrap();
    assert_eq!(plain.headings, ["Name", "Name (2)"]);
}

#[test]
fn columns_are_lettered_as_a_spreadsheet_does() {
    assert_eq!(column_letter(0), "A");
    assert_eq!(column_letter(25), "Z");
    assert_eq!(column_letter(26), "AA");
}
