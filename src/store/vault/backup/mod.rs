//! Backups (Sicherungen): the backup file's format and check (`format`), making one of the
//! open file (`create`), and putting one in place of the live file (`restore`).

pub(crate) mod create;
pub(crate) mod format;
pub(crate) mod identity;
pub(crate) mod restore;

pub(crate) use create::status;
pub use create::{BackupStatus, BACKUP_REMINDER_DAYS};
pub use format::{default_name, inspect, BackupContents, BACKUP_EXTENSION};
pub use identity::{other_file, BackupToRestore, OpenFileSummary, OtherFile};
pub use restore::{interrupted, repair_interrupted, restore};
