//! Files only their owner may read: the case file and its companions, backups and exports
//! are created with mode 0600 on Unix, whatever the process's umask says.

use std::fs::{File, OpenOptions};
use std::path::Path;

/// Creates `path`, which must not exist yet (a link planted at the name is not followed),
/// readable and writable by its owner only.
pub(crate) fn create_new(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Takes group and others' access away from an existing file (one written by an earlier
/// version, or copied in). Best effort: a missing file or a file system without Unix
/// modes is left as it is.
pub(crate) fn restrict(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.permissions().mode() & 0o077 != 0 {
                let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn new_files_are_private_and_old_ones_are_made_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a");
        drop(create_new(&path).unwrap());
        assert_eq!(mode(&path), 0o600);
        assert!(create_new(&path).is_err(), "an existing file is not reused");
        let old = dir.path().join("b");
        std::fs::write(&old, b"x").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
        restrict(&old);
        assert_eq!(mode(&old), 0o600);
    }

    #[test]
    fn a_link_planted_at_the_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("fremd");
        std::fs::write(&victim, b"gehoert jemand anderem").unwrap();
        let staging = dir.path().join("akte.hfk.wiederherstellung");
        std::os::unix::fs::symlink(&victim, &staging).unwrap();
        assert!(create_new(&staging).is_err());
        // A dangling link does not create its target either.
        let nowhere = dir.path().join("nirgends");
        let dangling = dir.path().join("akte.hfk.neu");
        std::os::unix::fs::symlink(&nowhere, &dangling).unwrap();
        assert!(create_new(&dangling).is_err());
        assert!(!nowhere.exists());
        assert_eq!(std::fs::read(&victim).unwrap(), b"gehoert jemand anderem");
    }
}
