//! Schriftverkehr: the letters written from a case, filled in from it by the kind's template,
//! edited in the window, laid out as DIN 5008 letters and kept in the file as they went out.

pub mod invitations;
pub mod sheet;
pub mod values;

use chrono::NaiveDate;
use serde::Deserialize;
use specta::Type;

use crate::domain::choice::Labelled;
use crate::domain::commission::check_address;
use crate::domain::input::{optional_date, required_text, LONG_TEXT, SHORT_TEXT};
use crate::domain::letter_kind::{Addressee, LetterKind};
use crate::domain::letter_template::fill;
use crate::domain::letter_texts::{check_closing, check_signature};
use crate::report::fonts::Fonts;
use crate::report::layout::Layout;
use crate::report::pdf::{self, Metadata};
use crate::report::{ExportTarget, Exported};
use crate::store::letters::addresses::{case_addresses, Addressed};
use crate::store::letters::templates::template;
use crate::store::letters::{LetterRecord, NewLetter};
use crate::store::settings::catalogue::{LETTER_CLOSING, LETTER_SIGNATURE};
use crate::store::settings::get;
use crate::store::CaseFile;
use crate::{Error, Result};
use sheet::{InfoLine, LetterSheet};

/// The letter the window asks for: its kind, whom it goes to and, for a request, the day
/// the answer is due.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
pub struct LetterChoice {
    pub kind: LetterKind,
    pub addressee: Addressee,
    /// "TT.MM.JJJJ"; the request for a statement needs it, the others ignore it.
    pub reply_by: String,
}

pub const RECIPIENT_LABEL: &str = "Anschrift";
pub const REPLY_BY_LABEL: &str = "Antwortfrist";

/// The due day of an answer: required where the kind asks for one, after today.
fn reply_by(kind: LetterKind, raw: &str, today: NaiveDate) -> Result<Option<NaiveDate>> {
    if kind != LetterKind::AnforderungStellungnahme {
        return Ok(None);
    }
    let Some(date) = optional_date(REPLY_BY_LABEL, raw)? else {
        return Err(Error::invalid(REPLY_BY_LABEL, "Bitte ein Datum eintragen."));
    };
    if date <= today {
        return Err(Error::invalid(
            REPLY_BY_LABEL,
            "Die Antwortfrist muss nach dem heutigen Tag liegen.",
        ));
    }
    Ok(Some(date))
}

/// The address field's lines: a member's or counsel's name above the address recorded for
/// them; an office's address is its whole address field.
fn recipient_lines(addressed: &Addressed, name_above: bool) -> Vec<String> {
    let mut lines = Vec::new();
    if name_above || addressed.address.is_none() {
        lines.push(addressed.name.clone());
    }
    if let Some(address) = &addressed.address {
        lines.extend(address.lines().map(str::to_owned));
    }
    lines
}

/// Checks a sheet as edited in the window before it is laid out and kept.
fn check_sheet(kind: LetterKind, sheet: &LetterSheet) -> Result<LetterSheet> {
    let recipient = check_address(RECIPIENT_LABEL, &sheet.recipient.join("\n"))?;
    if recipient.lines().count() < 2 {
        return Err(Error::invalid(
            RECIPIENT_LABEL,
            "Die Anschrift fehlt: bitte unter dem Namen Straße und Ort ergänzen (oder beim Empfänger hinterlegen).",
        ));
    }
    let subject = required_text("Betreff", &sheet.subject, SHORT_TEXT)?;
    if subject.contains('\n') {
        return Err(Error::invalid("Betreff", "Der Betreff ist eine Zeile."));
    }
    let body = required_text("Brieftext", &sheet.body, LONG_TEXT)?;
    // Any letter's placeholder left in is a gap, not text (one of another kind, too).
    let own = kind.placeholders();
    let others = <LetterKind as strum::IntoEnumIterator>::iter().flat_map(|k| k.placeholders());
    for p in own.into_iter().chain(others) {
        let written = format!("{{{}}}", p.name);
        for (field, text) in [("Betreff", &subject), ("Brieftext", &body)] {
            if text.contains(&written) {
                return Err(Error::invalid(
                    field,
                    format!(
                        "Hier steht noch der Platzhalter {written} ({}): bitte ausfüllen.",
                        p.meaning
                    ),
                ));
            }
        }
    }
    Ok(LetterSheet {
        recipient: recipient.lines().map(str::to_owned).collect(),
        subject,
        body,
        closing: check_closing(sheet.closing.clone())?,
        signature: check_signature(sheet.signature.clone())?,
        ..sheet.clone()
    })
}

fn recipient_missing(what: String) -> Error {
    Error::invalid("Empfänger", what)
}

