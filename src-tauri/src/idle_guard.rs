//! Locks the file after the configured idle time, and when the machine slept, in the shell
//! itself: the window's own timer warns first and locks more visibly, but a hung page, or a
//! laptop that wakes from sleep, does not depend on it.

use std::time::Duration;

use tauri::{AppHandle, Manager};

use crate::lock_screen;
use crate::state::ShellState;

/// Short, so that a machine that wakes shows the dossier for two seconds at most.
const CHECK_EVERY: Duration = Duration::from_secs(2);

pub fn spawn(app: AppHandle) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("idle-lock".into())
        .spawn(move || loop {
            std::thread::sleep(CHECK_EVERY);
            check(&app);
        })
        .map(|_| ())
}

/// Locks (and reloads the window) when the file has been idle too long or the machine slept.
pub fn check(app: &AppHandle) {
    let state = app.state::<ShellState>();
    let mut open = state.open();
    if let Some(reason) = open.lock_if_idle() {
        lock_screen::lock(app, &mut open, Some(reason));
    }
}
