//! Locks the file after the configured idle time, in the shell itself: the window's own
//! timer locks sooner and more visibly, but a hung or tampered page cannot keep a file open.

use std::time::Duration;

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
    open.lock_if_idle()
}