impl CaseFile {
    /// A case letter filled in from the case by its kind's template, for the window to show
    /// and edit. Nothing is written.
    pub fn compose_case_letter(&self, case_id: u32, choice: &LetterChoice) -> Result<LetterSheet> {
        let kind = choice.kind;
        if kind.is_for_session() {
            return Err(Error::invalid(
                "Schreiben",
                "Die Einladung wird von der Sitzung aus erstellt.",
            ));
        }
        if !kind.addressees().contains(&choice.addressee) {
            return Err(recipient_missing(format!(
                "{} geht nicht an: {}.",
                kind.label(),
                choice.addressee.label()
            )));
        }
        let today = self.today();
        let due = reply_by(kind, &choice.reply_by, today)?;
        let case = self.case_page(case_id)?;
        if case.anonymised_on.is_some() {
            return Err(Error::invalid(
                kind.label(),
                format!(
                    "Die personenbezogenen Daten von {} sind gelöscht; es wird kein Schreiben mehr erstellt.",
                    case.number
                ),
            ));
        }
        let commission = self.commission()?;
        let addresses = case_addresses(self.conn(), case_id)?;
        let recipient = match choice.addressee {
            Addressee::Einbringer => recipient_lines(&addresses.member, true),
            Addressee::Beistand => {
                let counsel = addresses.counsel.as_ref().ok_or_else(|| {
                    recipient_missing(format!("Für {} ist kein Beistand erfasst.", case.number))
                })?;
                recipient_lines(counsel, true)
            }
            Addressee::Auslaenderbehoerde => {
                let office = addresses.office.as_ref().ok_or_else(|| {
                    recipient_missing(format!(
                        "Für {} ist keine Ausländerbehörde erfasst.",
                        case.number
                    ))
                })?;
                recipient_lines(office, false)
            }
            Addressee::Ministerium => commission.ministry_address.clone(),
            Addressee::Mitglied => {
                return Err(recipient_missing(
                    "Mitglieder werden von der Sitzung aus eingeladen.".into(),
                ))
            }
        };
        let name = recipient.first().cloned().unwrap_or_default();
        let values = values::case_values(&commission, &case, kind, &name, today, due)?;
        let wording = template(self.conn(), kind)?;
        Ok(LetterSheet {
            sender_line: commission.sender_line(),
            recipient,
            info: vec![
                InfoLine {
                    label: "Unser Zeichen".into(),
                    value: case.number.clone(),
                },
                InfoLine {
                    label: "Datum".into(),
                    value: today.format("%d.%m.%Y").to_string(),
                },
            ],
            subject: fill(&wording.subject, &values),
            body: fill(&wording.body, &values),
            closing: get(self.conn(), &LETTER_CLOSING)?,
            signature: get(self.conn(), &LETTER_SIGNATURE)?,
        })
    }

    /// Lays out a letter as edited in the window and keeps it with the case, audited. The
    /// request for a statement records "angefordert am".
    pub fn write_case_letter(
        &mut self,
        case_id: u32,
        choice: &LetterChoice,
        edited: &LetterSheet,
    ) -> Result<LetterRecord> {
        self.require_editor()?;
        // Composed again: the kind's checks (a non-admission needs one) hold at writing too,
        // and the return line and information block are the program's, not the window's.
        let fresh = self.compose_case_letter(case_id, choice)?;
        let sheet = check_sheet(
            choice.kind,
            &LetterSheet {
                sender_line: fresh.sender_line,
                info: fresh.info,
                ..edited.clone()
            },
        )?;
        let number = self.case_page(case_id)?.number;
        let bytes = self.render_letter(&sheet, &format!("{} {number}", choice.kind.label()))?;
        let id = self.record_case_letter(&NewLetter {
            case_id: Some(case_id),
            session_id: None,
            kind: choice.kind,
            addressee: choice.addressee,
            recipient: &sheet.recipient[0],
            subject: &sheet.subject,
            pdf: &bytes,
            named_cases: &[],
        })?;
        self.case_letters(case_id)?
            .into_iter()
            .find(|l| l.id == id)
            .ok_or_else(|| Error::NotFound {
                what: "Das Schreiben".into(),
            })
    }

    /// A letter as PDF bytes: no internal footer, the page count only past one page.
    pub(crate) fn render_letter(&self, sheet: &LetterSheet, title: &str) -> Result<Vec<u8>> {
        let fonts = Fonts::load()?;
        let mut layout = Layout::new(&fonts);
        sheet::lay_out(&mut layout, sheet, title);
        let (pages, bookmarks) = layout.finish("", "");
        pdf::write(
            &fonts,
            &pages,
            &bookmarks,
            &Metadata {
                title,
                author: &self.user().username,
                subject: "Härtefallkommission",
            },
        )
    }

    /// Saves a kept letter out as it went out (sealed on request); audited as an export.
    pub fn save_letter_copy<'t>(
        &mut self,
        letter_id: u32,
        target: impl Into<ExportTarget<'t>>,
    ) -> Result<Exported> {
        let target = target.into();
        self.check_export_target(target.path)?;
        let (number, kind, bytes) = self.letter_pdf(letter_id)?;
        let pages = lopdf::Document::load_mem(&bytes)
            .map(|d| d.get_pages().len())
            .unwrap_or(0);
        let after = serde_json::json!({
            "kind": "schreiben", "letter": letter_id, "letter_kind": kind.code(),
            "sealed": target.sealed,
        });
        self.deliver(target, bytes, pages, vec![(number, after)])
    }
}
