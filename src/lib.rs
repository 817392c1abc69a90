//! HFK-Akte core: the domain rules, the encrypted case file and the PDF documents.
//! Nothing in here knows about Tauri; the desktop shell in `src-tauri/` calls into it.

pub mod domain;
pub mod error;
pub mod report;
pub mod store;

pub use error::{Error, ErrorCode, FieldProblem, Result};
