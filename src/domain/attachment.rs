//! Anlagen: the documents of a case. What a document may be (PDF, JPEG, PNG, TIFF, told by
//! its content, never by its name), how large (50 MB), what kind it is, and what the user
//! types about it. No SQL, no I/O.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::choice::{labelled_enum, Labelled};
use crate::domain::input::{
    not_in_future, optional_text, required_date, required_text, SHORT_TEXT,
};
use crate::domain::problems::Problems;
use crate::{Error, Result};

/// The largest document the file takes: 50 MB (decimal, as file managers show sizes).
pub const MAX_BYTES: u64 = 50_000_000;

labelled_enum!(
    /// What a document is, for the list and the binder.
    AttachmentKind {
        Antrag => "Antrag",
        Einverstaendniserklaerung => "Einverständniserklärung",
        Nachweis => "Nachweis",
        AerztlicheStellungnahme => "Ärztliche Stellungnahme",
        StellungnahmeAbh => "Stellungnahme der Ausländerbehörde",
        Schreiben => "Schreiben",
        Sonstiges => "Sonstiges",
    }
);

labelled_enum!(
    /// The formats the file keeps, as their content tells them.
    MediaType {
        Pdf => "PDF",
        Jpeg => "JPEG",
        Png => "PNG",
        Tiff => "TIFF",
    }
);

impl MediaType {
    /// The MIME type the viewer is told.
    pub fn mime(self) -> &'static str {
        match self {
            MediaType::Pdf => "application/pdf",
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
            MediaType::Tiff => "image/tiff",
        }
    }

    /// The ending a saved copy gets.
    pub fn ending(self) -> &'static str {
        match self {
            MediaType::Pdf => "pdf",
            MediaType::Jpeg => "jpg",
            MediaType::Png => "png",
            MediaType::Tiff => "tif",
        }
    }

    /// Whether a file name's ending fits this type (a copy saved as .pdf must be a PDF).
    pub fn fits_ending(self, ending: &str) -> bool {
        let ending = ending.to_ascii_lowercase();
        match self {
            MediaType::Pdf => ending == "pdf",
            MediaType::Jpeg => ending == "jpg" || ending == "jpeg",
            MediaType::Png => ending == "png",
            MediaType::Tiff => ending == "tif" || ending == "tiff",
        }
    }
}

/// "12,3 MB": a size as the messages say it.
pub fn megabytes(bytes: u64) -> String {
    let tenths = (bytes + 50_000) / 100_000;
    format!("{},{} MB", tenths / 10, tenths % 10)
}

/// A size as a list shows it: "831 kB" below a megabyte, else "12,4 MB".
pub fn size_text(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{} kB", bytes.div_ceil(1000).max(1))
    } else {
        megabytes(bytes)
    }
}

/// Refuses a file larger than [`MAX_BYTES`] before it is read.
pub fn check_size(bytes: u64) -> Result<()> {
    if bytes == 0 {
        return Err(Error::invalid(
            "Datei",
            "Die Datei ist leer (0 Byte); sie wurde nicht gespeichert.",
        ));
    }
    if bytes > MAX_BYTES {
        return Err(Error::invalid(
            "Datei",
            format!(
                "Die Datei ist {} groß; eine Anlage darf höchstens 50 MB groß sein. Bitte verkleinern oder in Teilen scannen.",
                megabytes(bytes)
            ),
        ));
    }
    Ok(())
}

/// The type of a document by its content. A renamed program, a Word file or a truncated PDF
/// is refused with what it is.
pub fn media_type(content: &[u8]) -> Result<MediaType> {
    check_size(content.len() as u64)?;
    let found = infer::get(content);
    let media = match found.map(|t| t.mime_type()) {
        Some("application/pdf") => MediaType::Pdf,
        Some("image/jpeg") => MediaType::Jpeg,
        Some("image/png") => MediaType::Png,
        Some("image/tiff") => MediaType::Tiff,
        Some(other) => {
            let what = match found.map(|t| t.matcher_type()) {
                Some(infer::MatcherType::App) => "ein Programm".to_owned(),
                _ => format!("vom Typ {other}"),
            };
            return Err(Error::invalid(
                "Datei",
                format!("Die Datei ist {what}, kein PDF, JPEG, PNG oder TIFF; sie wurde nicht gespeichert."),
            ));
        }
        None => {
            return Err(Error::invalid(
                "Datei",
                "Der Inhalt der Datei ist kein PDF, JPEG, PNG oder TIFF (gleich, wie sie heißt); sie wurde nicht gespeichert.",
            ))
        }
    };
    if media == MediaType::Pdf && !ends_like_a_pdf(content) {
        return Err(Error::invalid(
            "Datei",
            "Die PDF-Datei ist unvollständig (ihr Ende fehlt, etwa nach einem abgebrochenen Download); sie wurde nicht gespeichert.",
        ));
    }
    Ok(media)
}

/// A whole PDF ends with `%%EOF` (followed at most by line ends or a little padding).
fn ends_like_a_pdf(content: &[u8]) -> bool {
    let tail = &content[content.len().saturating_sub(1024)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

/// The last part of a chosen file's name, as the list shows it: no folders (also none a
/// Windows path or "../" would bring), no control characters, at most 200 characters.
pub fn shown_file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.chars().filter(|c| !c.is_control()).collect();
    let clean = clean.trim().trim_start_matches('.').trim();
    let name: String = clean.chars().take(SHORT_TEXT).collect();
    if name.is_empty() {
        "Anlage".to_owned()
    } else {
        name
    }
}

/// What the user types about a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AttachmentDraft {
    /// An [`AttachmentKind`] code.
    pub kind: String,
    /// Empty: the file's name without its ending.
    pub title: String,
    /// TT.MM.JJJJ.
    pub received_on: String,
    /// The person it concerns, if one.
    pub person_id: Option<u32>,
    /// Marked for the session's binder.
    pub for_session: bool,
    /// The grounds of the case it proves (their ids).
    #[serde(default)]
    pub ground_ids: Vec<u32>,
}

/// A draft checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentFields {
    pub kind: AttachmentKind,
    pub title: String,
    pub received_on: NaiveDate,
    pub person_id: Option<u32>,
    pub for_session: bool,
    pub ground_ids: Vec<u32>,
}

impl AttachmentDraft {
    /// Checks the draft; `file_name` gives the title when none is typed.
    pub fn validate(&self, file_name: &str, today: NaiveDate) -> Result<AttachmentFields> {
        let mut problems = Problems::default();
        let kind = problems.check(AttachmentKind::parse_code("Art", &self.kind));
        let typed = problems.check(optional_text("Titel", &self.title, SHORT_TEXT));
        let received = problems.check(required_date("Eingegangen am", &self.received_on));
        if let Some(day) = received {
            problems.check(not_in_future("Eingegangen am", Some(day), today));
        }
        problems.finish(|| {
            Some(AttachmentFields {
                kind: kind?,
                title: typed?.unwrap_or_else(|| title_from(file_name)),
                received_on: received?,
                person_id: self.person_id,
                for_session: self.for_session,
                ground_ids: self.ground_ids.clone(),
            })
        })
    }
}

/// A file's name without its ending, as a title.
fn title_from(file_name: &str) -> String {
    let name = shown_file_name(file_name);
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => &name,
    };
    required_text("Titel", stem, SHORT_TEXT).unwrap_or(name.clone())
}

/// Why a document is removed: required, so that the history can say it.
pub fn removal_reason(raw: &str) -> Result<String> {
    required_text("Grund der Entfernung", raw, SHORT_TEXT)
}

#[cfg(test)]
#[path = "attachment_tests.rs"]
mod tests;
