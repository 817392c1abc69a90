//! The window as it opens: maximised where the screen is small (a 1024×768 office screen),
//! at the zoom of the last session.

use tauri::{AppHandle, Manager};

use crate::state::ShellState;

/// Below this (in logical pixels) the window opens maximised.
const ROOMY: (f64, f64) = (1280.0, 800.0);

pub fn arrange(app: &AppHandle) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    if let Ok(Some(monitor)) = window.current_monitor() {
        let size = monitor.size().to_logical::<f64>(monitor.scale_factor());
        if size.width < ROOMY.0 || size.height < ROOMY.1 {
            // The whole screen first (without a window manager, maximising does nothing),
            // then maximised, so that a desktop's panels stay visible.
            let _ = window.set_position(*monitor.position());
            let _ = window.set_size(*monitor.size());
            let _ = window.maximize();
        }
    }
    let zoom = app.state::<ShellState>().open().config.zoom();
    let _ = window.set_zoom(zoom);
}
