//! The import of old lists (Excel, OpenDocument, CSV): reading the file, mapping its columns
//! to fields, and the dry run that says row by row what would be created. Plain rules; the
//! store applies a dry run in one transaction (`store::import`).

pub mod course;
mod csv_text;
pub mod fields;
pub mod plan;
mod row;
pub mod source;
pub mod values;

use serde::Serialize;
use sha2::{Digest, Sha256};
use specta::Type;

use crate::Result;

/// A list read for the import, with what identifies its file in the audit history.
#[derive(Debug, Clone)]
pub struct ImportList {
    /// The file's name without its folder.
    pub file_name: String,
    pub sha256: String,
    pub table: source::Table,
    /// Where the list was read from, when from a file: no report is written over it.
    pub source: Option<std::path::PathBuf>,
}

impl ImportList {
    pub fn read(file_name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<ImportList> {
        Ok(ImportList {
            file_name: file_name.to_owned(),
            sha256: hex::encode(Sha256::digest(bytes)),
            table: source::read_list(bytes, sheet)?,
            source: None,
        })
    }

    /// What the window shows before the mapping: the first `rows` rows and how many follow.
    pub fn preview(&self, rows: usize) -> ListPreview {
        let table = &self.table;
        ListPreview {
            file_name: self.file_name.clone(),
            kind: table.kind.clone(),
            encoding: table.encoding.clone(),
            sheets: table.sheets.clone(),
            sheet: table.sheet.clone(),
            headings: table.headings.clone(),
            rows: table.rows.iter().take(rows).cloned().collect(),
            total_rows: table.rows.len() as u32,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ListPreview {
    pub file_name: String,
    pub kind: String,
    pub encoding: Option<String>,
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    pub headings: Vec<String>,
    pub rows: Vec<source::Row>,
    pub total_rows: u32,
}
