//! Plain types and rules. No SQL, no I/O.

pub mod idle_lock;
pub mod password;
pub mod unlock_backoff;
pub mod user;
pub mod workflow;
