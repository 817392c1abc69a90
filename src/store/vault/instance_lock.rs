//! One program at a time per case file: an advisory OS lock on `name.hfk.lock`.
//! The operating system drops it when the process ends, even when it is killed.

use std::fs::{File, OpenOptions, TryLockError};

use crate::store::FilePaths;
use crate::{Error, Result};

/// Proof that this process is the only one with the file open. Released on drop.
#[derive(Debug)]
pub struct InstanceLock {
    paths: FilePaths,
    _file: File,
}

impl InstanceLock {
    /// Takes the lock; refuses a file on a network file system first (see
    /// [`file_system`](crate::store::vault::file_system)).
    pub fn acquire(paths: FilePaths) -> Result<Self> {
        let folder = match paths.folder() {
            f if f.as_os_str().is_empty() => std::path::Path::new("."),
            f => f,
        };
        crate::store::vault::file_system::refuse_network(folder, &paths.display())?;
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&paths.instance_lock).map_err(|e| {
            Error::io(
                format!(
                    "Die Sperrdatei konnte nicht angelegt werden ({})",
                    paths.instance_lock.display()
                ),
                e,
            )
        })?;
        match file.try_lock() {
            Ok(()) => Ok(InstanceLock { paths, _file: file }),
            Err(TryLockError::WouldBlock) => Err(Error::FileInUse {
                path: paths.display(),
            }),
            Err(TryLockError::Error(e)) => {
                Err(Error::io("Die Akte konnte nicht gesperrt werden", e))
            }
        }
    }

    pub fn paths(&self) -> &FilePaths {
        &self.paths
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn a_second_lock_on_the_same_file_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let paths = FilePaths::for_database(dir.path().join("akte.hfk"));
        let first = InstanceLock::acquire(paths.clone()).unwrap();
        let second = InstanceLock::acquire(paths.clone()).unwrap_err();
        assert_eq!(second.code(), ErrorCode::FileInUse);
        drop(first);
        InstanceLock::acquire(paths).unwrap();
    }
}
