//! What the window has open: the instance lock on the chosen file, the unlocked file, and a
//! new file waiting for its recovery key to be confirmed.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use hfk_akte::domain::idle_lock::{self, Moment};
use hfk_akte::store::vault::new_file::NewFile;
use hfk_akte::store::CaseFile;
use hfk_akte::store::InstanceLock;
use hfk_akte::{Error, Result};
use tauri::{AppHandle, Manager};

use crate::app_config::AppConfig;
use crate::error::CommandResult;
use crate::events::LockReason;

pub struct Open {
    pub config: AppConfig,
    /// Held while this window has a file chosen, so no second program writes to it.
    pub lock: Option<InstanceLock>,
    /// Present while unlocked. Dropping it locks the file.
    pub file: Option<CaseFile>,
    pub pending_new_file: Option<NewFile>,
    /// When the user last did something the window reported (any command counts).
    pub last_activity: Moment,
    /// When the idle check last looked (to tell that the machine slept in between).
    pub last_check: Option<Moment>,
    /// Why the file was last locked, for the unlock screen of the reloaded window.
    pub lock_notice: Option<LockReason>,
    /// Paths the user chose in a dialog the shell opened, each good for one use of its kind.
    pub granted: Vec<(Grant, PathBuf)>,
    /// The form open when the file locked, for the same user after unlocking.
    pub draft: Option<crate::held_draft::HeldDraft>,
}

/// What a path chosen in a dialog may be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// A PDF to write.
    Export,
    /// A backup to inspect and restore.
    Backup,
    /// A folder to write the members' copies into.
    Folder,
    /// An old list to read for the import.
    List,
    /// A document to add to a case (several may be chosen at once).
    Document,
}

impl Grant {
    fn refused(self) -> Error {
        match self {
            Grant::Export => Error::invalid(
                "Speicherort",
                "Bitte wählen Sie den Speicherort im Dialog des Programms.",
            ),
            Grant::Backup => Error::invalid(
                "Sicherung",
                "Bitte wählen Sie die Sicherungsdatei im Dialog des Programms.",
            ),
            Grant::Folder => Error::invalid(
                "Ordner",
                "Bitte wählen Sie den Ordner im Dialog des Programms.",
            ),
            Grant::List => Error::invalid(
                "Liste",
                "Bitte wählen Sie die Liste im Dialog des Programms.",
            ),
            Grant::Document => Error::invalid(
                "Datei",
                "Bitte wählen Sie das Dokument im Dialog des Programms.",
            ),
        }
    }
}

impl Open {
    pub fn file(&self) -> Result<&CaseFile> {
        self.file.as_ref().ok_or(Error::NotUnlocked)
    }

    pub fn file_mut(&mut self) -> Result<&mut CaseFile> {
        self.file.as_mut().ok_or(Error::NotUnlocked)
    }

    pub fn lock(&self) -> Result<&InstanceLock> {
        self.lock.as_ref().ok_or(Error::NotUnlocked)
    }

    /// Drops what an idle window must not keep: the unlocked file after its idle limit or
    /// when the machine slept (a stored limit this program cannot read counts as the default,
    /// never as no limit), and a new file waiting for its confirmation (its password and
    /// recovery key) after the default limit. Returns why the file was locked.
    pub fn lock_if_idle(&mut self) -> Option<LockReason> {
        self.lock_if_idle_at(Moment::now())
    }

    pub fn lock_if_idle_at(&mut self, now: Moment) -> Option<LockReason> {
        let idle = now.since(self.last_activity);
        let slept = self.last_check.is_some_and(|c| now.slept_since(c));
        self.last_check = Some(now);
        if self.pending_new_file.is_some()
            && (slept || idle_lock::is_idle(idle, idle_lock::DEFAULT_MINUTES))
        {
            self.pending_new_file = None;
        }
        let minutes = self
            .file
            .as_ref()?
            .idle_lock_minutes()
            .unwrap_or(idle_lock::DEFAULT_MINUTES);
        let reason = if slept {
            LockReason::Sleep
        } else if idle_lock::is_idle(idle, minutes) {
            LockReason::Idle { minutes }
        } else {
            return None;
        };
        self.file = None;
        self.granted.clear();
        Some(reason)
    }

    /// Remembers a path the user chose in a dialog the shell opened.
    pub fn grant(&mut self, grant: Grant, path: PathBuf) {
        self.granted.retain(|(g, _)| *g != grant);
        self.granted.push((grant, path));
    }

    /// Adds paths to those already granted for `grant`, each good for one use (several
    /// documents chosen at once, or dropped while others wait).
    pub fn grant_more(&mut self, grant: Grant, paths: Vec<PathBuf>) {
        self.granted.extend(paths.into_iter().map(|p| (grant, p)));
    }

