//! The audit history: one hash-chained row per change or read of a dossier (`chain`), and
//! the history as the administration page lists it (`entries`).

mod actions;
mod chain;
mod entries;
mod findings;

pub use actions::AuditAction;
pub(crate) use chain::{append, fields};
pub use chain::{verify, AuditEvent, BrokenRow, ChainReport};
pub(crate) use entries::recent;
pub use entries::AuditEntry;
