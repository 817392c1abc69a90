//! The case list: full-text search (FTS5), filters, sorting and paging, and keeping the
//! search index in step with every change.

use chrono::NaiveDate;
use rusqlite::{params, types::Value as SqlValue, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::choice::Labelled;
use crate::domain::countries;
use crate::domain::grounds::{label_of, GroundKind};
use crate::domain::search_text::{index_text, search_terms, sound_text};
use crate::domain::workflow::CaseStatus;
use crate::store::audit::{AuditAction, AuditEvent};
use crate::store::columns;
use crate::store::CaseFile;
use crate::{Error, Result};

/// Rewrites one case's entry in the full-text index.
pub(crate) fn reindex(conn: &Connection, case_id: u32) -> Result<()> {
    write_entry(conn, case_id, true)
}

/// Writes the entry of a case that has none yet (a new case of an import): without the
/// deletes, which cost more than the entry itself in a secure-delete index.
pub(crate) fn index_new(conn: &Connection, case_id: u32) -> Result<()> {
    write_entry(conn, case_id, false)
}

fn write_entry(conn: &Connection, case_id: u32, replace: bool) -> Result<()> {
    // The case number, then counsel and office (places), then the long texts (body).
    // Cached: preparing costs more than the read under cipher_memory_security, which wipes
    // every allocation.
    let (number, texts): (String, Vec<String>) = conn
        .prepare_cached(
            // An imported case is found by its earlier number too.
            // The office by a subquery: as a LEFT JOIN the planner took 0.4 ms a case (the
            // import bench, BENCHMARKS.md), this way a few microseconds.
            "SELECT trim(c.number || ' ' || COALESCE(c.previous_number, '')), c.counsel,
                (SELECT o.name FROM foreigners_offices o WHERE o.id = c.office_id),
                c.life_story, c.notes, c.abh_content
         FROM cases c WHERE c.id = ?1",
        )?
        .query_row([case_id], |r| {
            let texts = (1..=5)
                .map(|i| Ok(r.get::<_, Option<String>>(i)?.unwrap_or_default()))
                .collect::<rusqlite::Result<_>>()?;
            Ok((r.get(0)?, texts))
        })?;
    let mut names = Vec::new();
    let mut places = texts[..2].to_vec();
    let mut body = texts[2..].to_vec();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT family_name, given_names, COALESCE(birth_place, ''), COALESCE(asylum_history, ''),
                    nationality, COALESCE(original_name, '')
             FROM persons WHERE case_id = ?1",
        )?;
        let mut rows = stmt.query([case_id])?;
        while let Some(r) = rows.next()? {
            names.push(r.get::<_, String>(0)?);
            names.push(r.get::<_, String>(1)?);
            places.push(r.get::<_, String>(2)?);
            body.push(r.get::<_, String>(3)?);
            let code: String = r.get(4)?;
            places.push(countries::name(&code).unwrap_or_default().to_owned());
            names.push(r.get::<_, String>(5)?);
        }
        let mut stmt = conn.prepare_cached(
            "SELECT kind, code, description, COALESCE(evidence, '') FROM case_grounds WHERE case_id = ?1",
        )?;
        let mut rows = stmt.query([case_id])?;
        while let Some(r) = rows.next()? {
            let kind: GroundKind = columns::code(r, 0)?;
            body.push(label_of(kind, &r.get::<_, String>(1)?));
            body.push(r.get::<_, String>(2)?);
            body.push(r.get::<_, String>(3)?);
        }
    }
    let join = |parts: &[String]| index_text(&parts.iter().map(String::as_str).collect::<Vec<_>>());
    if replace {
        conn.prepare_cached("DELETE FROM case_search WHERE rowid = ?1")?
            .execute([case_id])?;
        conn.prepare_cached("DELETE FROM name_sounds WHERE rowid = ?1")?
            .execute([case_id])?;
    }
    conn.prepare_cached(
        "INSERT INTO case_search (rowid, number, names, places, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        case_id,
        number,
        join(&names),
        join(&places),
        join(&body)
    ])?;
    conn.prepare_cached("INSERT INTO name_sounds (rowid, sounds) VALUES (?1, ?2)")?
        .execute(params![case_id, sound_text(&names.join(" "))])?;
    Ok(())
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CaseSort {
    #[default]
    Number,
    Received,
    Name,
    Status,
    Member,
}

