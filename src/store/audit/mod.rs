//! The audit history: one hash-chained row per change or read of a dossier (`chain`), and
//! the history as the administration page lists it (`entries`).

mod actions;
mod anchor;
mod chain;
mod entries;
mod findings;
mod outside;
mod signature;
mod signed_rows;

pub use actions::AuditAction;
pub(crate) use anchor::sign_pending;
pub use anchor::{compare, newest, ChainGap, ChainHead};
pub(crate) use chain::{append, fields};
pub use chain::{verify, AuditEvent, BrokenRow, ChainReport};
pub(crate) use entries::recent;
pub use entries::AuditEntry;
pub use outside::{verify_with, Outside};
pub use signature::{verifies, Signer};
