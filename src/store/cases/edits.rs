//! Every change to a part of a case, answered with the refreshed case page. The parts save
//! and return; the page is assembled here, above them, so no part imports the page.

use crate::domain::admissibility::AdmissibilityDraft;
use crate::domain::deadline::DeadlineDraft;
use crate::domain::grounds::GroundDraft;
use crate::domain::ministry::DecisionDraft;
use crate::domain::person::PersonDraft;
use crate::domain::workflow::CaseStatus;
use crate::store::cases::page::CaseDetail;
use crate::store::cases::{admissibility, deadlines, grounds, history, ministry, persons};
use crate::store::CaseFile;
use crate::Result;

impl CaseFile {
    /// Adds a person to a case (`person_id` None) or changes one.
    pub fn save_person(
        &mut self,
        case_id: u32,
        person_id: Option<u32>,
        draft: &PersonDraft,
    ) -> Result<CaseDetail> {
        persons::save_person(self, case_id, person_id, draft)?;
        self.case_page(case_id)
    }

    /// Removes a person from a case.
    pub fn remove_person(&mut self, case_id: u32, person_id: u32) -> Result<CaseDetail> {
        persons::remove_person(self, case_id, person_id)?;
        self.case_page(case_id)
    }

    /// Adds a ground or negative factor (`ground_id` None) or changes one.
    pub fn save_ground(
        &mut self,
        case_id: u32,
        ground_id: Option<u32>,
        draft: &GroundDraft,
    ) -> Result<CaseDetail> {
        grounds::save_ground(self, case_id, ground_id, draft)?;
        self.case_page(case_id)
    }

    pub fn remove_ground(&mut self, case_id: u32, ground_id: u32) -> Result<CaseDetail> {
        grounds::remove_ground(self, case_id, ground_id)?;
        self.case_page(case_id)
    }

    /// Records the admissibility decision and moves the case to "Angenommen" or "Nicht
    /// angenommen" (through "In Vorprüfung" if it was just received).
    pub fn record_admissibility(
        &mut self,
        case_id: u32,
        draft: &AdmissibilityDraft,
    ) -> Result<CaseDetail> {
        admissibility::record_admissibility(self, case_id, draft)?;
        self.case_page(case_id)
    }

    /// Adds a deadline (`deadline_id` None) or changes its date and subject.
    pub fn save_deadline(
        &mut self,
        case_id: u32,
        deadline_id: Option<u32>,
        draft: &DeadlineDraft,
    ) -> Result<CaseDetail> {
        deadlines::save_deadline(self, case_id, deadline_id, draft)?;
        self.case_page(case_id)
    }

    /// Marks a deadline done (today) or open again.
    pub fn set_deadline_done(
        &mut self,
        case_id: u32,
        deadline_id: u32,
        done: bool,
    ) -> Result<CaseDetail> {
        deadlines::set_deadline_done(self, case_id, deadline_id, done)?;
        self.case_page(case_id)
    }

    /// Moves a case by hand (into the admissibility check, or ends it as withdrawn or
    /// resolved otherwise). The move's day is typed (TT.MM.JJJJ).
    pub fn change_case_status(
        &mut self,
        case_id: u32,
        to: CaseStatus,
        on_date: &str,
        reason: &str,
    ) -> Result<CaseDetail> {
        history::change_case_status(self, case_id, to, on_date, reason)?;
        self.case_page(case_id)
    }

    /// Reopens an ended case (Verwaltung only) with a reason; it returns to the status it
    /// held before it ended.
    pub fn reopen_case(&mut self, case_id: u32, reason: &str) -> Result<CaseDetail> {
        history::reopen_case(self, case_id, reason)?;
        self.case_page(case_id)
    }

    /// Records the day the Härtefallersuchen went to the ministry; the case moves there.
    pub fn send_request(&mut self, case_id: u32, sent_on: &str) -> Result<CaseDetail> {
        ministry::send_request(self, case_id, sent_on)?;
        self.case_page(case_id)
    }

    /// Records the ministry's order (with its conditions) or refusal (with its reasons);
    /// the case closes with it.
    pub fn record_ministry_decision(
        &mut self,
        case_id: u32,
        draft: &DecisionDraft,
    ) -> Result<CaseDetail> {
        ministry::record_ministry_decision(self, case_id, draft)?;
        self.case_page(case_id)
    }

    /// Records (or clears) the day a person's residence permit was issued after an order.
    pub fn set_permit_issued(
        &mut self,
        case_id: u32,
        person_id: u32,
        issued_on: &str,
    ) -> Result<CaseDetail> {
        ministry::set_permit_issued(self, case_id, person_id, issued_on)?;
        self.case_page(case_id)
    }
}
