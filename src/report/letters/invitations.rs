//! The invitations to a session: one letter per member in office on the session day (voting
//! members, deputies, advisory members), each kept in the file, saved into a folder as one
//! PDF per member or as one combined PDF for printing, every letter counting its own pages.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::commission::check_address;
use crate::domain::input::optional_date;
use crate::domain::letter_kind::{Addressee, LetterKind};
use crate::domain::letter_template::{fill, Values};
use crate::domain::member_copy;
use crate::report::agenda::{self, AgendaVariant};
use crate::report::fonts::Fonts;
use crate::report::layout::Layout;
use crate::report::letters::sheet::{self, InfoLine, LetterSheet};
use crate::report::letters::REPLY_BY_LABEL;
use crate::report::pdf::{self, Metadata};
use crate::store::letters::addresses::member_address;
use crate::store::letters::templates::template;
use crate::store::letters::NewLetter;
use crate::store::sessions::page::SessionDetail;
use crate::store::settings::catalogue::{LETTER_CLOSING, LETTER_SIGNATURE};
use crate::store::settings::get;
use crate::store::vault::atomic_file;
use crate::store::CaseFile;
use crate::{Error, Result};

/// How the invitations are to be made.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Type)]
pub struct InvitationRequest {
    /// Names on the agenda, or initials only.
    pub agenda: AgendaVariant,
    /// "TT.MM.JJJJ": the day attendance and known bias are to be reported by.
    pub reply_by: String,
    /// One PDF with every letter (for printing) instead of one per member.
    pub combined: bool,
}

