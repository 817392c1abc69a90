//! Writing a small file so that readers see either the old or the new content, never half.

use std::io::Write;
use std::path::Path;

use crate::{Error, Result};

/// Writes `bytes` to a temporary file in the same folder, syncs it, then renames it over `path`.
pub(crate) fn write(path: &Path, bytes: &[u8], what: &str) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let context = || {
        format!(
            "{what} konnte nicht geschrieben werden ({})",
            path.display()
        )
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".hfk-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(context(), e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(context(), e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(context(), e))?;
    tmp.persist(path)
        .map_err(|e| Error::io(context(), e.error))?;
    sync_folder(dir);
    Ok(())
}

/// Renames a part of a file (a swap step), naming it in the error.
pub(crate) fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|e| {
        Error::io(
            format!("{} konnte nicht umbenannt werden", from.display()),
            e,
        )
    })
}

/// Makes a rename in `dir` durable. Best effort: not every file system can sync a folder.
pub(crate) fn sync_folder(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}
