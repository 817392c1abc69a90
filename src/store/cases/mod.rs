//! A case's records: the case itself, its persons, grounds, admissibility check, deadlines,
//! status history and the ministry's decision, the search and the start page over them, and
//! the case page assembled from the parts.

pub mod admissibility;
pub mod case;
pub mod deadlines;
pub mod edits;
pub mod grounds;
pub mod history;
pub mod ministry;
pub mod page;
pub mod persons;
pub(crate) mod record;
pub mod sample_cases;
mod sample_histories;
mod sample_sessions;
pub mod search;
pub mod start_page;
