//! Letter templates: the secretariat's own wording with named placeholders such as
//! `{Aktenzeichen}`, checked when a template is saved and filled when a letter is written.
//! `{{` and `}}` stand for a literal brace.

use std::collections::BTreeMap;

use crate::{Error, Result};

/// A placeholder a kind of letter offers, with what it stands for (shown beside the editor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placeholder {
    pub name: &'static str,
    pub meaning: &'static str,
}

/// A template cut into its text and its placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Slot(String),
}

fn pieces(template: &str) -> std::result::Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some('{') | Some('\n') | None => {
                            return Err(format!(
                                "Der Platzhalter „{{{name}“ ist nicht mit „}}“ geschlossen."
                            ))
                        }
                        Some(c) => name.push(c),
                    }
                }
                if !text.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut text)));
                }
                out.push(Piece::Slot(name.trim().to_owned()));
            }
            '}' => {
                return Err(
                    "Eine schließende Klammer „}“ steht ohne öffnende „{“ (für eine Klammer im Text: „}}“)."
                        .into(),
                )
            }
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    Ok(out)
}

/// Checks a template against the placeholders its letter offers; an unknown placeholder is
/// refused with its name. Returns the template trimmed.
pub fn check(field: &str, template: &str, offered: &[Placeholder]) -> Result<String> {
    let template = template.trim();
    if template.is_empty() {
        return Err(Error::invalid(field, "Bitte einen Text eintragen."));
    }
    let pieces = pieces(template).map_err(|message| Error::invalid(field, message))?;
    for piece in &pieces {
        if let Piece::Slot(name) = piece {
            if !offered.iter().any(|p| p.name == name) {
                let names: Vec<String> =
                    offered.iter().map(|p| format!("{{{}}}", p.name)).collect();
                return Err(Error::invalid(
                    field,
                    format!(
                        "Den Platzhalter {{{name}}} kennt dieses Schreiben nicht. Möglich sind: {}.",
                        names.join(", ")
                    ),
                ));
            }
        }
    }
    Ok(template.to_owned())
}

/// The values a letter's placeholders are filled with, by name.
pub type Values = BTreeMap<&'static str, String>;

/// Fills a checked template. A placeholder without a value is left as written, so that a
/// gap shows in the draft instead of vanishing.
pub fn fill(template: &str, values: &Values) -> String {
    let Ok(pieces) = pieces(template) else {
        return template.to_owned();
    };
    let mut out = String::with_capacity(template.len());
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(&text),
            Piece::Slot(name) => match values.get(name.as_str()) {
                Some(value) => out.push_str(value),
                None => {
                    out.push('{');
                    out.push_str(&name);
                    out.push('}');
                }
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFERED: &[Placeholder] = &[
        Placeholder {
            name: "Aktenzeichen",
            meaning: "",
        },
        Placeholder {
            name: "Ausländerbehörde",
            meaning: "",
        },
    ];

    fn message(result: Result<String>) -> String {
        match result {
            Err(Error::InvalidInput { message, .. }) => message,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn known_placeholders_pass_and_are_filled() {
        let template = check(
            "Brieftext",
            "  Betrifft {Aktenzeichen} bei der {Ausländerbehörde}.  ",
            OFFERED,
        )
        .unwrap();
        let mut values = Values::new();
        values.insert("Aktenzeichen", "HFK 12/2026".into());
        values.insert("Ausländerbehörde", "Stadt Cottbus".into());
        assert_eq!(
            fill(&template, &values),
            "Betrifft HFK 12/2026 bei der Stadt Cottbus."
        );
    }

    #[test]
    fn an_unknown_placeholder_is_refused_with_its_name() {
        let text = message(check("Brieftext", "Am {Sitzungsdatum} …", OFFERED));
        assert!(text.contains("{Sitzungsdatum}"), "{text}");
        assert!(text.contains("{Aktenzeichen}"), "{text}");
    }

    #[test]
    fn unbalanced_braces_are_refused_and_doubled_ones_are_text() {
        assert!(message(check("Brieftext", "Am {Aktenzeichen", OFFERED)).contains("nicht"));
        assert!(message(check("Brieftext", "a } b", OFFERED)).contains("ohne öffnende"));
        let template = check("Brieftext", "{{Aktenzeichen}} {Aktenzeichen}", OFFERED).unwrap();
        let mut values = Values::new();
        values.insert("Aktenzeichen", "HFK 1/2026".into());
        assert_eq!(fill(&template, &values), "{Aktenzeichen} HFK 1/2026");
    }

    #[test]
    fn an_empty_template_is_refused_and_a_missing_value_stays_visible() {
        assert_eq!(
            message(check("Betreff", "   ", OFFERED)),
            "Bitte einen Text eintragen."
        );
        assert_eq!(
            fill("Zu {Aktenzeichen}", &Values::new()),
            "Zu {Aktenzeichen}"
        );
    }
}