    /// Where the grant for `path` is kept: a path no dialog of the shell returned for this use
    /// is refused, so that a tampered window cannot write or read anywhere it likes.
    fn granted_at(&self, grant: Grant, path: &Path) -> Result<usize> {
        self.granted
            .iter()
            .position(|(g, p)| *g == grant && p == path)
            .ok_or_else(|| grant.refused())
    }

    /// Takes (uses up) the grant for `path`.
    pub fn take_grant(&mut self, grant: Grant, path: &Path) -> Result<PathBuf> {
        let found = self.granted_at(grant, path)?;
        Ok(self.granted.remove(found).1)
    }

    /// Checks the grant for `path` without using it up (a backup is inspected, then restored).
    pub fn check_grant(&self, grant: Grant, path: &Path) -> Result<()> {
        self.granted_at(grant, path).map(|_| ())
    }

    /// Writes the prepared new file once the confirmation matches, and only then lets go of
    /// the file open before: a wrong confirmation or a failed creation leaves it open and
    /// locked against other programs.
    pub fn create_pending_file(&mut self, confirmation: &str) -> Result<CaseFile> {
        let new = self.pending_new_file.as_ref().ok_or_else(|| {
            Error::invalid(
                "Neue Akte",
                "Bitte beginnen Sie die Anlage der Akte erneut.",
            )
        })?;
        let (lock, file) = new.create(confirmation)?;
        // The old file closes before its lock is released.
        self.file = None;
        // Only a path is remembered; failing to remember it costs a click next time.
        let _ = self.config.remember(&lock.paths().database);
        self.lock = Some(lock);
        self.pending_new_file = None;
        Ok(file)
    }
}

pub struct ShellState(Mutex<Open>);

impl ShellState {
    pub fn new(config: AppConfig) -> Self {
        ShellState(Mutex::new(Open {
            config,
            lock: None,
            file: None,
            pending_new_file: None,
            last_activity: Moment::now(),
            last_check: None,
            lock_notice: None,
            granted: Vec::new(),
            draft: None,
        }))
    }

