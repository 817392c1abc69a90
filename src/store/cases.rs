//! Cases: creating one, changing its own data and the statement of the foreigners' office,
//! opening a dossier (audited), and the bookkeeping that every change to a case shares.

use chrono::{Datelike, Local, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;
use specta::Type;

use crate::domain::case::{AbhStatementDraft, CaseDraft, CaseFields, CaseNumber};
use crate::domain::choice::{Choice, Labelled};
use crate::domain::input::as_typed;
use crate::domain::member::in_term;
use crate::domain::search_text::sort_key;
use crate::domain::workflow::CaseStatus;
use crate::store::admissibility::{self, AdmissibilityView};
use crate::store::audit::{self, AuditEvent};
use crate::store::case_grounds::{self, GroundView};
use crate::store::case_history::{self, HistoryEntry};
use crate::store::deadlines::{self, DeadlineView};
use crate::store::ministry::{self, Deliberation, MinistryView};
use crate::store::persons::{self, PersonView};
use crate::store::users::User;
use crate::store::{case_search, columns, members, offices, CaseFile};
use crate::{Error, Result};

/// Who brought a case in, with the organisation's name as it was on that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct BroughtBy {
    pub member_id: u32,
    pub name: String,
    pub kind_label: String,
    pub organisation_name: Option<String>,
}

/// Everything the case page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct CaseDetail {
    pub id: u32,
    pub number: String,
    pub status: CaseStatus,
    pub status_label: String,
    /// The moves the case page offers by hand.
    pub manual_next: Vec<Choice>,
    pub is_final: bool,
    pub received_on: NaiveDate,
    pub brought_by: BroughtBy,
    pub brought_in_on: NaiveDate,
    pub office_name: Option<String>,
    pub counsel: Option<String>,
    pub consent_on_file: bool,
    pub consent_date: Option<NaiveDate>,
    pub life_story: Option<String>,
    pub notes: Option<String>,
    pub abh_requested_on: Option<NaiveDate>,
    pub abh_received_on: Option<NaiveDate>,
    pub abh_content: Option<String>,
    pub persons: Vec<PersonView>,
    pub grounds: Vec<GroundView>,
    pub admissibility: Option<AdmissibilityView>,
    pub deadlines: Vec<DeadlineView>,
    /// The case's items in sessions, oldest first.
    pub deliberations: Vec<Deliberation>,
    pub ministry: MinistryView,
    /// Set once a deletion run removed the case's personal data.
    pub anonymised_on: Option<NaiveDate>,
    pub history: Vec<HistoryEntry>,
    /// The case's own data as the edit form shows it.
    pub draft: CaseDraft,
    pub abh_draft: AbhStatementDraft,
}

/// A case's number and status: what every change to it needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CaseRef {
    pub id: u32,
    pub number: String,
    pub status: CaseStatus,
}

