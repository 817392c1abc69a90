//! The people concerned by a case.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use specta::Type;

use crate::domain::choice::Labelled;
use crate::domain::countries;
use crate::domain::input::as_typed;
use crate::domain::person::{age_on, is_minor, FamilyRole, PersonDraft, ResidenceStatus, Sex};
use crate::store::audit::AuditAction;
use crate::store::cases::record::{case_ref, edit_part};
use crate::store::columns;
use crate::store::CaseFile;
use crate::{Error, Result};

/// A person as the case page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct PersonView {
    pub id: u32,
    pub family_role: FamilyRole,
    pub family_role_label: String,
    pub family_name: String,
    pub given_names: String,
    /// The name in its original script, where known.
    pub original_name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub birth_place: Option<String>,
    pub age: Option<u32>,
    /// Derived from the birth date on today's date; unknown without one.
    pub minor: Option<bool>,
    pub sex_label: String,
    pub nationality: String,
    pub nationality_name: String,
    pub entry_date: Option<NaiveDate>,
    pub residence_status_label: Option<String>,
    pub residence_issued_on: Option<NaiveDate>,
    pub residence_valid_until: Option<NaiveDate>,
    pub asylum_history: Option<String>,
    /// After an order: the day the residence permit was issued, where known.
    pub permit_issued_on: Option<NaiveDate>,
    /// The person as the edit form shows it.
    pub draft: PersonDraft,
}

pub(crate) fn for_case(
    conn: &Connection,
    case_id: u32,
    today: NaiveDate,
) -> Result<Vec<PersonView>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, family_role, family_name, given_names, birth_date, birth_place, sex, nationality,
                entry_date, residence_status, residence_issued_on, residence_valid_until, asylum_history,
                permit_issued_on, original_name
         FROM persons WHERE case_id = ?1 ORDER BY position, id",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        let family_role: FamilyRole = columns::code(r, 1)?;
        let sex: Sex = columns::code(r, 6)?;
        let residence_status: Option<ResidenceStatus> = columns::optional_code(r, 9)?;
        let birth_date: Option<NaiveDate> = r.get(4)?;
        let nationality: String = r.get(7)?;
        let draft = PersonDraft {
            family_role: family_role.code().into(),
            family_name: r.get(2)?,
            given_names: r.get(3)?,
            original_name: r.get::<_, Option<String>>(14)?.unwrap_or_default(),
            birth_date: as_typed(birth_date),
            birth_place: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            sex: sex.code().into(),
            nationality: nationality.clone(),
            entry_date: as_typed(r.get(8)?),
            residence_status: residence_status
                .map(|s| s.code().to_owned())
                .unwrap_or_default(),
            residence_issued_on: as_typed(r.get(10)?),
            residence_valid_until: as_typed(r.get(11)?),
            asylum_history: r.get::<_, Option<String>>(12)?.unwrap_or_default(),
        };
        Ok(PersonView {
            id: r.get(0)?,
            family_role,
            family_role_label: family_role.label().into(),
            family_name: r.get(2)?,
            given_names: r.get(3)?,
            original_name: r.get(14)?,
            birth_date,
            birth_place: r.get(5)?,
            age: birth_date.map(|b| age_on(b, today)),
            minor: is_minor(birth_date, today),
            sex_label: sex.label().into(),
            nationality_name: countries::name(&nationality)
                .unwrap_or(&nationality)
                .to_owned(),
            nationality,
            entry_date: r.get(8)?,
            residence_status_label: residence_status.map(|s| s.label().to_owned()),
            residence_issued_on: r.get(10)?,
            residence_valid_until: r.get(11)?,
            asylum_history: r.get(12)?,
            permit_issued_on: r.get(13)?,
            draft,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn draft_of(
    conn: &Connection,
    case_id: u32,
    person_id: u32,
    today: NaiveDate,
) -> Result<PersonDraft> {
    for_case(conn, case_id, today)?
        .into_iter()
        .find(|p| p.id == person_id)
        .map(|p| p.draft)
        .ok_or_else(|| Error::NotFound {
            what: "Die Person".into(),
        })
}

/// Adds a person to a case (`person_id` None) or changes one.
pub(crate) fn save_person(
    file: &mut CaseFile,
    case_id: u32,
    person_id: Option<u32>,
    draft: &PersonDraft,
) -> Result<()> {
    file.require_editor()?;
    let today = file.today();
    let f = draft.validate(today)?;
    file.edit(|tx, user| {
        let case = case_ref(tx, case_id)?;
        let action = match person_id {
            Some(_) => AuditAction::PersonUpdate,
            None => AuditAction::PersonCreate,
        };
        let write = || -> Result<Option<u32>> {
            let values = params![
                case_id,
                f.family_role.code(),
                f.family_name,
                f.given_names,
                f.birth_date,
                f.birth_place,
                f.sex.code(),
                f.nationality,
                f.entry_date,
                f.residence_status.map(|s| s.code()),
                f.residence_issued_on,
                f.residence_valid_until,
                f.asylum_history,
                f.original_name
            ];
            match person_id {
                Some(pid) => {
                    tx.execute(
                        "UPDATE persons SET family_role = ?2, family_name = ?3, given_names = ?4,
                                birth_date = ?5, birth_place = ?6, sex = ?7, nationality = ?8,
                                entry_date = ?9, residence_status = ?10, residence_issued_on = ?11,
                                residence_valid_until = ?12, asylum_history = ?13, original_name = ?14
                         WHERE case_id = ?1 AND id = ?15",
                        [values, params![pid]].concat().as_slice(),
                    )?;
                    Ok(Some(pid))
                }
                None => {
                    tx.execute(
                        "INSERT INTO persons (case_id, family_role, family_name, given_names,
                                birth_date, birth_place, sex, nationality, entry_date, residence_status,
                                residence_issued_on, residence_valid_until, asylum_history, original_name,
                                position)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
                                 (SELECT COALESCE(MAX(position), 0) + 1 FROM persons WHERE case_id = ?1))",
                        values,
                    )?;
                    Ok(Some(columns::last_id(tx)?))
                }
            }
        };
        edit_part(tx, user, &case, action, person_id, |id| draft_of(tx, case_id, id, today), write)
    })?;
    Ok(())
}

/// Removes a person from a case.
pub(crate) fn remove_person(file: &mut CaseFile, case_id: u32, person_id: u32) -> Result<()> {
    let today = file.today();
    file.edit(|tx, user| {
        let case = case_ref(tx, case_id)?;
        let snapshot = |id| draft_of(tx, case_id, id, today);
        edit_part(
            tx,
            user,
            &case,
            AuditAction::PersonRemove,
            Some(person_id),
            snapshot,
            || {
                tx.execute(
                    "DELETE FROM persons WHERE id = ?1 AND case_id = ?2",
                    params![person_id, case_id],
                )?;
                // Its documents stay with the case (a later person may get the id).
                tx.execute(
                    "UPDATE attachments SET person_id = NULL WHERE person_id = ?1",
                    [person_id],
                )?;
                Ok(None)
            },
        )
    })?;
    Ok(())
}
