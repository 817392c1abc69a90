//! Übernahme alter Listen: the dry run against what the file holds, the import itself in one
//! transaction ([`apply`]), and the mapping kept for the next list. Verwaltung only.

mod apply;

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use crate::domain::import::fields::Mapping;
use crate::domain::import::plan::{dry_run, DryRun, Known, PlannedCase};
use crate::domain::import::source::MAX_BYTES;
use crate::domain::import::values::fold;
use crate::domain::import::ImportList;
use crate::store::audit::{self, AuditAction, AuditEvent};
use crate::store::columns;
use crate::store::CaseFile;
use crate::{Error, Result};

pub use apply::Imported;

/// An earlier import of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ImportRecord {
    pub file_name: String,
    pub sha256: String,
    pub row_count: u32,
    pub case_count: u32,
    pub username: String,
    /// RFC 3339, UTC.
    pub at: String,
}

/// The members who can bring a case in, and the foreigners' offices, by id and name.
type Parties = (Vec<(u32, String)>, Vec<(u32, String)>);

fn parties(conn: &Connection) -> Result<Parties> {
    let names = |sql: &str| -> Result<Vec<(u32, String)>> {
        Ok(conn
            .prepare(sql)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    };
    Ok((
        names(
            "SELECT id, name FROM members
             WHERE kind IN ('mitglied', 'stellvertretung', 'integrationsbeauftragte') ORDER BY name",
        )?,
        names("SELECT id, name FROM foreigners_offices ORDER BY name")?,
    ))
}

/// What the file holds that the rows of a list are checked against.
fn known(conn: &Connection) -> Result<Known> {
    let mut known = Known::default();
    (known.members, known.offices) = parties(conn)?;
    let mut stmt = conn.prepare("SELECT number, previous_number, year, seq FROM cases")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let number: String = r.get(0)?;
        if let Some(previous) = r.get::<_, Option<String>>(1)? {
            known.numbers.insert(previous, number.clone());
        }
        let (year, seq): (i32, u32) = (r.get(2)?, r.get(3)?);
        let top = known.highest_seq.entry(year).or_insert(0);
        *top = (*top).max(seq);
        known.numbers.insert(number.clone(), number);
    }
    // Names of persons whose data a deletion run removed are gone; they match nothing.
    let mut stmt = conn.prepare(
        "SELECT p.family_name, p.given_names, p.birth_date, c.number
         FROM persons p JOIN cases c ON c.id = p.case_id WHERE p.birth_date IS NOT NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let birth: NaiveDate = columns::day(r, 2)?;
        let (family, given): (String, String) = (r.get(0)?, r.get(1)?);
        known
            .persons
            .insert((fold(&family), fold(&given), birth), r.get(3)?);
    }
    Ok(known)
}

fn earlier_import(conn: &Connection, sha256: &str) -> Result<Option<ImportRecord>> {
    Ok(conn
        .query_row(
            "SELECT file_name, sha256, row_count, case_count, username, at FROM imports
             WHERE sha256 = ?1 ORDER BY id LIMIT 1",
            [sha256],
            record,
        )
        .optional()?)
}

fn record(r: &rusqlite::Row<'_>) -> rusqlite::Result<ImportRecord> {
    Ok(ImportRecord {
        file_name: r.get(0)?,
        sha256: r.get(1)?,
        row_count: r.get(2)?,
        case_count: r.get(3)?,
        username: r.get(4)?,
        at: r.get(5)?,
    })
}

/// The message for a list whose very file was taken over before.
fn imported_before(earlier: &ImportRecord) -> String {
    let day = chrono::DateTime::parse_from_rfc3339(&earlier.at)
        .map(|t| t.format("%d.%m.%Y").to_string())
        .unwrap_or_else(|_| earlier.at.clone());
    format!(
        "Diese Liste (dieselbe Datei, SHA-256 {}…) wurde am {day} schon übernommen ({} Fälle, von {}).",
        &earlier.sha256[..12],
        earlier.case_count,
        earlier.username
    )
}

