//! Humanitarian grounds (Härtegründe) and negative factors, each with its text and the
//! evidence named.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::choice::{labelled_enum, Labelled};
use crate::domain::input::{optional_text, required_text, LONG_TEXT};
use crate::Result;

labelled_enum!(
    /// Whether an entry speaks for or against the case.
    GroundKind {
        Haertegrund => "Härtegrund",
        Negativfaktor => "Negativer Faktor",
    }
);

labelled_enum!(
    HardshipGround {
        Aufenthaltsdauer => "Lange Aufenthaltsdauer",
        Sprache => "Sprachkenntnisse",
        SchuleAusbildung => "Schule und Ausbildung",
        ArbeitLebensunterhalt => "Arbeit und Lebensunterhalt",
        KinderAufgewachsen => "Hier aufgewachsene oder geborene Kinder",
        FamiliaereBindungen => "Familiäre Bindungen",
        KrankheitTrauma => "Krankheit oder Trauma",
        PflegeAngehoeriger => "Pflege von Angehörigen",
        Ehrenamt => "Ehrenamt und soziale Bindungen",
        KeineBindungHerkunftsland => "Keine Bindungen an das Herkunftsland",
        GewaltZwangsheirat => "Häusliche Gewalt oder Zwangsheirat",
        Sonstiges => "Sonstiger Härtegrund",
    }
);

labelled_enum!(
    NegativeFactor {
        Straftaten => "Straftaten",
        LebensunterhaltNichtGesichert => "Lebensunterhalt nicht gesichert",
        KurzerAufenthalt => "Kurze Aufenthaltsdauer",
        Einreisesperre => "Einreisesperre",
        IdentitaetMitwirkung => "Identitätstäuschung oder fehlende Mitwirkung bei der Passbeschaffung",
        Sonstiges => "Sonstiger negativer Faktor",
    }
);

/// A ground as the form submits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct GroundDraft {
    pub kind: String,
    /// A code from the hardship-ground or the negative-factor catalogue, matching `kind`.
    pub code: String,
    pub description: String,
    pub evidence: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroundFields {
    pub kind: GroundKind,
    pub code: String,
    pub description: String,
    pub evidence: Option<String>,
}

impl GroundDraft {
    pub fn validate(&self) -> Result<GroundFields> {
        let kind = GroundKind::parse_code("Art", &self.kind)?;
        let code = match kind {
            GroundKind::Haertegrund => HardshipGround::parse_code("Härtegrund", &self.code)?.code(),
            GroundKind::Negativfaktor => {
                NegativeFactor::parse_code("Negativer Faktor", &self.code)?.code()
            }
        };
        Ok(GroundFields {
            kind,
            code: code.to_owned(),
            description: required_text("Beschreibung", &self.description, LONG_TEXT)?,
            evidence: optional_text("Nachweise", &self.evidence, LONG_TEXT)?,
        })
    }
}

/// The German label of a stored ground.
pub fn label_of(kind: GroundKind, code: &str) -> String {
    let label = match kind {
        GroundKind::Haertegrund => HardshipGround::parse_code("", code).map(|g| g.label()),
        GroundKind::Negativfaktor => NegativeFactor::parse_code("", code).map(|g| g.label()),
    };
    label.map(str::to_owned).unwrap_or_else(|_| code.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ground_needs_a_code_of_its_own_kind_and_a_description() {
        let ok = GroundDraft {
            kind: "haertegrund".into(),
            code: "sprache".into(),
            description: "Deutsch B1, Zertifikat vom 12.05.2024".into(),
            evidence: "".into(),
        };
        assert_eq!(ok.validate().unwrap().evidence, None);
        let wrong_kind = GroundDraft {
            code: "straftaten".into(),
            ..ok.clone()
        };
        assert!(wrong_kind
            .validate()
            .unwrap_err()
            .to_string()
            .starts_with("Härtegrund: Unbekannter Wert"));
        let negative = GroundDraft {
            kind: "negativfaktor".into(),
            ..wrong_kind
        };
        assert_eq!(negative.validate().unwrap().kind, GroundKind::Negativfaktor);
        let empty = GroundDraft {
            description: "  ".into(),
            ..ok
        };
        assert!(empty
            .validate()
            .unwrap_err()
            .to_string()
            .starts_with("Beschreibung:"));
    }

    #[test]
    fn the_catalogues_hold_the_domain_lists() {
        assert_eq!(HardshipGround::choices().len(), 12);
        assert_eq!(NegativeFactor::choices().len(), 6);
        assert_eq!(
            label_of(GroundKind::Haertegrund, "sprache"),
            "Sprachkenntnisse"
        );
    }
}
