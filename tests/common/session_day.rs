//! A commission on its session day, for tests that must reach the code behind the state
//! checks: three voting members, a session called for today with everyone present, admitted
//! cases to put on its agenda, and a case waiting for the ministry.

use hfk_akte::domain::admissibility::AdmissibilityDraft;
use hfk_akte::domain::attendance::{Attendance, AttendanceEntry};
use hfk_akte::domain::case::CaseDraft;
use hfk_akte::domain::member::{MemberDraft, MemberKind};
use hfk_akte::domain::person::PersonDraft;
use hfk_akte::domain::session::{SessionDraft, SessionStatus};
use hfk_akte::domain::voting::{Ballot, Outcome, Vote};
use hfk_akte::store::sessions::decisions::ItemDecisionDraft;
use hfk_akte::store::CaseFile;

use super::fixed_today;

fn typed(day: chrono::NaiveDate) -> String {
    day.format("%d.%m.%Y").to_string()
}

pub struct SessionDay {
    pub members: Vec<u32>,
    pub integrationsbeauftragte: u32,
}

impl SessionDay {
    /// Adds three voting members to the file (its clock must be on [`fixed_today`]).
    pub fn new(file: &mut CaseFile) -> SessionDay {
        let register = file.member_register().unwrap();
        let org = register.organisations[0].id;
        let integrationsbeauftragte = register
            .members
            .iter()
            .find(|m| m.kind == MemberKind::Integrationsbeauftragte)
            .unwrap()
            .id;
        let members = ["Đorđe Ćosić", "Мария Иванова", "Zainab al-Hashimi"]
            .iter()
            .map(|name| {
                file.save_member(
                    None,
                    &MemberDraft {
                        name: (*name).into(),
                        kind: "mitglied".into(),
                        organisation_id: Some(org),
                        deputy_of: None,
                        term_from: "01.01.2024".into(),
                        term_to: String::new(),
                    },
                )
                .unwrap()
            })
            .collect();
        SessionDay {
            members,
            integrationsbeauftragte,
        }
    }

    /// Every voting member present.
    pub fn everyone_present(&self) -> Vec<AttendanceEntry> {
        self.members
            .iter()
            .map(|&member_id| AttendanceEntry {
                member_id,
                attendance: Attendance::Anwesend,
                deputy_id: None,
            })
            .collect()
    }

    /// A unanimous request (Ersuchen).
    pub fn unanimous_request(&self) -> ItemDecisionDraft {
        ItemDecisionDraft {
            ballots: self
                .members
                .iter()
                .map(|&member_id| Ballot {
                    member_id,
                    recused: false,
                    stand_in_id: None,
                    vote: Some(Vote::Ja),
                })
                .collect(),
            outcome: Some(Outcome::Ersuchen),
            reasons: "Nachhaltige Integration, Kinder in der Schule.".into(),
        }
    }

    /// A session called for today; with `attendance`, everyone is recorded present.
    pub fn called_today(&self, file: &mut CaseFile, attendance: bool) -> u32 {
        let today = typed(fixed_today());
        let session = file
            .plan_session(&SessionDraft {
                held_on: today.clone(),
                start_time: "10:00".into(),
                place: "Potsdam".into(),
            })
            .unwrap()
            .id;
        // An empty agenda cannot be called.
        file.add_free_item(session, "Genehmigung der Niederschrift")
            .unwrap();
        file.advance_session(session, SessionStatus::Einberufen, &today)
            .unwrap();
        if attendance {
            file.record_attendance(session, &self.everyone_present())
                .unwrap();
        }
        session
    }

    /// A new admitted case with one person.
    pub fn admitted_case(&self, file: &mut CaseFile, family_name: &str) -> u32 {
        let received = typed(fixed_today() - chrono::Days::new(30));
        let case = file
            .create_case(&CaseDraft {
                received_on: received.clone(),
                brought_by: Some(self.integrationsbeauftragte),
                brought_in_on: received.clone(),
                ..CaseDraft::default()
            })
            .unwrap()
            .id;
        file.save_person(
            case,
            None,
            &PersonDraft {
                family_role: "hauptperson".into(),
                family_name: family_name.into(),
                given_names: "Amina".into(),
                nationality: "SY".into(),
                sex: "weiblich".into(),
                ..PersonDraft::default()
            },
        )
        .unwrap();
        let answers = super::no_exclusion(file);
        file.record_admissibility(
            case,
            &AdmissibilityDraft {
                answers,
                result: "angenommen".into(),
                ground_code: String::new(),
                reasoning: String::new(),
                decided_on: received,
            },
        )
        .unwrap();
        case
    }

    /// Puts a new admitted case on the session's agenda; returns the item.
    pub fn new_item(&self, file: &mut CaseFile, session: u32) -> u32 {
        let case = self.admitted_case(file, "Haddad");
        file.schedule_case(session, case, None)
            .unwrap()
            .items
            .iter()
            .find(|i| i.case_id == Some(case))
            .unwrap()
            .id
    }

    /// A case the commission asked the ministry about: decided today, request sent today.
    pub fn case_with_the_ministry(&self, file: &mut CaseFile, session: u32) -> u32 {
        let item = self.new_item(file, session);
        let detail = file.decide_item(item, &self.unanimous_request()).unwrap();
        let case = detail
            .items
            .iter()
            .find(|i| i.id == item)
            .unwrap()
            .case_id
            .unwrap();
        file.send_request(case, &typed(fixed_today())).unwrap();
        case
    }
}
