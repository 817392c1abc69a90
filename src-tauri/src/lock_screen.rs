//! Every lock ends the same way, whoever locked (the user, the window's timer, the shell's
//! idle guard, a sleeping machine, a failed key change): the file is closed, the reason is
//! kept for the unlock screen, and the window is reloaded from Rust. The reload throws away
//! the page with every string of the dossier it held, and works with a hung page too.

use tauri::{AppHandle, Manager};

use crate::events::LockReason;
use crate::state::Open;

pub fn lock(app: &AppHandle, open: &mut Open, reason: Option<LockReason>) {
    open.file = None;
    open.granted.clear();
    open.lock_notice = reason;
    if let Some(window) = app.get_webview_window("main") {
        // The window may be closing; the file is locked either way.
        let _ = window.reload();
    }
}
