//! The wording of each kind of letter: the program's own until the secretariat adapts it
//! under Verwaltung. A template is checked when saved (an unknown placeholder is refused
//! with its name); letters already written keep their PDF and never change with it.

use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use crate::domain::choice::Labelled;
use crate::domain::input::{LONG_TEXT, SHORT_TEXT};
use crate::domain::letter_kind::LetterKind;
use crate::domain::letter_template::check;
use crate::domain::letter_texts::{default_body, default_subject};
use crate::store::audit::{self, AuditAction, AuditEvent};
use crate::store::CaseFile;
use crate::{Error, Result};

/// A placeholder as the template editor lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct PlaceholderView {
    /// As written in the template: "{Aktenzeichen}".
    pub written: String,
    pub meaning: String,
}

/// One kind's template as Verwaltung shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct LetterTemplate {
    pub kind: LetterKind,
    pub kind_label: String,
    pub subject: String,
    pub body: String,
    /// Whether the secretariat's own wording is in force (else the program's).
    pub adapted: bool,
    pub placeholders: Vec<PlaceholderView>,
}

pub const SUBJECT_LABEL: &str = "Betreff";
pub const BODY_LABEL: &str = "Brieftext";

/// The wording in force for a kind.
pub(crate) fn template(conn: &Connection, kind: LetterKind) -> Result<LetterTemplate> {
    let stored: Option<(String, String)> = conn
        .query_row(
            "SELECT subject, body FROM letter_templates WHERE kind = ?1",
            [kind.code()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let adapted = stored.is_some();
    let (subject, body) =
        stored.unwrap_or_else(|| (default_subject(kind).into(), default_body(kind).into()));
    Ok(LetterTemplate {
        kind,
        kind_label: kind.label().to_owned(),
        subject,
        body,
        adapted,
        placeholders: kind
            .placeholders()
            .iter()
            .map(|p| PlaceholderView {
                written: format!("{{{}}}", p.name),
                meaning: p.meaning.to_owned(),
            })
            .collect(),
    })
}

fn too_long(field: &str, text: &str, max: usize) -> Result<()> {
    let chars = text.chars().count();
    if chars > max {
        return Err(Error::invalid(
            field,
            format!("Höchstens {max} Zeichen erlaubt (eingegeben: {chars})."),
        ));
    }
    Ok(())
}

impl CaseFile {
    /// Every kind's wording in force.
    pub fn letter_templates(&self) -> Result<Vec<LetterTemplate>> {
        LetterKind::iter()
            .map(|kind| template(self.conn(), kind))
            .collect()
    }

    /// Adapts a kind's wording (Verwaltung only; audited). `None` for both brings the
    /// program's own wording back.
    pub fn set_letter_template(
        &mut self,
        kind: LetterKind,
        wording: Option<(&str, &str)>,
    ) -> Result<LetterTemplate> {
        self.require_admin()?;
        let offered = kind.placeholders();
        let checked = match wording {
            Some((subject, body)) => {
                let subject = check(SUBJECT_LABEL, subject, &offered)?;
                if subject.contains('\n') {
                    return Err(Error::invalid(SUBJECT_LABEL, "Der Betreff ist eine Zeile."));
                }
                too_long(SUBJECT_LABEL, &subject, SHORT_TEXT)?;
                let body = check(BODY_LABEL, body, &offered)?;
                too_long(BODY_LABEL, &body, LONG_TEXT)?;
                Some((subject, body))
            }
            None => None,
        };
        self.edit(|tx, user| {
            let before = template(tx, kind)?;
            match &checked {
                Some((subject, body)) => tx.execute(
                    "INSERT INTO letter_templates (kind, subject, body, changed_at)
                     VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (kind) DO UPDATE SET subject = excluded.subject,
                         body = excluded.body, changed_at = excluded.changed_at",
                    params![kind.code(), subject, body, Utc::now().to_rfc3339()],
                )?,
                None => tx.execute(
                    "DELETE FROM letter_templates WHERE kind = ?1",
                    [kind.code()],
                )?,
            };
            let after = template(tx, kind)?;
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: AuditAction::LetterTemplateChange,
                    entity_id: Some(kind.code()),
                    before: Some(
                        serde_json::json!({ "subject": before.subject, "body": before.body }),
                    ),
                    after: Some(
                        serde_json::json!({ "subject": after.subject, "body": after.body }),
                    ),
                },
            )?;
            Ok(after)
        })
    }
}

use strum::IntoEnumIterator;