/// A dry run in the caller's connection: the list's rows, and the whole file refused when
/// the very same file was taken over before.
fn plan(
    conn: &Connection,
    list: &ImportList,
    mapping: &Mapping,
    today: NaiveDate,
) -> Result<(DryRun, Vec<PlannedCase>)> {
    let (mut run, planned) = dry_run(&list.table, mapping, &known(conn)?, today)?;
    if let Some(earlier) = earlier_import(conn, &list.sha256)? {
        run.file_problem = Some(imported_before(&earlier));
        run.ready = false;
        run.blocked_by = Some(run.not_ready_reason());
    }
    Ok((run, planned))
}

/// Reads a list from a file, its size checked before it is read.
pub fn read_list_file(path: &Path, sheet: Option<&str>) -> Result<ImportList> {
    let unreadable = |e: std::io::Error| {
        Error::invalid(
            "Liste",
            format!("{} ist nicht lesbar ({e}).", path.display()),
        )
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_BYTES as u64 {
        return Err(Error::invalid(
            "Liste",
            format!(
                "Die Datei ist größer als {} MB und wird nicht gelesen.",
                MAX_BYTES / 1024 / 1024
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut list = ImportList::read(&name, &bytes, sheet)?;
    list.source = Some(path.to_path_buf());
    Ok(list)
}

impl CaseFile {
    /// The dry run of a list: what would be created, what is unclear, what is refused.
    /// Writes nothing.
    pub fn import_dry_run(&self, list: &ImportList, mapping: &Mapping) -> Result<DryRun> {
        self.require_admin()?;
        Ok(plan(self.conn(), list, mapping, self.today())?.0)
    }

    /// The members and offices a name of a list can be given to.
    pub fn import_parties(&self) -> Result<Parties> {
        self.require_admin()?;
        parties(self.conn())
    }

    /// The mapping kept for the next list, if one was saved.
    pub fn import_mapping(&self) -> Result<Option<Mapping>> {
        let json: Option<String> = self
            .conn()
            .query_row("SELECT mapping FROM import_mapping WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        // A mapping this version cannot read is offered as none, never as an error.
        Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
    }

    /// Keeps a mapping for the next list.
    pub fn save_import_mapping(&mut self, mapping: &Mapping) -> Result<()> {
        self.require_admin()?;
        let json = serde_json::to_string(mapping)
            .map_err(|e| Error::invalid("Zuordnung", e.to_string()))?;
        self.edit(|tx, user| {
            tx.execute(
                "INSERT INTO import_mapping (id, mapping) VALUES (1, ?1)
                 ON CONFLICT (id) DO UPDATE SET mapping = excluded.mapping",
                [&json],
            )?;
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: AuditAction::ImportMappingSave,
                    entity_id: None,
                    before: None,
                    after: Some(serde_json::json!({ "spalten": mapping.spalten.len() })),
                },
            )?;
            Ok(())
        })
    }

    /// Every import so far, the newest first.
    pub fn imports(&self) -> Result<Vec<ImportRecord>> {
        let mut stmt = self.conn().prepare(
            "SELECT file_name, sha256, row_count, case_count, username, at FROM imports ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], record)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records that a dry run's report was saved as a file (it names persons of the list).
    pub fn record_import_report(&mut self, list: &ImportList, format: &str) -> Result<()> {
        self.require_admin()?;
        self.audited_read(|tx, user| {
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: AuditAction::ImportReportExport,
                    entity_id: Some(&list.file_name),
                    before: None,
                    after: Some(serde_json::json!({ "sha256": list.sha256, "format": format })),
                },
            )
            .map(|_| ())
        })
    }
}

/// The keyed counts of one import's new members and offices, by the name the list gave.
type Created = HashMap<String, u32>;
