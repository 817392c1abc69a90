//! The one error type of the core. Every variant carries a German message for the user
//! (its `Display`) and a stable machine code ([`ErrorCode`]) that the UI decides on.

use serde::Serialize;
use specta::Type;

pub mod technical;

/// Stable codes the UI switches on. Never match on message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    WrongCredentials,
    PasswordChangeRequired,
    TooManyAttempts,
    FileDamaged,
    KeySlotsDamaged,
    SchemaTooNew,
    FileInUse,
    FileExists,
    FileNotFound,
    InvalidInput,
    NotFound,
    NotUnlocked,
    PermissionDenied,
    Io,
    Internal,
}

pub type Result<T> = std::result::Result<T, Error>;

/// One invalid field of a form: the field as the form labels it, and what is wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Type)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

/// "Bitte prüfen Sie 3 Angaben:" and one line per field.
fn listed(problems: &[FieldProblem]) -> String {
    let mut text = format!("Bitte prüfen Sie {} Angaben:", problems.len());
    for p in problems {
        text.push_str(&format!("\n– {}: {}", p.field, p.message));
    }
    text
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("Benutzername oder Passwort ist falsch.")]
    WrongCredentials,

    #[error("Der Wiederherstellungsschlüssel ist falsch.")]
    WrongRecoveryKey,

    #[error(
        "Ihr Passwort wurde von der Verwaltung vergeben. Bitte wählen Sie jetzt ein eigenes \
         neues Passwort; erst dann öffnet sich die Akte."
    )]
    PasswordChangeRequired,

    #[error(
        "Zu viele fehlgeschlagene Versuche. Bitte warten Sie {}, \
         bevor Sie es erneut versuchen.",
        crate::domain::wording::counted(*.wait_seconds, "Sekunde", "Sekunden")
    )]
    TooManyAttempts { wait_seconds: u64 },

    /// `detail` is German, for the "Technische Angaben" line (see [`Error::technical`]).
    #[error(
        "Die Akte ist beschädigt und kann nicht gelesen werden. \
         Bitte stellen Sie eine Sicherung wieder her."
    )]
    FileDamaged { detail: String },

    #[error(
        "Die Sicherung {path} ist beschädigt oder unvollständig ({detail}). \
         Bitte verwenden Sie eine andere Sicherung."
    )]
    BackupDamaged { path: String, detail: String },

    #[error(
        "Die Schlüsseldatei der Akte ({path}) fehlt oder ist beschädigt. \
         Ohne sie kann die Akte nicht entsperrt werden. \
         Bitte stellen Sie eine Sicherung wieder her."
    )]
    KeySlotsDamaged { path: String },

    #[error(
        "Die Schlüsseldatei {path} gehört zu einer anderen Akte{}. \
         Die Akte selbst wurde nicht verändert. Bitte legen Sie die Schlüsseldatei dieser Akte \
         daneben (sie hat denselben Namen mit der Endung .keys) oder stellen Sie eine Sicherung \
         dieser Akte wieder her. Überschreiben Sie die Akte nicht.",
        .created_at.as_deref().map(|d| format!(" (angelegt am {d})")).unwrap_or_default()
    )]
    KeySlotsForeign {
        path: String,
        /// The other file's creation date, TT.MM.JJJJ, if the key file records it.
        created_at: Option<String>,
    },

    #[error(
        "Der Schlüssel aus der Schlüsseldatei öffnet die Akte {path} nicht. Entweder gehört \
         die Schlüsseldatei zu einer anderen Akte, oder der Anfang der Akte ist beschädigt. \
         Bitte prüfen Sie zuerst, ob die richtige Schlüsseldatei neben der Akte liegt, bevor \
         Sie eine Sicherung wiederherstellen."
    )]
    KeyDoesNotOpen { path: String, detail: String },

    #[error(
        "Die Akte liegt auf einem Netzlaufwerk ({kind}): {path}. Dort ist das Sperren der \
         Datei nicht zuverlässig, und zwei Arbeitsplätze könnten die Akte zugleich verändern \
         und beschädigen. Bitte legen Sie die Akte auf ein lokales Laufwerk."
    )]
    NetworkFile { path: String, kind: String },
    #[error(
        "Diese Akte wurde mit einer neueren Programmversion erstellt \
         (Version {file_version}, dieses Programm kennt bis {program_version}). \
         Bitte aktualisieren Sie HFK-Akte."
    )]
    SchemaTooNew {
        file_version: i64,
        program_version: i64,
    },

    #[error(
        "Diese Akte ist bereits in einem anderen Fenster oder auf einem anderen \
         Arbeitsplatz geöffnet ({path}). Es darf nur ein Programm zugleich darin schreiben."
    )]
    FileInUse { path: String },

    #[error("An diesem Ort gibt es bereits eine Akte: {path}")]
    FileExists { path: String },

    #[error("Die Akte wurde nicht gefunden: {path}")]
    FileNotFound { path: String },

    #[error("{field}: {message}")]
    InvalidInput { field: String, message: String },

    /// Several fields of one form at once (see [`crate::domain::problems::Problems`]).
    #[error("{}", listed(.problems))]
    InvalidInputs { problems: Vec<FieldProblem> },

    #[error(
        "Die Anlage „{title}“ ist beschädigt: ihr Inhalt stimmt nicht mehr mit der Prüfsumme \
         (SHA-256) überein, die beim Hinzufügen gespeichert wurde. Sie wird deshalb nicht \
         angezeigt. Bitte prüfen Sie die Akte (Verwaltung → Sicherung) und stellen Sie die \
         Anlage aus einer Sicherung wieder her."
    )]
    AttachmentDamaged { title: String },

    #[error("{what} wurde nicht gefunden. Vielleicht wurde es inzwischen geändert; bitte laden Sie die Ansicht neu.")]
    NotFound { what: String },

    #[error("Die Akte ist gesperrt. Bitte melden Sie sich an.")]
    NotUnlocked,

    #[error("Dafür fehlt Ihnen die Berechtigung ({needed}).")]
    PermissionDenied { needed: String },

    /// The operating system's own text goes to [`Error::technical`], in German.
    #[error("{context}.")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "Die Akte ist gerade nicht zugänglich: sie ist belegt, schreibgeschützt, oder der \
         Datenträger meldet einen Fehler. Ihre Daten sind unverändert. Bitte versuchen Sie es \
         gleich noch einmal und prüfen Sie sonst den Speicherort."
    )]
    FileUnavailable { detail: String },

    #[error("Interner Fehler der Datenbank. Bitte melden Sie ihn mit den technischen Angaben.")]
    Database(rusqlite::Error),

    #[error("Interner Fehler: {0}")]
    Internal(String),
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::WrongCredentials | Error::WrongRecoveryKey => ErrorCode::WrongCredentials,
            Error::PasswordChangeRequired => ErrorCode::PasswordChangeRequired,
            Error::TooManyAttempts { .. } => ErrorCode::TooManyAttempts,
            Error::FileDamaged { .. }
            | Error::BackupDamaged { .. }
            | Error::AttachmentDamaged { .. } => ErrorCode::FileDamaged,
            Error::KeySlotsDamaged { .. }
            | Error::KeySlotsForeign { .. }
            | Error::KeyDoesNotOpen { .. } => ErrorCode::KeySlotsDamaged,
            Error::NetworkFile { .. } => ErrorCode::Io,
            Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Error::FileInUse { .. } => ErrorCode::FileInUse,
            Error::FileExists { .. } => ErrorCode::FileExists,
            Error::FileNotFound { .. } => ErrorCode::FileNotFound,
            Error::InvalidInput { .. } | Error::InvalidInputs { .. } => ErrorCode::InvalidInput,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::NotUnlocked => ErrorCode::NotUnlocked,
            Error::PermissionDenied { .. } => ErrorCode::PermissionDenied,
            Error::Io { .. } | Error::FileUnavailable { .. } => ErrorCode::Io,
            Error::Database(_) | Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// What SQLite, SQLCipher or the operating system reported, in German, for the
    /// "Technische Angaben" line; `None` where the message says everything.
    pub fn technical(&self) -> Option<String> {
        match self {
            Error::FileDamaged { detail }
            | Error::FileUnavailable { detail }
            | Error::KeyDoesNotOpen { detail, .. } => Some(detail.clone()),
            Error::Io { source, .. } => Some(technical::io(source)),
            Error::Database(e) => Some(technical::sqlite(e)),
            _ => None,
        }
    }

    /// The invalid fields a validation error names, for the form to mark; empty for others.
    pub fn field_problems(&self) -> Vec<FieldProblem> {
        match self {
            Error::InvalidInput { field, message } => vec![FieldProblem {
                field: field.clone(),
                message: message.clone(),
            }],
            Error::InvalidInputs { problems } => problems.clone(),
            _ => Vec::new(),
        }
    }

    /// A validation error that names the field as the user sees it.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: field.to_owned(),
            message: message.into(),
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}

impl From<rusqlite::Error> for Error {
    /// A damaged page surfaces as SQLITE_CORRUPT or SQLITE_NOTADB wherever it is read;
    /// both become [`Error::FileDamaged`] so that no caller reports them as an internal error.
    /// Only they do: a busy, locked, read-only or failing disk is [`Error::FileUnavailable`],
    /// which must not advise restoring a backup.
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as Sqlite;
        match e.sqlite_error_code() {
            Some(Sqlite::DatabaseCorrupt) | Some(Sqlite::NotADatabase) => Error::FileDamaged {
                detail: technical::sqlite(&e),
            },
            Some(
                Sqlite::DatabaseBusy
                | Sqlite::DatabaseLocked
                | Sqlite::SystemIoFailure
                | Sqlite::CannotOpen
                | Sqlite::DiskFull
                | Sqlite::ReadOnly,
            ) => Error::FileUnavailable {
                detail: technical::sqlite(&e),
            },
            _ => Error::Database(e),
        }
    }
}
