//! The marker a restore or a key change leaves beside the file while it exchanges the
//! file's parts (`name.hfk.austausch`). Crash repair renames and deletes files beside the
//! database; it runs only where this program itself began such an exchange: at a `.hfk`
//! file with this marker, never at any other path a user (or a tampered window) names.

use std::path::PathBuf;

use crate::store::vault::atomic_file;
use crate::store::vault::file_paths::{beside, FILE_EXTENSION};
use crate::store::FilePaths;
use crate::Result;

fn marker(paths: &FilePaths) -> PathBuf {
    beside(&paths.database, ".austausch")
}

/// Written (and synced) before the first part is staged or moved.
pub(crate) fn begin(paths: &FilePaths) -> Result<()> {
    atomic_file::write(&marker(paths), b"", "Der Austausch der Akte")
}

/// Removed once the parts are consistent again (done, undone or repaired).
pub(crate) fn end(paths: &FilePaths) {
    let _ = std::fs::remove_file(marker(paths));
    atomic_file::sync_folder(paths.folder());
}

/// Whether an exchange was begun here and may be repaired: a `.hfk` database with its
/// marker beside it.
pub(crate) fn present(paths: &FilePaths) -> bool {
    paths.database.extension().and_then(|e| e.to_str()) == Some(FILE_EXTENSION)
        && marker(paths).exists()
}
