//! The humanitarian grounds and negative factors of a case.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use crate::domain::choice::Labelled;
use crate::domain::grounds::{label_of, GroundDraft, GroundKind};
use crate::store::audit::AuditAction;
use crate::store::cases::record::{case_ref, edit_part};
use crate::store::columns;
use crate::store::CaseFile;
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct GroundView {
    pub id: u32,
    pub kind: GroundKind,
    pub code: String,
    pub label: String,
    pub description: String,
    pub evidence: Option<String>,
    pub draft: GroundDraft,
}

pub(crate) fn for_case(conn: &Connection, case_id: u32) -> Result<Vec<GroundView>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, code, description, evidence FROM case_grounds
         WHERE case_id = ?1 ORDER BY kind, id",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        let kind: GroundKind = columns::code(r, 1)?;
        let code: String = r.get(2)?;
        let description: String = r.get(3)?;
        let evidence: Option<String> = r.get(4)?;
        Ok(GroundView {
            id: r.get(0)?,
            kind,
            label: label_of(kind, &code),
            draft: GroundDraft {
                kind: kind.code().into(),
                code: code.clone(),
                description: description.clone(),
                evidence: evidence.clone().unwrap_or_default(),
            },
            code,
            description,
            evidence,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn draft_of(conn: &Connection, case_id: u32, id: u32) -> Result<GroundDraft> {
    conn.query_row(
        "SELECT kind, code, description, COALESCE(evidence, '') FROM case_grounds
         WHERE id = ?1 AND case_id = ?2",
        params![id, case_id],
        |r| {
            Ok(GroundDraft {
                kind: r.get(0)?,
                code: r.get(1)?,
                description: r.get(2)?,
                evidence: r.get(3)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "Der Härtegrund".into(),
    })
}

/// Adds a ground or negative factor (`ground_id` None) or changes one.
pub(crate) fn save_ground(
    file: &mut CaseFile,
    case_id: u32,
    ground_id: Option<u32>,
    draft: &GroundDraft,
) -> Result<()> {
    file.require_editor()?;
    let f = draft.validate()?;
    file.edit(|tx, user| {
        let case = case_ref(tx, case_id)?;
        let action = match ground_id {
            Some(_) => AuditAction::GroundUpdate,
            None => AuditAction::GroundCreate,
        };
        let snapshot = |id| draft_of(tx, case_id, id);
        edit_part(
            tx,
            user,
            &case,
            action,
            ground_id,
            snapshot,
            || match ground_id {
                Some(id) => {
                    tx.execute(
                    "UPDATE case_grounds SET kind = ?3, code = ?4, description = ?5, evidence = ?6
                     WHERE id = ?1 AND case_id = ?2",
                    params![id, case_id, f.kind.code(), f.code, f.description, f.evidence],
                )?;
                    Ok(Some(id))
                }
                None => {
                    tx.execute(
                        "INSERT INTO case_grounds (case_id, kind, code, description, evidence)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![case_id, f.kind.code(), f.code, f.description, f.evidence],
                    )?;
                    Ok(Some(columns::last_id(tx)?))
                }
            },
        )
    })?;
    Ok(())
}

pub(crate) fn remove_ground(file: &mut CaseFile, case_id: u32, ground_id: u32) -> Result<()> {
    file.edit(|tx, user| {
        let case = case_ref(tx, case_id)?;
        let snapshot = |id| draft_of(tx, case_id, id);
        edit_part(
            tx,
            user,
            &case,
            AuditAction::GroundRemove,
            Some(ground_id),
            snapshot,
            || {
                tx.execute(
                    "DELETE FROM case_grounds WHERE id = ?1 AND case_id = ?2",
                    params![ground_id, case_id],
                )?;
                // A document no longer proves it (a later ground may get its id).
                tx.execute(
                    "DELETE FROM attachment_grounds WHERE ground_id = ?1",
                    [ground_id],
                )?;
                Ok(None)
            },
        )
    })?;
    Ok(())
}
