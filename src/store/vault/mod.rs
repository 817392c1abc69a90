//! The encrypted file itself: where it lives, who holds it, the keys that open it, the
//! SQLCipher connection, its schema, and whole-file operations (creation, backup, rekey).

pub mod accounts;
pub(crate) mod atomic_file;
pub mod backup;
pub mod case_file;
pub mod connection;
pub mod core_dumps;
pub mod data_key;
pub(crate) mod diagnosis;
pub(crate) mod exchange_marker;
pub(crate) mod export;
pub mod file_paths;
pub(crate) mod file_system;
pub mod inspection;
pub mod instance_lock;
pub mod key_slots;
pub mod migrations;
pub mod new_file;
pub(crate) mod private_file;
pub mod recovery_key;
pub mod rekey;
pub(crate) mod signing_keys;
pub mod slot;
pub mod unlock;
pub mod unlock_attempts;
