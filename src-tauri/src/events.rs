//! The events the shell sends to the window, typed: their names and payloads reach the
//! TypeScript bindings (`events.fileLocked.listen(…)`), so neither side spells a raw string.

use serde::{Deserialize, Serialize};
use specta::Type;

/// Why the file was locked, said on the unlock screen of the reloaded window.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LockReason {
    /// No input arrived for the idle limit (minutes).
    Idle { minutes: u32 },
    /// The machine slept (suspend, a closed lid) while the file was open.
    Sleep,
    /// A key change failed after the old connection was closed; the message says why.
    KeyChangeFailed { message: String },
    /// The window locked after something it reports itself (a restore, say).
    Notice { message: String },
}

/// How far a long export has come: `done` of `total` cases.
#[derive(Debug, Clone, Serialize, Deserialize, Type, tauri_specta::Event)]
pub struct ExportProgress {
    pub done: u32,
    pub total: u32,
}

/// The check of every page after unlocking found damage: the window says so at once.
#[derive(Debug, Clone, Serialize, Deserialize, Type, tauri_specta::Event)]
pub struct FileDamageFound {
    pub message: String,
    /// What SQLCipher reported, in German, for the "Technische Angaben" line.
    pub technical: Option<String>,
}

/// Files dropped onto the window, granted as documents to add (`refused`: why some or all
/// were not, e.g. while the file is locked).
#[derive(Debug, Clone, Serialize, Deserialize, Type, tauri_specta::Event)]
pub struct DocumentsDropped {
    pub paths: Vec<String>,
    pub refused: Option<String>,
}
