//! Creating a new case file in two steps: first everything is checked and the recovery key
//! is made and shown; only after the user confirms having noted it is the file written.

use zeroize::Zeroizing;

use crate::domain::{password, user};
use crate::store::vault::recovery_key::RecoveryKey;
use crate::store::CaseFile;
use crate::store::FilePaths;
use crate::store::InstanceLock;
use crate::{Error, Result};

/// A checked, not yet written, new case file.
pub struct NewFile {
    paths: FilePaths,
    username: String,
    password: Zeroizing<String>,
    recovery_key: RecoveryKey,
}

impl NewFile {
    pub fn prepare(
        location: &str,
        username: &str,
        new_password: &str,
        password_repeat: &str,
    ) -> Result<NewFile> {
        let paths = FilePaths::for_new_file(location)?;
        if crate::store::vault::backup::interrupted(&paths) {
            // The parts of a cut-off restore or key change lie here: open the file to repair it.
            return Err(Error::FileExists {
                path: paths.display(),
            });
        }
        let username = user::validate_username(username)?;
        let password = password::check_new(new_password, password_repeat, &username)?;
        Ok(NewFile {
            paths,
            username,
            password,
            recovery_key: RecoveryKey::generate(),
        })
    }

    pub fn paths(&self) -> &FilePaths {
        &self.paths
    }

    pub fn recovery_key(&self) -> &RecoveryKey {
        &self.recovery_key
    }

    /// Writes the file once `confirmation` matches the last block of the recovery key.
    /// Returns the lock that keeps other programs out, and the unlocked file.
    pub fn create(&self, confirmation: &str) -> Result<(InstanceLock, CaseFile)> {
        if !self.recovery_key.matches_last_block(confirmation) {
            return Err(Error::invalid(
                "Bestätigung",
                "Der eingegebene Block stimmt nicht mit dem letzten Block des \
                 Wiederherstellungsschlüssels überein.",
            ));
        }
        std::fs::create_dir_all(self.paths.folder()).map_err(|e| {
            Error::io(
                format!(
                    "Der Ordner {} konnte nicht angelegt werden",
                    self.paths.folder().display()
                ),
                e,
            )
        })?;
        let lock = InstanceLock::acquire(self.paths.clone())?;
        let file = CaseFile::create(&lock, &self.username, &self.password, &self.recovery_key)?;
        Ok((lock, file))
    }
}
