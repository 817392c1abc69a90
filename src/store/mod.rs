//! The encrypted case file on disk: paths, the instance lock, key slots, the SQLCipher
//! connection, migrations, and one module per aggregate.

pub mod admissibility;
pub mod agenda;
pub(crate) mod atomic_file;
pub mod audit;
pub mod backup;
pub mod case_file;
pub mod case_grounds;
pub mod case_history;
pub mod case_search;
pub mod cases;
pub mod catalogues;
mod columns;
pub mod connection;
pub mod dashboard;
pub mod data_key;
pub mod deadlines;
pub mod file_paths;
pub mod instance_lock;
pub mod key_slots;
pub mod members;
pub mod migrations;
pub mod ministry;
pub mod new_file;
pub mod offices;
pub mod persons;
pub mod recovery_key;
pub mod rekey;
pub mod retention;
pub mod sample_cases;
pub mod sessions;
pub mod settings;
pub mod unlock_attempts;
pub mod user_accounts;
pub mod users;

pub use case_file::CaseFile;
pub use file_paths::FilePaths;
pub use instance_lock::InstanceLock;
