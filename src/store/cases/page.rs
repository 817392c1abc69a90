//! The case page: everything the window shows of one case, assembled from the parts
//! (persons, grounds, admissibility, deadlines, history, deliberations and the ministry).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use crate::domain::case::{AbhStatementDraft, CaseDraft};
use crate::domain::choice::{Choice, Labelled};
use crate::domain::input::as_typed;
use crate::domain::member::{cited_as, MemberKind};
use crate::domain::workflow::CaseStatus;
use crate::store::audit::AuditAction;
use crate::store::audit::{self, AuditEvent};
use crate::store::cases::admissibility::{self, AdmissibilityView};
use crate::store::cases::deadlines::{self, DeadlineView};
use crate::store::cases::grounds::{self, GroundView};
use crate::store::cases::history::{self, HistoryEntry};
use crate::store::cases::ministry::{self, Deliberation, MinistryView};
use crate::store::cases::persons::{self, PersonView};
use crate::store::columns;
use crate::store::register::members;
use crate::store::CaseFile;
use crate::{Error, Result};

/// Who brought a case in, with the organisation's name as it was on that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct BroughtBy {
    pub member_id: u32,
    pub name: String,
    pub kind: MemberKind,
    pub kind_label: String,
    pub organisation_name: Option<String>,
    /// "Berta Beispiel – Stellvertretung für Anna Muster (Caritas)".
    pub cited_as: String,
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
    /// The main person ("Family, Given"): the Hauptperson, else the first person named.
    pub main_person: Option<String>,
    /// What the window may offer for the case in its state.
    pub may: CaseAffordances,
}

/// What the window may offer for a case (the role's part is in the session's affordances).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Type)]
pub struct CaseAffordances {
    /// The admissibility check (Vorprüfung) may be recorded.
    pub may_check_admissibility: bool,
    /// The request letter (Härtefallersuchen) may be exported: the latest deliberation asked
    /// for a request.
    pub may_export_request_letter: bool,
}

/// The columns both the page and the drafts read, in this order (the drafts from index 2).
const DRAFT_COLUMNS: &str = "c.number, c.status, c.received_on, c.brought_by, c.brought_in_on,
    c.office_id, c.counsel, c.consent_on_file, c.consent_date, c.life_story, c.notes,
    c.abh_requested_on, c.abh_received_on, c.abh_content";

/// The case's own data and the ABH statement as the forms show them, from a row that starts
/// with [`DRAFT_COLUMNS`].
fn drafts_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<(CaseDraft, AbhStatementDraft)> {
    let text = |i: usize| -> rusqlite::Result<String> {
        Ok(r.get::<_, Option<String>>(i)?.unwrap_or_default())
    };
    Ok((
        CaseDraft {
            received_on: as_typed(r.get(2)?),
            brought_by: r.get(3)?,
            brought_in_on: as_typed(r.get(4)?),
            office_id: r.get(5)?,
            counsel: text(6)?,
            consent_on_file: r.get(7)?,
            consent_date: as_typed(r.get(8)?),
            life_story: text(9)?,
            notes: text(10)?,
        },
        AbhStatementDraft {
            requested_on: as_typed(r.get(11)?),
            received_on: as_typed(r.get(12)?),
            content: text(13)?,
        },
    ))
}

/// The case's drafts alone: what an audit row of a change to the case itself shows, without
/// building the page inside the write transaction.
pub(crate) fn drafts(conn: &Connection, id: u32) -> Result<(CaseDraft, AbhStatementDraft)> {
    conn.query_row(
        &format!("SELECT {DRAFT_COLUMNS} FROM cases c WHERE c.id = ?1"),
        [id],
        drafts_from,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "Der Fall".into(),
    })
}

/// The whole case page, without auditing (for callers that just changed the case).
pub(crate) fn detail(conn: &Connection, id: u32, today: NaiveDate) -> Result<CaseDetail> {
    let case = conn
        .query_row(
            &format!(
                "SELECT {DRAFT_COLUMNS},
                        m.name, m.kind, m.organisation_id, o.name, c.display_name
                 FROM cases c JOIN members m ON m.id = c.brought_by
                 LEFT JOIN foreigners_offices o ON o.id = c.office_id
                 WHERE c.id = ?1"
            ),
            [id],
            |r| {
                let status: CaseStatus = columns::code(r, 1)?;
                let kind: crate::domain::member::MemberKind = columns::code(r, 15)?;
                let (draft, abh_draft) = drafts_from(r)?;
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
                            kind,
                            kind_label: kind.label().to_owned(),
                            organisation_name: None,
                            cited_as: String::new(),
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
                        main_person: r
                            .get::<_, Option<String>>(18)?
                            .filter(|name| !name.is_empty()),
                        may: CaseAffordances {
                            may_check_admissibility: status.awaits_admissibility(),
                            may_export_request_letter: false,
                        },
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
    let deputy_of: Option<String> = conn
        .query_row(
            "SELECT d.name FROM members m JOIN members d ON d.id = m.deputy_of WHERE m.id = ?1",
            [case.brought_by.member_id],
            |r| r.get(0),
        )
        .optional()?;
    let by = &case.brought_by;
    case.brought_by.cited_as = cited_as(
        &by.name,
        by.kind,
        by.organisation_name.as_deref(),
        deputy_of.as_deref(),
    );
    case.persons = persons::for_case(conn, id, today)?;
    case.grounds = grounds::for_case(conn, id)?;
    case.admissibility = admissibility::for_case(conn, id)?;
    case.deadlines = deadlines::for_case(conn, id, today)?;
    case.deliberations = ministry::deliberations(conn, id)?;
    case.may.may_export_request_letter = ministry::request_basis(&case.deliberations).is_some();
    case.ministry = ministry::view(conn, id, case.status)?;
    case.anonymised_on =
        conn.query_row("SELECT anonymised_on FROM cases WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    case.history = history::for_case(conn, id, &case.number)?;
    Ok(case)
}

impl CaseFile {
    /// The case page as of today, without auditing (for callers that just changed the case).
    pub(crate) fn case_page(&self, id: u32) -> Result<CaseDetail> {
        detail(self.conn(), id, self.today())
    }

    /// Opens a dossier. Reading is audited: the row names the case and the reader.
    pub fn open_case(&mut self, id: u32) -> Result<CaseDetail> {
        let today = self.today();
        self.audited_read(|tx, user| {
            let case = detail(tx, id, today)?;
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: AuditAction::CaseOpen,
                    entity_id: Some(&case.number),
                    before: None,
                    after: None,
                },
            )?;
            Ok(case)
        })
    }
}
