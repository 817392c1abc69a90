//! Writing a small file so that readers see either the old or the new content, never half.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Writes `bytes` to a temporary file in the same folder, syncs it, then renames it over `path`.
pub(crate) fn write(path: &Path, bytes: &[u8], what: &str) -> Result<()> {
    stage(path, bytes, what)?.persist(true)
}

/// A file written and synced beside its place, not yet under its name; dropped, it is gone.
pub(crate) struct Staged {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
    what: String,
}

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."))
}

fn failed(what: &str, path: &Path, e: std::io::Error) -> Error {
    Error::io(
        format!(
            "{what} konnte nicht geschrieben werden ({})",
            path.display()
        ),
        e,
    )
}

/// Writes `bytes` to a temporary file in `path`'s folder and syncs it.
pub(crate) fn stage(path: &Path, bytes: &[u8], what: &str) -> Result<Staged> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".hfk-")
        .tempfile_in(folder_of(path))
        .map_err(|e| failed(what, path, e))?;
    tmp.write_all(bytes).map_err(|e| failed(what, path, e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| failed(what, path, e))?;
    Ok(Staged {
        tmp,
        path: path.to_owned(),
        what: what.to_owned(),
    })
}

impl Staged {
    /// Gives the file its name; over an existing file only with `replace`.
    pub(crate) fn persist(self, replace: bool) -> Result<()> {
        let Staged { tmp, path, what } = self;
        let done = if replace {
            tmp.persist(&path)
        } else {
            tmp.persist_noclobber(&path)
        };
        done.map_err(|e| failed(&what, &path, e.error))?;
        sync_folder(folder_of(&path));
        Ok(())
    }
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
