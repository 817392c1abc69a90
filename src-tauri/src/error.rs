//! The one error type at the IPC boundary: `{code, message, technical}`. The UI decides by `code`
//! and shows `message`, which is already German.

use hfk_akte::{Error, ErrorCode, FieldProblem};
use serde::Serialize;
use specta::Type;

#[derive(Debug, Clone, Serialize, Type)]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
    /// What SQLite, SQLCipher or the system reported, in German, for a "Technische Angaben"
    /// line the user can copy; never part of `message`.
    pub technical: Option<String>,
    /// The invalid fields, each as its form labels it, for the form to mark; empty otherwise.
    pub fields: Vec<FieldProblem>,
}

impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        CommandError {
            code: e.code(),
            message: e.to_string(),
            technical: e.technical(),
            fields: e.field_problems(),
        }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
