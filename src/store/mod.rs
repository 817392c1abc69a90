//! The encrypted case file and everything kept in it, in wings that build on each other:
//!
//! - [`vault`]: the encrypted file itself (paths, lock, keys, connection, migrations, backup,
//!   rekey) and the open [`CaseFile`];
//! - [`audit`]: the hash-chained history every change writes into;
//! - [`register`]: members, organisations and foreigners' offices;
//! - [`cases`]: a case's records, the start page over them, and the case page assembled
//!   from them;
//! - [`sessions`]: the session cycle: sessions, agenda, attendance and votes;
//! - [`retention`], which reads across the wings.
//!
//! Arrows point one way: `sessions → cases → register → audit → vault`'s low parts, with
//! [`columns`], [`settings`] and [`users`] at the bottom.

pub mod attachments;
pub mod audit;
pub mod cases;
mod columns;
pub mod import;
pub mod letters;
pub mod register;
pub mod retention;
pub mod sessions;
pub mod settings;
pub mod statistics;
pub mod users;
pub mod vault;

pub use vault::case_file::CaseFile;
pub use vault::file_paths::FilePaths;
pub use vault::instance_lock::InstanceLock;
