//! The member register: organisations with their name history, and the members.

use chrono::{NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use crate::domain::choice::Labelled;
use crate::domain::input::as_typed;
use crate::domain::member::{
    cited_as, in_term, name_on, validate_organisation_name, MemberDraft, MemberFields, MemberKind,
    OrganisationName,
};
use crate::store::audit::{self, AuditAction, AuditEvent};
use crate::store::columns;
use crate::store::CaseFile;
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Organisation {
    pub id: u32,
    pub current_name: String,
    /// Newest first.
    pub names: Vec<OrganisationName>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Member {
    pub id: u32,
    pub name: String,
    pub kind: MemberKind,
    pub kind_label: String,
    pub organisation_id: Option<u32>,
    /// The organisation's name today.
    pub organisation_name: Option<String>,
    pub deputy_of: Option<u32>,
    pub deputy_of_name: Option<String>,
    pub term_from: Option<NaiveDate>,
    pub term_to: Option<NaiveDate>,
    pub in_term_today: bool,
    /// Where letters go (the lines under the name).
    pub postal_address: Option<String>,
    pub may_bring_in: bool,
    /// How the member is named in a choice: "Berta Beispiel – Stellvertretung für Anna
    /// Muster (Caritas)".
    pub cited_as: String,
    /// The member as the edit form shows it.
    pub draft: MemberDraft,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct MemberRegister {
    pub organisations: Vec<Organisation>,
    pub members: Vec<Member>,
}

pub(crate) fn name_history(
    conn: &Connection,
    organisation_id: u32,
) -> Result<Vec<OrganisationName>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, valid_from FROM organisation_names WHERE organisation_id = ?1
         ORDER BY valid_from DESC",
    )?;
    let rows = stmt.query_map([organisation_id], |r| {
        Ok(OrganisationName {
            name: r.get(0)?,
            valid_from: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The name an organisation carried on a day.
pub(crate) fn organisation_name_on(
    conn: &Connection,
    organisation_id: u32,
    day: NaiveDate,
) -> Result<Option<String>> {
    Ok(name_on(&name_history(conn, organisation_id)?, day).map(str::to_owned))
}

/// The organisations, each with its name on `today`.
pub(crate) fn organisations(conn: &Connection, today: NaiveDate) -> Result<Vec<Organisation>> {
    let ids: Vec<u32> = conn
        .prepare("SELECT id FROM organisations ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut list = Vec::with_capacity(ids.len());
    for id in ids {
        let names = name_history(conn, id)?;
        list.push(Organisation {
            id,
            current_name: name_on(&names, today).unwrap_or_default().to_owned(),
            names,
        });
    }
    Ok(list)
}

/// The member register, organisations named as on `today`.
pub(crate) fn members(conn: &Connection, today: NaiveDate) -> Result<Vec<Member>> {
    let orgs = organisations(conn, today)?;
    let mut stmt = conn.prepare(
        "SELECT m.id, m.name, m.kind, m.organisation_id, m.deputy_of, d.name, m.term_from, m.term_to, m.postal_address
         FROM members m LEFT JOIN members d ON d.id = m.deputy_of
         ORDER BY CASE m.kind WHEN 'integrationsbeauftragte' THEN 0
                              WHEN 'leitung_geschaeftsstelle' THEN 1 ELSE 2 END,
                  COALESCE(d.name, m.name) COLLATE DIN5007, COALESCE(m.deputy_of, m.id),
                  m.deputy_of IS NOT NULL, m.name COLLATE DIN5007",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind: MemberKind = columns::code(r, 2)?;
        let organisation_id: Option<u32> = r.get(3)?;
        let deputy_of: Option<u32> = r.get(4)?;
        let term_from: Option<NaiveDate> = r.get(6)?;
        let term_to: Option<NaiveDate> = r.get(7)?;
        let name: String = r.get(1)?;
        let deputy_of_name: Option<String> = r.get(5)?;
        let organisation_name = organisation_id.and_then(|id| {
            orgs.iter()
                .find(|o| o.id == id)
                .map(|o| o.current_name.clone())
        });
        Ok(Member {
            id: r.get(0)?,
            kind,
            kind_label: kind.label().to_owned(),
            organisation_id,
            cited_as: cited_as(
                &name,
                kind,
                organisation_name.as_deref(),
                deputy_of_name.as_deref(),
            ),
            organisation_name,
            deputy_of,
            deputy_of_name,
            term_from,
            term_to,
            in_term_today: in_term(term_from, term_to, today),
            may_bring_in: kind.may_bring_in(),
            postal_address: r.get(8)?,
            draft: MemberDraft {
                name: name.clone(),
                kind: kind.code().to_owned(),
                organisation_id,
                deputy_of,
                term_from: as_typed(term_from),
                term_to: as_typed(term_to),
            },
            name,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One member's kind, name and term, or `NotFound`.
pub(crate) fn member_basics(
    conn: &Connection,
    id: u32,
) -> Result<(MemberKind, String, Option<NaiveDate>, Option<NaiveDate>)> {
    conn.query_row(
        "SELECT kind, name, term_from, term_to FROM members WHERE id = ?1",
        [id],
        |r| Ok((columns::code(r, 0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "Das Mitglied".into(),
    })
}

fn organisation_exists(conn: &Connection, id: u32) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM organisations WHERE id = ?1",
            [id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

fn check_references(
    conn: &Connection,
    own_id: Option<u32>,
    fields: &MemberFields,
    today: NaiveDate,
) -> Result<()> {
    if let Some(org) = fields.organisation_id {
        if !organisation_exists(conn, org)? {
            return Err(Error::invalid(
                "Entsendende Stelle",
                "Diese Stelle gibt es nicht.",
            ));
        }
    }
    if let Some(deputy_of) = fields.deputy_of {
        if Some(deputy_of) == own_id {
            return Err(Error::invalid("Vertritt", "Niemand vertritt sich selbst."));
        }
        let (kind, member, member_org): (MemberKind, String, Option<u32>) = conn
            .query_row(
                "SELECT kind, name, organisation_id FROM members WHERE id = ?1",
                [deputy_of],
                |r| Ok((columns::code(r, 0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| Error::invalid("Vertritt", "Dieses Mitglied gibt es nicht."))?;
        if kind != MemberKind::Mitglied {
            return Err(Error::invalid(
                "Vertritt",
                "Eine Stellvertretung vertritt ein stimmberechtigtes Mitglied.",
            ));
        }
        if member_org != fields.organisation_id {
            let org = match member_org {
                Some(id) => organisation_name_on(conn, id, today)?.unwrap_or_default(),
                None => "keiner Stelle".into(),
            };
            return Err(Error::invalid(
                "Entsendende Stelle",
                format!(
                    "Eine Stellvertretung gehört zur Stelle ihres Mitglieds: {member} ist von {org} entsandt."
                ),
            ));
        }
    }
    if let Some(id) = own_id {
        let mut stmt =
            conn.prepare("SELECT name, organisation_id FROM members WHERE deputy_of = ?1")?;
        let deputies = stmt.query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<u32>>(1)?))
        })?;
        for deputy in deputies {
            let (deputy, org) = deputy?;
            if org != fields.organisation_id {
                return Err(Error::invalid(
                    "Entsendende Stelle",
                    format!(
                        "{deputy} vertritt dieses Mitglied und gehört zu einer anderen Stelle; bitte zuerst die Stellvertretung ändern."
                    ),
                ));
            }
        }
    }
    Ok(())
}

impl CaseFile {
    pub fn member_register(&self) -> Result<MemberRegister> {
        Ok(MemberRegister {
            organisations: organisations(self.conn(), self.today())?,
            members: members(self.conn(), self.today())?,
        })
    }

    /// Adds an organisation with its first name.
    pub fn add_organisation(&mut self, name: &str, valid_from: &str) -> Result<u32> {
        self.require_editor()?;
        let first = validate_organisation_name(name, valid_from)?;
        self.edit(|tx, user| {
            tx.execute(
                "INSERT INTO organisations (created_at) VALUES (?1)",
                [Utc::now().to_rfc3339()],
            )?;
            let id = columns::last_id(tx)?;
            tx.execute(
                "INSERT INTO organisation_names (organisation_id, name, valid_from) VALUES (?1, ?2, ?3)",
                params![id, first.name, first.valid_from],
            )?;
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: AuditAction::OrganisationCreate,
                    entity_id: Some(&id.to_string()),
                    before: None,
                    after: Some(audit::fields(&first)?),
                },
            )?;
            Ok(id)
        })
    }

    /// Gives an organisation a new name from a day on; the old name stays for the cases
    /// brought in before that day.
    pub fn rename_organisation(&mut self, id: u32, name: &str, valid_from: &str) -> Result<()> {
        self.require_editor()?;
        let new = validate_organisation_name(name, valid_from)?;
        self.edit(|tx, user| {
            let history = name_history(tx, id)?;
            let latest = history.first().ok_or_else(|| Error::NotFound {
                what: "Die Stelle".into(),
            })?;
            if new.valid_from <= latest.valid_from {
                return Err(Error::invalid(
                    "Gilt ab",
                    format!(
                        "Muss nach dem Beginn des bisherigen Namens liegen ({}).",
                        latest.valid_from.format("%d.%m.%Y")
                    ),
                ));
            }
            if new.name == latest.name {
                return Err(Error::invalid("Name der Stelle", "Das ist schon der aktuelle Name."));
            }
            tx.execute(
                "INSERT INTO organisation_names (organisation_id, name, valid_from) VALUES (?1, ?2, ?3)",
                params![id, new.name, new.valid_from],
            )?;
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: AuditAction::OrganisationRename,
                    entity_id: Some(&id.to_string()),
                    before: Some(audit::fields(latest)?),
                    after: Some(audit::fields(&new)?),
                },
            )?;
            Ok(())
        })
    }

    /// Adds a member (`id` None) or changes one.
    pub fn save_member(&mut self, id: Option<u32>, draft: &MemberDraft) -> Result<u32> {
        self.require_editor()?;
        let fields = draft.validate()?;
        let today = self.today();
        self.edit(|tx, user| {
            check_references(tx, id, &fields, today)?;
            let before = match id {
                Some(id) => {
                    let (kind, ..) = member_basics(tx, id)?;
                    if kind != fields.kind
                        && kind == MemberKind::Mitglied
                        && tx
                            .query_row("SELECT 1 FROM members WHERE deputy_of = ?1", [id], |_| Ok(()))
                            .optional()?
                            .is_some()
                    {
                        return Err(Error::invalid(
                            "Funktion",
                            "Dieses Mitglied hat eine Stellvertretung; bitte diese zuerst umstellen.",
                        ));
                    }
                    Some(audit::fields(&members(tx, today)?.into_iter().find(|m| m.id == id).map(|m| m.draft))?)
                }
                None => None,
            };
            let id = match id {
                Some(id) => {
                    tx.execute(
                        "UPDATE members SET name = ?2, kind = ?3, organisation_id = ?4, deputy_of = ?5,
                                term_from = ?6, term_to = ?7 WHERE id = ?1",
                        params![
                            id,
                            fields.name,
                            fields.kind.code(),
                            fields.organisation_id,
                            fields.deputy_of,
                            fields.term_from,
                            fields.term_to
                        ],
                    )?;
                    id
                }
                None => {
                    tx.execute(
                        "INSERT INTO members (name, kind, organisation_id, deputy_of, term_from, term_to, created_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        params![
                            fields.name,
                            fields.kind.code(),
                            fields.organisation_id,
                            fields.deputy_of,
                            fields.term_from,
                            fields.term_to,
                            Utc::now().to_rfc3339()
                        ],
                    )?;
                    columns::last_id(tx)?
                }
            };
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: if before.is_some() { AuditAction::MemberUpdate } else { AuditAction::MemberCreate },
                    entity_id: Some(&id.to_string()),
                    before,
                    after: Some(audit::fields(&fields)?),
                },
            )?;
            Ok(id)
        })
    }
}
