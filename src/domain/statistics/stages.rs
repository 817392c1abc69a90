//! The stages of the report, each with its definition as code. A case counts at most once per
//! stage and period, however often it was heard.

use super::{CaseHistory, Count, Period};
use crate::domain::voting::{MinistryDecision, Outcome};
use crate::domain::workflow::CaseStatus;

/// One figure of the stage table.
pub struct Stage {
    /// Key in JSON and CSV.
    pub code: &'static str,
    pub label: &'static str,
    /// What counts, in the words of the report's explanations.
    pub definition: &'static str,
    counts: fn(Period, &CaseHistory) -> bool,
}

impl Stage {
    /// Whether the case counts for this figure in the period.
    pub fn applies(&self, period: Period, case: &CaseHistory) -> bool {
        (self.counts)(period, case)
    }
}

fn ended_in(period: Period, case: &CaseHistory, status: CaseStatus) -> bool {
    case.transitions
        .iter()
        .any(|(s, on)| *s == status && period.contains(*on))
}

fn heard_in(period: Period, case: &CaseHistory, outcomes: &[Outcome]) -> bool {
    case.hearings
        .iter()
        .any(|h| period.contains(h.on) && outcomes.contains(&h.outcome))
}

fn decided_in(period: Period, case: &CaseHistory, decision: MinistryDecision) -> bool {
    case.decision
        .is_some_and(|(d, on)| d == decision && period.contains(on))
}

/// The figures in the order of the report. Identity: `uebertrag + eingang +
/// wiederaufgenommen = erledigt + uebertrag_folgezeitraum`.
pub const STAGES: [Stage; 15] = [
    Stage {
        code: "uebertrag",
        label: "Übertrag aus dem Vorzeitraum",
        definition: "Fälle, die vor Beginn des Zeitraums eingegangen und an seinem Beginn noch nicht abgeschlossen waren.",
        counts: |p, c| c.open_at_start_of(p),
    },
    Stage {
        code: "eingang",
        label: "Eingänge",
        definition: "Fälle, deren Eingangsdatum im Zeitraum liegt.",
        counts: |p, c| p.contains(c.received_on),
    },
    Stage {
        code: "wiederaufgenommen",
        label: "Wiederaufgenommen",
        definition: "Fälle, die vor Beginn des Zeitraums eingegangen und an seinem Beginn abgeschlossen waren und im Zeitraum wiederaufgenommen wurden.",
        counts: |p, c| c.reopened_in(p),
    },
    Stage {
        code: "nicht_angenommen",
        label: "Nicht angenommen (Nichtbefassung)",
        definition: "Fälle, die im Zeitraum in der Vorprüfung nicht zur Befassung angenommen wurden (Tag der Entscheidung).",
        counts: |p, c| ended_in(p, c, CaseStatus::NichtAngenommen),
    },
    Stage {
        code: "zurueckgenommen",
        label: "Zurückgenommen",
        definition: "Fälle, die im Zeitraum zurückgenommen wurden.",
        counts: |p, c| ended_in(p, c, CaseStatus::Zurueckgenommen),
    },
    Stage {
        code: "anderweitig_erledigt",
        label: "Anderweitig erledigt",
        definition: "Fälle, die sich im Zeitraum anderweitig erledigt haben, etwa durch einen Aufenthaltstitel auf anderer Grundlage.",
        counts: |p, c| ended_in(p, c, CaseStatus::AnderweitigErledigt),
    },
    Stage {
        code: "beraten",
        label: "Beraten",
        definition: "Fälle, über die in mindestens einer Sitzung im Zeitraum entschieden wurde (Ersuchen oder kein Ersuchen); ein Fall zählt einmal, auch wenn er mehrfach beraten wurde. Vertagte Fälle zählen nicht als beraten.",
        counts: |p, c| heard_in(p, c, &[Outcome::Ersuchen, Outcome::KeinErsuchen]),
    },
    Stage {
        code: "vertagt",
        label: "Vertagt",
        definition: "Fälle, deren Beratung in einer Sitzung im Zeitraum vertagt wurde; sie bleiben offen und gehen in den Übertrag ein.",
        counts: |p, c| heard_in(p, c, &[Outcome::Vertagt]),
    },
    Stage {
        code: "ersuchen",
        label: "Härtefallersuchen gestellt",
        definition: "Fälle, für die die Kommission im Zeitraum ein Härtefallersuchen beschlossen hat.",
        counts: |p, c| heard_in(p, c, &[Outcome::Ersuchen]),
    },
    Stage {
        code: "kein_ersuchen",
        label: "Kein Ersuchen",
        definition: "Fälle, bei denen die Kommission im Zeitraum beschlossen hat, kein Ersuchen zu stellen.",
        counts: |p, c| heard_in(p, c, &[Outcome::KeinErsuchen]),
    },
    Stage {
        code: "anordnung",
        label: "Anordnung des Ministeriums (aufgegriffen)",
        definition: "Ersuchen, denen das Ministerium im Zeitraum mit einer Anordnung nach § 23a AufenthG gefolgt ist (Tag der Entscheidung).",
        counts: |p, c| decided_in(p, c, MinistryDecision::Anordnung),
    },
    Stage {
        code: "ablehnung",
        label: "Ablehnung durch das Ministerium",
        definition: "Ersuchen, die das Ministerium im Zeitraum abgelehnt hat.",
        counts: |p, c| decided_in(p, c, MinistryDecision::Ablehnung),
    },
    Stage {
        code: "ministerium_offen",
        label: "Beim Ministerium noch offen",
        definition: "Ersuchen, die am Ende des Zeitraums dem Ministerium vorlagen und über die es noch nicht entschieden hatte.",
        counts: |p, c| {
            c.request_sent_on.is_some_and(|sent| sent <= p.to) && c.decision.is_none_or(|(_, on)| on > p.to) && c.open_at_end_of(p.to)
        },
    },
    Stage {
        code: "erledigt",
        label: "Im Zeitraum abgeschlossen",
        definition: "Fälle aus Übertrag, Eingängen und Wiederaufnahmen, die am Ende des Zeitraums abgeschlossen waren: nicht angenommen, zurückgenommen, anderweitig erledigt oder abgeschlossen (nach kein Ersuchen oder der Entscheidung des Ministeriums). Ein wiederaufgenommener und erneut beendeter Fall zählt einmal.",
        counts: |p, c| {
            (c.open_at_start_of(p) || p.contains(c.received_on) || c.reopened_in(p))
                && !c.open_at_end_of(p.to)
        },
    },
    Stage {
        code: "uebertrag_folgezeitraum",
        label: "Übertrag in den Folgezeitraum",
        definition: "Fälle, die bis zum Ende des Zeitraums eingegangen und an seinem Ende noch nicht abgeschlossen waren.",
        counts: |p, c| c.open_at_end_of(p.to),
    },
];

/// The stages with these codes, in their order (the columns of a table).
pub(super) fn stages_for(codes: &[&str]) -> Vec<&'static Stage> {
    codes
        .iter()
        .filter_map(|code| STAGES.iter().find(|s| s.code == *code))
        .collect()
}

/// Each stage's count over the cases, in the order of `STAGES`.
pub fn count(period: Period, cases: &[CaseHistory]) -> Vec<Count> {
    let mut counts = vec![Count::default(); STAGES.len()];
    for case in cases {
        for (stage, count) in STAGES.iter().zip(counts.iter_mut()) {
            if stage.applies(period, case) {
                count.add(case);
            }
        }
    }
    counts
}

#[cfg(test)]
#[path = "stages_tests.rs"]
mod tests;
