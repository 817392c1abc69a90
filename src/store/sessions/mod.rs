//! The session cycle: sessions and their numbers, the agenda, attendance, and the votes.
//! `record` and `seats` sit below the session page (`page`); the changes that answer with
//! the page (`planning`, `agenda`, `decisions`) sit above it.

pub mod advance_recusals;
pub mod agenda;
pub mod decisions;
pub mod member_copies;
pub mod page;
pub mod planning;
pub(crate) mod record;
pub mod seats;
