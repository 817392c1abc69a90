//! Everything the case forms offer to choose from, in one answer.

use serde::Serialize;
use specta::Type;

use crate::domain::admissibility::{Criterion, CriterionKind};
use crate::domain::attachment::AttachmentKind;
use crate::domain::choice::{Choice, Labelled};
use crate::domain::countries::{self, Country};
use crate::domain::grounds::{GroundKind, HardshipGround, NegativeFactor};
use crate::domain::letter_kind::{case_letter_kinds, LetterKindChoice};
use crate::domain::member::MemberKind;
use crate::domain::person::{FamilyRole, ResidenceStatus, Sex};
use crate::domain::workflow::CaseStatus;
use crate::store::cases::admissibility;
use crate::store::cases::search;
use crate::store::register::members::{self, Member};
use crate::store::register::offices::{self, Office};
use crate::store::CaseFile;
use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Catalogues {
    pub countries: Vec<Country>,
    pub family_roles: Vec<Choice>,
    pub sexes: Vec<Choice>,
    pub residence_statuses: Vec<Choice>,
    pub ground_kinds: Vec<Choice>,
    pub hardship_grounds: Vec<Choice>,
    pub negative_factors: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub member_kinds: Vec<Choice>,
    pub criterion_kinds: Vec<Choice>,
    pub members: Vec<Member>,
    pub offices: Vec<Office>,
    pub criteria: Vec<Criterion>,
    /// Years that have cases, newest first.
    pub years: Vec<i32>,
    /// The letters a case page can write.
    pub case_letters: Vec<LetterKindChoice>,
    /// What a document of a case can be (Anlagen).
    pub attachment_kinds: Vec<Choice>,
}

impl CaseFile {
    pub fn catalogues(&self) -> Result<Catalogues> {
        let conn = self.conn();
        Ok(Catalogues {
            countries: countries::all().to_vec(),
            family_roles: FamilyRole::choices(),
            sexes: Sex::choices(),
            residence_statuses: ResidenceStatus::choices(),
            ground_kinds: GroundKind::choices(),
            hardship_grounds: HardshipGround::choices(),
            negative_factors: NegativeFactor::choices(),
            statuses: CaseStatus::choices(),
            member_kinds: MemberKind::choices(),
            criterion_kinds: CriterionKind::choices(),
            members: members::members(conn, self.today())?,
            offices: offices::offices(conn)?,
            criteria: admissibility::criteria(conn)?,
            years: search::years(conn)?,
            case_letters: case_letter_kinds(),
            attachment_kinds: AttachmentKind::choices(),
        })
    }
}
