//! The encrypted case file on disk: paths, the instance lock, key slots, the SQLCipher
//! connection, migrations, and one module per aggregate.

mod atomic_file;
pub mod audit;
pub mod case_file;
pub mod connection;
pub mod data_key;
pub mod file_paths;
pub mod instance_lock;
pub mod key_slots;
pub mod migrations;
pub mod new_file;
pub mod recovery_key;
pub mod settings;
pub mod unlock_attempts;
pub mod user_accounts;
pub mod users;

pub use case_file::CaseFile;
pub use file_paths::FilePaths;
pub use instance_lock::InstanceLock;