pub(crate) fn case_ref(conn: &Connection, id: u32) -> Result<CaseRef> {
    conn.query_row(
        "SELECT number, status FROM cases WHERE id = ?1",
        [id],
        |r| {
            Ok(CaseRef {
                id,
                number: r.get(0)?,
                status: columns::code(r, 1)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "Der Fall".into(),
    })
}

/// One change to a case: the audit row (named by the case number, never a person),
/// `updated_at`, the list's sort name and the search index, all in the caller's transaction.
pub(crate) fn record_change(
    tx: &Connection,
    user: &User,
    case: &CaseRef,
    entity: &str,
    action: &str,
    before: Option<Value>,
    after: Option<Value>,
) -> Result<()> {
    let anonymised: bool = tx.query_row(
        "SELECT anonymised_on IS NOT NULL FROM cases WHERE id = ?1",
        [case.id],
        |r| r.get(0),
    )?;
    if anonymised {
        // The change's statements ran in this transaction; the error rolls them back.
        return Err(Error::invalid(
            "Fall",
            format!(
                "Die personenbezogenen Daten von {} wurden nach Ablauf der Löschfrist entfernt; der Fall wird nicht mehr bearbeitet.",
                case.number
            ),
        ));
    }
    let display_name: String = tx
        .query_row(
            "SELECT family_name || ', ' || given_names FROM persons WHERE case_id = ?1
             ORDER BY family_role != 'hauptperson', position LIMIT 1",
            [case.id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default();
    tx.execute(
        "UPDATE cases SET updated_at = ?2, display_name = ?3, sort_name = ?4 WHERE id = ?1",
        params![
            case.id,
            Utc::now().to_rfc3339(),
            display_name,
            sort_key(&display_name)
        ],
    )?;
    case_search::reindex(tx, case.id)?;
    audit::append(
        tx,
        user,
        AuditEvent {
            entity,
            entity_id: Some(&case.number),
            action,
            before,
            after,
        },
    )?;
    Ok(())
}

/// Checks that the member may bring a case in on that day, and the office is offered.
fn check_references(conn: &Connection, fields: &CaseFields) -> Result<()> {
    const FIELD: &str = "Eingebracht von";
    let (kind, name, from, to) = members::member_basics(conn, fields.brought_by)
        .map_err(|_| Error::invalid(FIELD, "Dieses Mitglied gibt es nicht."))?;
    if !kind.may_bring_in() {
        return Err(Error::invalid(
            FIELD,
            format!("{name} ({}) kann keine Fälle einbringen.", kind.label()),
        ));
    }
    if !in_term(from, to, fields.brought_in_on) {
        return Err(Error::invalid(
            FIELD,
            format!(
                "{name} war am {} nicht im Amt.",
                fields.brought_in_on.format("%d.%m.%Y")
            ),
        ));
    }
    if let Some(office) = fields.office_id {
        if offices::office_name(conn, office)?.is_none() {
            return Err(Error::invalid(
                "Ausländerbehörde",
                "Diese Behörde gibt es nicht.",
            ));
        }
    }
    Ok(())
}

/// The whole case page, without auditing (for callers that just changed the case).
pub(crate) fn detail(conn: &Connection, id: u32) -> Result<CaseDetail> {
    let today = Local::now().date_naive();
    let case = conn
        .query_row(
            "SELECT c.number, c.status, c.received_on, c.brought_by, c.brought_in_on, c.office_id,
                    c.counsel, c.consent_on_file, c.consent_date, c.life_story, c.notes,
                    c.abh_requested_on, c.abh_received_on, c.abh_content,
                    m.name, m.kind, m.organisation_id, o.name
             FROM cases c JOIN members m ON m.id = c.brought_by
             LEFT JOIN foreigners_offices o ON o.id = c.office_id
             WHERE c.id = ?1",
            [id],
            |r| {
                let status: CaseStatus = columns::code(r, 1)?;
                let kind: crate::domain::member::MemberKind = columns::code(r, 15)?;
                let draft = CaseDraft {
                    received_on: as_typed(r.get(2)?),
                    brought_by: r.get(3)?,
                    brought_in_on: as_typed(r.get(4)?),
                    office_id: r.get(5)?,
                    counsel: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                    consent_on_file: r.get(7)?,
                    consent_date: as_typed(r.get(8)?),
                    life_story: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
                    notes: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
                };
                let abh_draft = AbhStatementDraft {
                    requested_on: as_typed(r.get(11)?),
                    received_on: as_typed(r.get(12)?),
                    content: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
                };
                Ok((
                    CaseDetail {
                        id,
                        number: r.get(0)?,
                        status,
                        status_label: status.label().to_owned(),
                        manual_next: status
                            .manual_next()
                            .into_iter()
                            .map(|s| Choice {
                                value: s.code().to_owned(),
                                label: s.label().to_owned(),
                            })
                            .collect(),
                        is_final: status.is_final(),
                        received_on: r.get(2)?,
                        brought_by: BroughtBy {
                            member_id: r.get(3)?,
                            name: r.get(14)?,
                            kind_label: kind.label().to_owned(),
                            organisation_name: None,
                        },
                        brought_in_on: r.get(4)?,
                        office_name: r.get(17)?,
                        counsel: r.get(6)?,
                        consent_on_file: r.get(7)?,
                        consent_date: r.get(8)?,
                        life_story: r.get(9)?,
                        notes: r.get(10)?,
                        abh_requested_on: r.get(11)?,
                        abh_received_on: r.get(12)?,
                        abh_content: r.get(13)?,
                        persons: Vec::new(),
                        grounds: Vec::new(),
                        admissibility: None,
                        deadlines: Vec::new(),
                        deliberations: Vec::new(),
                        ministry: MinistryView::default(),
                        anonymised_on: None,
                        history: Vec::new(),
                        draft,
                        abh_draft,
                    },
                    r.get::<_, Option<u32>>(16)?,
                ))
            },
        )
        .optional()?;
    let (mut case, organisation_id) = case.ok_or_else(|| Error::NotFound {
        what: "Der Fall".into(),
    })?;
    if let Some(org) = organisation_id {
        case.brought_by.organisation_name =
            members::organisation_name_on(conn, org, case.brought_in_on)?;
    }
    case.persons = persons::for_case(conn, id, today)?;
    case.grounds = case_grounds::for_case(conn, id)?;
    case.admissibility = admissibility::for_case(conn, id)?;
    case.deadlines = deadlines::for_case(conn, id, today)?;
    case.deliberations = ministry::deliberations(conn, id)?;
    case.ministry = ministry::view(conn, id, case.status)?;
    case.anonymised_on =
        conn.query_row("SELECT anonymised_on FROM cases WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    case.history = case_history::for_case(conn, id, &case.number)?;
    Ok(case)
}

fn next_number(conn: &Connection, year: i32) -> Result<CaseNumber> {
    let highest: Option<u32> =
        conn.query_row("SELECT MAX(seq) FROM cases WHERE year = ?1", [year], |r| {
            r.get(0)
        })?;
    Ok(CaseNumber::next(year, highest))
}

impl CaseFile {
    /// Registers a new case; it gets the next number of the year it was received in and
    /// starts as "Eingegangen".
    pub fn create_case(&mut self, draft: &CaseDraft) -> Result<CaseDetail> {
        self.require_editor()?;
        let fields = draft.validate(Local::now().date_naive())?;
        let id = self.edit(|tx, user| {
            check_references(tx, &fields)?;
            let number = next_number(tx, fields.received_on.year())?;
            let now = Utc::now().to_rfc3339();
            tx.execute(
                "INSERT INTO cases (number, year, seq, status, received_on, brought_by, brought_in_on,
                                    office_id, counsel, consent_on_file, consent_date, life_story,
                                    notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
                params![
                    number.to_string(),
                    number.year,
                    number.seq,
                    CaseStatus::Eingegangen.code(),
                    fields.received_on,
                    fields.brought_by,
                    fields.brought_in_on,
                    fields.office_id,
                    fields.counsel,
                    fields.consent_on_file,
                    fields.consent_date,
                    fields.life_story,
                    fields.notes,
                    now
                ],
            )?;
            let case = CaseRef {
                id: columns::last_id(tx)?,
                number: number.to_string(),
                status: CaseStatus::Eingegangen,
            };
            case_history::record(tx, user, &case, None, CaseStatus::Eingegangen, fields.received_on, None)?;
            record_change(tx, user, &case, "case", "create", None, Some(audit::fields(&fields)?))?;
            Ok(case.id)
        })?;
        detail(self.conn(), id)
    }

    /// Changes a case's own data (not its status).
    pub fn update_case(&mut self, id: u32, draft: &CaseDraft) -> Result<CaseDetail> {
        self.require_editor()?;
        let fields = draft.validate(Local::now().date_naive())?;
        self.edit(|tx, user| {
            let case = case_ref(tx, id)?;
            check_references(tx, &fields)?;
            let before = detail(tx, id)?.draft;
            tx.execute(
                "UPDATE cases SET received_on = ?2, brought_by = ?3, brought_in_on = ?4, office_id = ?5,
                        counsel = ?6, consent_on_file = ?7, consent_date = ?8, life_story = ?9, notes = ?10
                 WHERE id = ?1",
                params![
                    id,
                    fields.received_on,
                    fields.brought_by,
                    fields.brought_in_on,
                    fields.office_id,
                    fields.counsel,
                    fields.consent_on_file,
                    fields.consent_date,
                    fields.life_story,
                    fields.notes
                ],
            )?;
            record_change(tx, user, &case, "case", "update", Some(audit::fields(&before)?), Some(audit::fields(&fields)?))
        })?;
        detail(self.conn(), id)
    }

    /// Records the statement of the foreigners' office.
    pub fn save_abh_statement(&mut self, id: u32, draft: &AbhStatementDraft) -> Result<CaseDetail> {
        self.require_editor()?;
        let fields = draft.validate(Local::now().date_naive())?;
        self.edit(|tx, user| {
            let case = case_ref(tx, id)?;
            let before = detail(tx, id)?.abh_draft;
            tx.execute(
                "UPDATE cases SET abh_requested_on = ?2, abh_received_on = ?3, abh_content = ?4 WHERE id = ?1",
                params![id, fields.requested_on, fields.received_on, fields.content],
            )?;
            record_change(tx, user, &case, "abh_statement", "update", Some(audit::fields(&before)?), Some(audit::fields(&fields)?))
        })?;
        detail(self.conn(), id)
    }

    /// Opens a dossier. Reading is audited: the row names the case and the reader.
    /// The id of the case with this Aktenzeichen (HFK-2026-001).
    pub fn find_case(&self, number: &str) -> Result<u32> {
        self.conn()
            .query_row(
                "SELECT id FROM cases WHERE number = ?1",
                [number.trim()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: format!("Der Fall {}", number.trim()),
            })
    }

    pub fn open_case(&mut self, id: u32) -> Result<CaseDetail> {
        self.audited_read(|tx, user| {
            let case = detail(tx, id)?;
            audit::append(
                tx,
                user,
                AuditEvent {
                    entity: "case",
                    entity_id: Some(&case.number),
                    action: "open",
                    before: None,
                    after: None,
                },
            )?;
            Ok(case)
        })
    }
}