/// What was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct MadeInvitations {
    pub letters: u32,
    /// The files written, in the folder.
    pub files: Vec<String>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn day(date: chrono::NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// The agenda in the letter: one line per item, "TOP 2: HFK-2026-004: A. H. (Syrien, 3 Personen)".
fn agenda_lines(session: &SessionDetail, variant: AgendaVariant) -> String {
    if session.items.is_empty() {
        return "(Die Tagesordnung ist noch leer.)".into();
    }
    session
        .items
        .iter()
        .map(|item| {
            let text = agenda::subject(item, variant);
            match text.split_once('\n') {
                Some((first, rest)) => format!("{}: {first} ({rest})", item.label),
                None => format!("{}: {text}", item.label),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl CaseFile {
    /// Writes the invitations of a session into `folder`: every letter is laid out and every
    /// file staged before anything is kept, so a refusal or a failed layout leaves nothing.
    /// The letters are then kept and the files moved into place; should a move fail, the
    /// error names the file and the letters stay kept (each can be saved again from the
    /// list). `progress(done, total)` is called after each letter.
    pub fn write_invitations(
        &mut self,
        session_id: u32,
        request: &InvitationRequest,
        folder: &Path,
        mut progress: impl FnMut(u32, u32),
    ) -> Result<MadeInvitations> {
        self.require_editor()?;
        let session = self.session(session_id)?;
        let today = self.today();
        let due = optional_date(REPLY_BY_LABEL, &request.reply_by)?
            .ok_or_else(|| Error::invalid(REPLY_BY_LABEL, "Bitte ein Datum eintragen."))?;
        if due <= today || due >= session.held_on {
            return Err(Error::invalid(
                REPLY_BY_LABEL,
                format!(
                    "Die Rückmeldung muss nach dem heutigen Tag und vor dem Sitzungstag ({}) liegen.",
                    day(session.held_on)
                ),
            ));
        }
        if !folder.is_dir() {
            return Err(Error::invalid(
                "Ordner",
                "Bitte einen vorhandenen Ordner wählen.",
            ));
        }
        let recipients = self.member_copies(session_id)?.recipients;
        if recipients.is_empty() {
            return Err(Error::invalid(
                "Empfänger",
                "Am Sitzungstag ist kein Mitglied im Amt.",
            ));
        }
        let mut addressed = Vec::new();
        let mut missing = Vec::new();
        for r in &recipients {
            let a = member_address(self.conn(), r.member_id)?;
            match &a.address {
                Some(address) => addressed.push((r.member_id, a.name.clone(), address.clone())),
                None => missing.push(a.name),
            }
        }
        if !missing.is_empty() {
            return Err(Error::invalid(
                "Empfänger",
                format!(
                    "Für {} ist keine Anschrift hinterlegt (Mitglieder → Anschriften für Schreiben).",
                    missing.join(", ")
                ),
            ));
        }
        let commission = self.commission()?;
        let wording = template(self.conn(), LetterKind::Einladung)?;
        let closing = get(self.conn(), &LETTER_CLOSING)?;
        let signature = get(self.conn(), &LETTER_SIGNATURE)?;
        let mut values = Values::new();
        values.insert("Kommission", commission.name.clone());
        values.insert("Datum", day(today));
        values.insert("Sitzung", session.number.clone());
        values.insert("Sitzungsdatum", day(session.held_on));
        values.insert("Uhrzeit", session.start_time.clone());
        values.insert("Ort", session.place.clone());
        values.insert("Tagesordnung", agenda_lines(&session, request.agenda));
        values.insert("Antwortfrist", day(due));
        let sheets = addressed
            .iter()
            .map(|(member_id, name, address)| {
                values.insert("Empfänger", name.clone());
                let mut recipient = vec![name.clone()];
                recipient.extend(address.lines().map(str::to_owned));
                check_address("Anschrift", &recipient.join("\n")).map_err(|_| {
                    Error::invalid(
                        "Empfänger",
                        format!("Die Anschrift von {name} passt mit dem Namen nicht in das Anschriftfeld (höchstens sechs Zeilen)."),
                    )
                })?;
                let sheet = LetterSheet {
                    sender_line: commission.sender_line(),
                    recipient,
                    info: vec![
                        InfoLine {
                            label: "Sitzung".into(),
                            value: session.number.clone(),
                        },
                        InfoLine {
                            label: "Datum".into(),
                            value: day(today),
                        },
                    ],
                    subject: fill(&wording.subject, &values),
                    body: fill(&wording.body, &values),
                    closing: closing.clone(),
                    signature: signature.clone(),
                };
                Ok((*member_id, sheet))
            })
            .collect::<Result<Vec<(u32, LetterSheet)>>>()?;

        // Laid out: each letter alone (kept in the file), and together when asked.
        let total = sheets.len();
        let fonts = Fonts::load()?;
        let title = format!("Einladung zur Sitzung {}", session.number);
        let render = |parts: &[&LetterSheet]| -> Result<Vec<u8>> {
            let mut layout = Layout::new(&fonts);
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    layout.new_section();
                }
                sheet::lay_out(&mut layout, part, &part.recipient[0]);
            }
            let (pages, bookmarks) = layout.finish("", "");
            pdf::write(
                &fonts,
                &pages,
                &bookmarks,
                &Metadata {
                    title: &title,
                    author: &self.user().username,
                    subject: "Härtefallkommission",
                },
            )
        };
        let mut pdfs = Vec::with_capacity(total);
        for (i, (_, sheet)) in sheets.iter().enumerate() {
            pdfs.push(render(&[sheet])?);
            progress(count(i + 1), count(total));
        }
        let mut taken = HashSet::new();
        let files: Vec<(String, Vec<u8>)> = if request.combined {
            let all: Vec<&LetterSheet> = sheets.iter().map(|(_, s)| s).collect();
            let name = format!(
                "Einladungen-Sitzung-{}.pdf",
                session.number.replace('/', "-")
            );
            vec![(name, render(&all)?)]
        } else {
            sheets
                .iter()
                .zip(&pdfs)
                .map(|((member_id, sheet), pdf)| {
                    let name = member_copy::file_name(
                        &session.number,
                        &sheet.recipient[0],
                        *member_id,
                        &mut taken,
                    );
                    (format!("Einladung-{name}"), pdf.clone())
                })
                .collect()
        };
        for (name, _) in &files {
            if folder.join(name).exists() {
                return Err(Error::invalid(
                    "Ordner",
                    format!("Im Ordner liegt schon {name}. Bitte einen leeren Ordner wählen oder die alte Datei zuvor entfernen."),
                ));
            }
        }
        let mut staged = Vec::with_capacity(files.len());
        for (name, bytes) in &files {
            staged.push(atomic_file::stage(
                &folder.join(name),
                bytes,
                "Die Einladung",
            )?);
        }
        // Both variants name the cases (numbers, initials or names): the deletion run takes
        // the invitations with any of them.
        let named_cases: Vec<u32> = session.items.iter().filter_map(|i| i.case_id).collect();
        // An agenda with names counts as read for each case, like the internal agenda.
        let read_cases: Vec<String> = match request.agenda {
            AgendaVariant::Intern => session
                .items
                .iter()
                .filter_map(|i| i.case_number.clone())
                .collect(),
            AgendaVariant::Weitergabe => Vec::new(),
        };
        let invitations: Vec<NewLetter<'_>> = sheets
            .iter()
            .zip(&pdfs)
            .map(|((_, sheet), pdf)| NewLetter {
                case_id: None,
                session_id: Some(session_id),
                kind: LetterKind::Einladung,
                addressee: Addressee::Mitglied,
                recipient: &sheet.recipient[0],
                subject: &sheet.subject,
                pdf,
                named_cases: &named_cases,
            })
            .collect();
        self.record_invitations(&invitations, &read_cases)?;
        for file in staged {
            file.persist(false)?;
        }
        Ok(MadeInvitations {
            letters: count(total),
            files: files.into_iter().map(|(name, _)| name).collect(),
        })
    }
}
