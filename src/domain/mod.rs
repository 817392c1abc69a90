//! Plain types and rules. No SQL, no I/O.

pub mod admissibility;
pub mod attendance;
pub mod case;
pub mod choice;
pub mod clock;
pub mod collation;
pub mod commission;
pub mod countries;
pub mod deadline;
pub mod grounds;
pub mod idle_lock;
pub mod input;
pub mod majority;
pub mod member;
pub mod ministry;
pub mod password;
pub mod person;
pub mod retention;
pub mod search_text;
pub mod session;
pub mod unlock_backoff;
pub mod user;
pub mod voting;
pub mod wording;
pub mod workflow;
pub mod zoom;