/// What the case list asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CaseQuery {
    /// Words to search for; empty lists all.
    pub search: String,
    pub status: Option<CaseStatus>,
    pub year: Option<i32>,
    pub member_id: Option<u32>,
    /// ISO code; matches a case if any of its persons has it.
    pub nationality: Option<String>,
    pub office_id: Option<u32>,
    pub sort: CaseSort,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct CaseRow {
    pub id: u32,
    pub number: String,
    pub status: CaseStatus,
    pub status_label: String,
    pub received_on: NaiveDate,
    /// The main person, "Family, Given".
    pub display_name: String,
    pub persons: u32,
    pub nationality_name: Option<String>,
    pub member_name: String,
    pub office_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct CasePage {
    /// All cases that match, across pages.
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<CaseRow>,
}

/// Longest page a caller may ask for.
pub const MAX_PAGE: u32 = 500;

/// One page of the case list.
pub fn list(conn: &Connection, query: &CaseQuery) -> Result<CasePage> {
    if query.limit == 0 || query.limit > MAX_PAGE {
        return Err(Error::invalid(
            "Seitengröße",
            format!("Bitte 1 bis {MAX_PAGE} Zeilen anfordern."),
        ));
    }
    let mut filters: Vec<&str> = Vec::new();
    let mut args: Vec<SqlValue> = Vec::new();
    if !query.search.trim().is_empty() {
        let terms = search_terms(&query.search);
        // Only punctuation typed: nothing can match.
        if terms.is_empty() {
            filters.push("0");
        }
        // Every word must occur, as written (any field) or by its sound (a name).
        for term in terms {
            args.push(SqlValue::Text(term.text_query));
            match term.sound_query {
                Some(sound) => {
                    filters.push(
                        "(c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)
                          OR c.id IN (SELECT rowid FROM name_sounds WHERE name_sounds MATCH ?))",
                    );
                    args.push(SqlValue::Text(sound));
                }
                None => filters
                    .push("c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)"),
            }
        }
    }
    if let Some(status) = query.status {
        filters.push("c.status = ?");
        args.push(SqlValue::Text(status.code().into()));
    }
    if let Some(year) = query.year {
        filters.push("c.year = ?");
        args.push(SqlValue::Integer(year.into()));
    }
    if let Some(member) = query.member_id {
        filters.push("c.brought_by = ?");
        args.push(SqlValue::Integer(member.into()));
    }
    if let Some(code) = &query.nationality {
        filters.push("c.id IN (SELECT case_id FROM persons WHERE nationality = ?)");
        args.push(SqlValue::Text(code.to_uppercase()));
    }
    if let Some(office) = query.office_id {
        filters.push("c.office_id = ?");
        args.push(SqlValue::Integer(office.into()));
    }
    let filter = if filters.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", filters.join(" AND "))
    };
    let total: u32 = conn.query_row(
        &format!("SELECT COUNT(*) FROM cases c {filter}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let dir = if query.descending { "DESC" } else { "ASC" };
    let order = match query.sort {
        CaseSort::Number => format!("c.year {dir}, c.seq {dir}"),
        CaseSort::Received => format!("c.received_on {dir}, c.id {dir}"),
        CaseSort::Name => format!("c.sort_name COLLATE DIN5007 {dir}, c.id {dir}"),
        CaseSort::Status => format!("c.status {dir}, c.year DESC, c.seq DESC"),
        CaseSort::Member => format!("m.name COLLATE DIN5007 {dir}, c.year DESC, c.seq DESC"),
    };
    let sql = format!(
        "SELECT c.id, c.number, c.status, c.received_on, c.display_name,
                (SELECT COUNT(*) FROM persons p WHERE p.case_id = c.id),
                (SELECT p.nationality FROM persons p WHERE p.case_id = c.id
                 ORDER BY p.family_role != 'hauptperson', p.position LIMIT 1),
                m.name, o.name
         FROM cases c JOIN members m ON m.id = c.brought_by
         LEFT JOIN foreigners_offices o ON o.id = c.office_id
         {filter} ORDER BY {order} LIMIT ? OFFSET ?"
    );
    args.push(SqlValue::Integer(query.limit.into()));
    args.push(SqlValue::Integer(query.offset.into()));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
        let status: CaseStatus = columns::code(r, 2)?;
        let nationality: Option<String> = r.get(6)?;
        Ok(CaseRow {
            id: r.get(0)?,
            number: r.get(1)?,
            status,
            status_label: status.label().to_owned(),
            received_on: r.get(3)?,
            display_name: r.get(4)?,
            persons: r.get(5)?,
            nationality_name: nationality
                .map(|c| countries::name(&c).map(str::to_owned).unwrap_or(c)),
            member_name: r.get(7)?,
            office_name: r.get(8)?,
        })
    })?;
    Ok(CasePage {
        total,
        offset: query.offset,
        rows: rows.collect::<rusqlite::Result<_>>()?,
    })
}

/// The years that have cases, newest first (for the year filter).
pub(crate) fn years(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare("SELECT DISTINCT year FROM cases ORDER BY year DESC")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether the user's newest audit row already records this search (paging through its
/// results, or the same query sent again, is not a new search).
fn searched_last(conn: &Connection, user_id: u32, typed: &str) -> Result<bool> {
    let last: Option<(String, String, Option<String>)> = conn
        .query_row(
            "SELECT l.entity, l.action, json_extract(p.fields, '$.after.suche')
             FROM audit_log l LEFT JOIN audit_payload p ON p.audit_id = l.id
             WHERE l.user_id = ?1 ORDER BY l.id DESC LIMIT 1",
            [user_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(last.is_some_and(|(entity, action, query)| {
        entity == AuditAction::CaseSearch.entity()
            && action == AuditAction::CaseSearch.action()
            && query.as_deref() == Some(typed)
    }))
}

impl CaseFile {
    /// One page of the case list. A search reaches life stories, statements and grounds of
    /// every case, so each search is recorded in the audit history (the query, not what it
    /// found), by every role; a deletion run erases the queries older than its period.
    pub fn list_cases(&self, query: &CaseQuery) -> Result<CasePage> {
        let page = list(self.conn(), query)?;
        let typed = query.search.trim();
        if !typed.is_empty() && !searched_last(self.conn(), self.user.id, typed)? {
            self.record_read(AuditEvent {
                action: AuditAction::CaseSearch,
                entity_id: None,
                before: None,
                after: Some(serde_json::json!({ "suche": typed })),
            })?;
        }
        Ok(page)
    }
}