    /// The open state. A panic elsewhere must not lock users out: the state stays usable.
    pub fn open(&self) -> MutexGuard<'_, Open> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Runs `f` on the open state in a blocking thread, so key derivation and file work never
/// stall the window, and maps the core error to the boundary error.
pub async fn with_open<T, F>(app: AppHandle, f: F) -> CommandResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut Open) -> Result<T> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<ShellState>();
        let mut open = state.open();
        open.last_activity = Moment::now();
        f(&mut open)
    })
    .await
    // A panic's text may quote data; the window gets a fixed message (the hook logs where).
    .map_err(|_| Error::Internal("Eine Hintergrundaufgabe ist abgebrochen.".into()))?
    .map_err(Into::into)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PW: &str = "Kiefernwald-Uckermark-Fähre-42";

    fn nothing_open(dir: &tempfile::TempDir) -> Open {
        ShellState::new(AppConfig::new(&dir.path().join("cfg"), dir.path()))
            .0
            .into_inner()
            .unwrap()
    }

    /// The shell with a new file `akte.hfk` created and unlocked, as after the first start.
    fn unlocked_new_file(dir: &tempfile::TempDir) -> Open {
        let mut open = nothing_open(dir);
        let path = dir.path().join("akte.hfk");
        let new = NewFile::prepare(path.to_str().unwrap(), "Şükrü Güneş", PW, PW).unwrap();
        let confirmation = new.recovery_key().last_block().to_owned();
        open.pending_new_file = Some(new);
        open.file = Some(open.create_pending_file(&confirmation).unwrap());
        open
    }

    #[test]
    fn a_wrong_confirmation_keeps_the_open_file_and_its_lock() {
        let dir = tempfile::tempdir().unwrap();
        let mut open = nothing_open(&dir);
        let first = dir.path().join("erste.hfk");
        let new = NewFile::prepare(first.to_str().unwrap(), "Şükrü Güneş", PW, PW).unwrap();
        let confirmation = new.recovery_key().last_block().to_owned();
        open.pending_new_file = Some(new);
        let file = open.create_pending_file(&confirmation).unwrap();
        open.file = Some(file);

        let second = dir.path().join("zweite.hfk");
        open.pending_new_file =
            Some(NewFile::prepare(second.to_str().unwrap(), "Şükrü Güneş", PW, PW).unwrap());
        let err = open.create_pending_file("falsch").unwrap_err();
        assert_eq!(err.code(), hfk_akte::ErrorCode::InvalidInput);
        assert!(open.file.is_some(), "the open file was closed");
        let held = open
            .lock
            .as_ref()
            .expect("the open file's lock was released");
        assert_eq!(held.paths().database, first);
        assert!(InstanceLock::acquire(hfk_akte::store::FilePaths::for_database(&first)).is_err());
        assert!(!second.exists());
    }

    #[test]
    fn an_idle_window_drops_a_waiting_new_file_and_locks_the_open_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut open = unlocked_new_file(&dir);
        let waiting = dir.path().join("zweite.hfk");
        open.pending_new_file =
            Some(NewFile::prepare(waiting.to_str().unwrap(), "Şükrü Güneş", PW, PW).unwrap());

        let now = Moment::now();
        open.last_activity = now;
        assert!(open.lock_if_idle_at(now).is_none(), "just used");
        assert!(open.file.is_some() && open.pending_new_file.is_some());
        let limit = std::time::Duration::from_secs(u64::from(idle_lock::DEFAULT_MINUTES) * 60);
        let later = Moment {
            since_boot: now.since_boot + limit,
            awake: now.awake + limit,
        };
        assert!(matches!(
            open.lock_if_idle_at(later),
            Some(LockReason::Idle {
                minutes: idle_lock::DEFAULT_MINUTES
            })
        ));
        assert!(open.file.is_none(), "the idle file is locked");
        assert!(
            open.pending_new_file.is_none(),
            "the waiting password and key are dropped"
        );
    }

    #[test]
    fn a_machine_that_slept_wakes_locked_even_within_the_idle_limit() {
        let dir = tempfile::tempdir().unwrap();
        let mut open = unlocked_new_file(&dir);
        let now = Moment::now();
        open.last_activity = now;
        assert!(open.lock_if_idle_at(now).is_none());
        // Two seconds of a busy machine: no sleep.
        let busy = Moment {
            since_boot: now.since_boot + std::time::Duration::from_secs(2),
            awake: now.awake + std::time::Duration::from_secs(2),
        };
        assert!(open.lock_if_idle_at(busy).is_none());
        // The lid closed for a minute (the wall clock and the boot clock went on; the
        // monotonic clock stood): well within the idle limit, and still locked.
        let woke = Moment {
            since_boot: busy.since_boot + std::time::Duration::from_secs(60),
            awake: busy.awake + std::time::Duration::from_millis(10),
        };
        assert!(matches!(
            open.lock_if_idle_at(woke),
            Some(LockReason::Sleep)
        ));
        assert!(open.file.is_none());
    }

    #[test]
    fn only_a_path_the_dialog_returned_may_be_used_and_only_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut open = nothing_open(&dir);
        let chosen = dir.path().join("Tagesordnung.pdf");
        let elsewhere = std::path::PathBuf::from("/home/andere/.bashrc");
        assert!(open.take_grant(Grant::Export, &elsewhere).is_err());
        open.grant(Grant::Export, chosen.clone());
        assert!(open.take_grant(Grant::Export, &elsewhere).is_err());
        assert!(
            open.take_grant(Grant::Backup, &chosen).is_err(),
            "another use"
        );
        assert_eq!(open.take_grant(Grant::Export, &chosen).unwrap(), chosen);
        assert!(open.take_grant(Grant::Export, &chosen).is_err(), "used up");
    }

    #[test]
    fn an_idle_limit_that_cannot_be_read_locks_after_the_default_never_not_at_all() {
        use hfk_akte::store::vault::connection::{self, OpenMode};
        use hfk_akte::store::vault::key_slots::SlotFile;
        let dir = tempfile::tempdir().unwrap();
        let mut open = unlocked_new_file(&dir);
        // A newer program (or a damaged row) stored a limit this one cannot read.
        let paths = open.file.as_ref().unwrap().paths().clone();
        let slots = SlotFile::load(&paths.key_slots).unwrap();
        let key = slots
            .user_slot("Şükrü Güneş")
            .unwrap()
            .open(PW.as_bytes(), &slots.file_id, &slots.origin)
            .unwrap()
            .unwrap();
        connection::open(&paths.database, &key, OpenMode::Existing)
            .unwrap()
            .execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES ('idle_lock_minutes', 'nie')",
                [],
            )
            .unwrap();
        assert!(open.file.as_ref().unwrap().idle_lock_minutes().is_err());

        let now = Moment::now();
        open.last_activity = now;
        let limit = std::time::Duration::from_secs(u64::from(idle_lock::DEFAULT_MINUTES) * 60);
        let later = Moment {
            since_boot: now.since_boot + limit,
            awake: now.awake + limit,
        };
        assert!(matches!(
            open.lock_if_idle_at(later),
            Some(LockReason::Idle {
                minutes: idle_lock::DEFAULT_MINUTES
            })
        ));
        assert!(open.file.is_none());
    }
}
