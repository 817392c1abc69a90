//! What the window has open: the instance lock on the chosen file, the unlocked file, and a
//! new file waiting for its recovery key to be confirmed.

use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use hfk_akte::domain::idle_lock;
use hfk_akte::store::vault::new_file::NewFile;
use hfk_akte::store::CaseFile;
use hfk_akte::store::InstanceLock;
use hfk_akte::{Error, Result};
use tauri::{AppHandle, Manager};

use crate::app_config::AppConfig;
use crate::error::CommandResult;

pub struct Open {
    pub config: AppConfig,
    /// Held while this window has a file chosen, so no second program writes to it.
    pub lock: Option<InstanceLock>,
    /// Present while unlocked. Dropping it locks the file.
    pub file: Option<CaseFile>,
    pub pending_new_file: Option<NewFile>,
    /// When the user last did something the window reported (any command counts).
    pub last_activity: Instant,
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

    /// Drops what an idle window must not keep: the unlocked file after its idle limit (a
    /// stored limit this program cannot read counts as the default, never as no limit), and a
    /// new file waiting for its confirmation (its password and recovery key) after the default
    /// limit. Returns the limit when the file was locked.
    pub fn lock_if_idle(&mut self) -> Option<u32> {
        let idle = self.last_activity.elapsed();
        if self.pending_new_file.is_some() && idle_lock::is_idle(idle, idle_lock::DEFAULT_MINUTES) {
            self.pending_new_file = None;
        }
        let minutes = self
            .file
            .as_ref()?
            .idle_lock_minutes()
            .unwrap_or(idle_lock::DEFAULT_MINUTES);
        if idle_lock::is_idle(idle, minutes) {
            self.file = None;
            Some(minutes)
        } else {
            None
        }
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
            last_activity: Instant::now(),
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
        open.last_activity = Instant::now();
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

    #[test]
    fn a_wrong_confirmation_keeps_the_open_file_and_its_lock() {
        let dir = tempfile::tempdir().unwrap();
        let mut open = ShellState::new(AppConfig::new(&dir.path().join("cfg"), dir.path()))
            .0
            .into_inner()
            .unwrap();
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
        let mut open = ShellState::new(AppConfig::new(&dir.path().join("cfg"), dir.path()))
            .0
            .into_inner()
            .unwrap();
        let path = dir.path().join("akte.hfk");
        let new = NewFile::prepare(path.to_str().unwrap(), "Şükrü Güneş", PW, PW).unwrap();
        let confirmation = new.recovery_key().last_block().to_owned();
        open.pending_new_file = Some(new);
        open.file = Some(open.create_pending_file(&confirmation).unwrap());
        let waiting = dir.path().join("zweite.hfk");
        open.pending_new_file =
            Some(NewFile::prepare(waiting.to_str().unwrap(), "Şükrü Güneş", PW, PW).unwrap());

        assert_eq!(open.lock_if_idle(), None, "just used");
        assert!(open.file.is_some() && open.pending_new_file.is_some());
        let limit = std::time::Duration::from_secs(u64::from(idle_lock::DEFAULT_MINUTES) * 60);
        open.last_activity = Instant::now().checked_sub(limit).unwrap();
        assert_eq!(open.lock_if_idle(), Some(idle_lock::DEFAULT_MINUTES));
        assert!(open.file.is_none(), "the idle file is locked");
        assert!(
            open.pending_new_file.is_none(),
            "the waiting password and key are dropped"
        );
    }
}
