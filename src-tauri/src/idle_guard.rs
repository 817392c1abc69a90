//! Locks the file after the configured idle time, in the shell itself: the window's own
//! timer locks sooner and more visibly, but a hung or tampered page cannot keep a file open.

use std::time::Duration;

use hfk_akte::domain::idle_lock;
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::events::{FileLocked, LockReason};

use crate::state::ShellState;

const CHECK_EVERY: Duration = Duration::from_secs(15);

pub fn spawn(app: AppHandle) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("idle-lock".into())
        .spawn(move || loop {
            std::thread::sleep(CHECK_EVERY);
            if let Some(minutes) = lock_if_idle(&app) {
                // The window may already be gone; the file is locked either way.
                let _ = FileLocked {
                    reason: LockReason::Idle { minutes },
                }
                .emit(&app);
            }
        })
        .map(|_| ())
}

/// Drops the unlocked file when it has been idle too long; returns the limit that applied.
fn lock_if_idle(app: &AppHandle) -> Option<u32> {
    let state = app.state::<ShellState>();
    let mut open = state.open();
    // A stored limit this program cannot read locks after the default time, never not at all.
    let minutes = open
        .file
        .as_ref()?
        .idle_lock_minutes()
        .unwrap_or(idle_lock::DEFAULT_MINUTES);
    if idle_lock::is_idle(open.last_activity.elapsed(), minutes) {
        open.file = None;
        Some(minutes)
    } else {
        None
    }
}
