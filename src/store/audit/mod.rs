//! The audit history: one hash-chained row per change or read of a dossier (`chain`), and
//! the history as the administration page lists it (`entries`).

mod chain;
mod entries;

pub(crate) use chain::{append, fields};
pub use chain::{verify, AuditEvent, BrokenRow, ChainReport};
pub use entries::AuditEntry;
pub(crate) use entries::{describe, recent};
