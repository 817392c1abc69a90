//! Applying a dry run: the planned cases, their main persons, their course (status changes,
//! admissibility, the deliberation the list records, the ministry's decision), new members
//! and offices, all in one transaction with one audit row for the import. Written in bulk,
//! so that 10,000 rows take seconds; each case is put into the search index.

use chrono::Utc;
use rusqlite::{params, Transaction};
use serde::Serialize;
use specta::Type;

use crate::domain::choice::Labelled;
use crate::domain::import::fields::Mapping;
use crate::domain::import::plan::{Party, PlannedCase};
use crate::domain::import::ImportList;
use crate::domain::person::FamilyRole;
use crate::store::audit::{self, AuditAction, AuditEvent};
use crate::store::cases::search;
use crate::store::columns;
use crate::store::import::{plan, Created};
use crate::store::users::User;
use crate::store::CaseFile;
use crate::{Error, Result};

/// What an import created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Imported {
    pub cases: u32,
    pub members_created: u32,
    pub offices_created: u32,
    pub first_number: Option<String>,
    pub last_number: Option<String>,
}

/// The id of a member or office, creating the new ones once per name.
fn party(
    tx: &Transaction<'_>,
    party: &Party,
    created: &mut Created,
    insert: impl Fn(&str) -> rusqlite::Result<usize>,
) -> Result<u32> {
    match party {
        Party::Existing(id) => Ok(*id),
        Party::New(name) => {
            if let Some(id) = created.get(name) {
                return Ok(*id);
            }
            insert(name)?;
            let id = columns::last_id(tx)?;
            created.insert(name.clone(), id);
            Ok(id)
        }
    }
}

fn write_cases(
    tx: &Transaction<'_>,
    user: &User,
    list: &ImportList,
    planned: &[PlannedCase],
    import_id: u32,
) -> Result<(Created, Created)> {
    let now = Utc::now().to_rfc3339();
    let source = format!("Übernommen aus der Liste „{}“", list.file_name);
    let (mut members, mut offices) = (Created::new(), Created::new());
    let mut insert_case = tx.prepare(
        "INSERT INTO cases (number, year, seq, status, received_on, brought_by, brought_in_on, office_id,
                            consent_on_file, notes, display_name, sort_name, created_at, updated_at,
                            decision, decided_on, previous_number, import_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?7, 0, ?8, ?9, ?9, ?10, ?10, ?11, ?12, ?13, ?14)",
    )?;
    let mut insert_person = tx.prepare(
        "INSERT INTO persons (case_id, position, family_role, family_name, given_names, birth_date, sex, nationality)
         VALUES (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut insert_move = tx.prepare(
        "INSERT INTO case_transitions (case_id, from_status, to_status, on_date, reason, user_id, username, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut admit = tx.prepare(
        "INSERT INTO admissibility_decisions (case_id, result, reasoning, decided_on, checks)
         VALUES (?1, ?2, ?3, ?4, '[]')",
    )?;
    let mut hear = tx
        .prepare("INSERT INTO imported_hearings (case_id, held_on, outcome) VALUES (?1, ?2, ?3)")?;
    for case in planned {
        let member = party(tx, &case.member, &mut members, |name| {
            tx.execute(
                "INSERT INTO members (name, kind, created_at) VALUES (?1, 'mitglied', ?2)",
                params![name, now],
            )
        })?;
        let office = match &case.office {
            Some(o) => Some(party(tx, o, &mut offices, |name| {
                tx.execute("INSERT INTO foreigners_offices (name) VALUES (?1)", [name])
            })?),
            None => None,
        };
        let display = if case.given_names.is_empty() {
            format!("{}, ", case.family_name)
        } else {
            format!("{}, {}", case.family_name, case.given_names)
        };
        insert_case.execute(params![
            case.number.to_string(),
            case.number.year,
            case.number.seq,
            case.course.status().code(),
            case.received_on,
            member,
            office,
            format!("{source}, Zeile {}.", case.row),
            display,
            now,
            case.course.decision.map(|(d, _)| d.code()),
            case.course.decision.map(|(_, on)| on),
            case.previous_number,
            import_id,
        ])?;
        let id = columns::last_id(tx)?;
        insert_person.execute(params![
            id,
            FamilyRole::Hauptperson.code(),
            case.family_name,
            case.given_names,
            case.birth_date,
            case.sex.code(),
            case.nationality,
        ])?;
        for (from, to, on) in &case.course.steps {
            let reason = to.needs_reason().then_some(source.as_str());
            insert_move.execute(params![
                id,
                from.map(|f| f.code()),
                to.code(),
                on,
                reason,
                user.id,
                user.username,
                now
            ])?;
        }
        if let Some((admitted, on)) = case.course.admission {
            let result = if admitted {
                "angenommen"
            } else {
                "nicht_angenommen"
            };
            admit.execute(params![id, result, source, on])?;
        }
        if let Some((on, outcome)) = case.course.hearing {
            hear.execute(params![id, on, outcome.code()])?;
        }
        search::index_new(tx, id)?;
    }
    Ok((members, offices))
}

impl CaseFile {
    /// Takes a list over: the dry run again, inside the transaction and against the file as
    /// it is now, and when nothing is refused or unclear, every planned case, all or none.
    pub fn apply_import(&mut self, list: &ImportList, mapping: &Mapping) -> Result<Imported> {
        self.require_admin()?;
        let today = self.today();
        self.edit(|tx, user| {
            let (run, planned) = plan(tx, list, mapping, today)?;
            if let Some(problem) = run.file_problem {
                return Err(Error::invalid("Liste", problem));
            }
            if !run.ready {
                return Err(Error::invalid("Liste", run.not_ready_reason()));
            }
            tx.execute(
                "INSERT INTO imports (file_name, sha256, row_count, case_count, username, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    list.file_name,
                    list.sha256,
                    run.total,
                    planned.len() as u32,
                    user.username,
                    Utc::now().to_rfc3339()
                ],
            )?;
            let import_id = columns::last_id(tx)?;
            let (members, offices) = write_cases(tx, user, list, &planned, import_id)?;
            let imported = Imported {
                cases: planned.len() as u32,
                members_created: members.len() as u32,
                offices_created: offices.len() as u32,
                first_number: planned
                    .iter()
                    .map(|p| p.number)
                    .min()
                    .map(|n| n.to_string()),
                last_number: planned
                    .iter()
                    .map(|p| p.number)
                    .max()
                    .map(|n| n.to_string()),
            };
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: AuditAction::ImportApply,
                    entity_id: Some(&list.file_name),
                    before: None,
                    after: Some(serde_json::json!({
                        "datei": list.file_name,
                        "sha256": list.sha256,
                        "zeilen": run.total,
                        "faelle": imported.cases,
                        "doppelt_ausgelassen": run.duplicates,
                        "mitglieder_neu": imported.members_created,
                        "behoerden_neu": imported.offices_created,
                        "von": imported.first_number,
                        "bis": imported.last_number,
                    })),
                },
            )?;
            Ok(imported)
        })
    }
}
