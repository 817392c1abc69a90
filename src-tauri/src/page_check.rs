//! The check of every page of the file, run beside the work after unlocking: unlocking
//! itself checks only what it reads, so that it costs the same at any size. Damage found
//! reaches the window as the typed event [`FileDamageFound`].

use hfk_akte::store::vault::inspection::PageCheck;
use tauri::AppHandle;
use tauri_specta::Event;

use crate::events::FileDamageFound;

/// Starts the check on a thread of its own; the window hears of it only if damage is found.
pub fn start(app: AppHandle, check: PageCheck) {
    let spawned = std::thread::Builder::new()
        .name("seitenpruefung".into())
        .spawn(move || {
            if let Err(e) = check.run() {
                let _ = FileDamageFound {
                    message: e.to_string(),
                    technical: e.technical(),
                }
                .emit(&app);
            }
        });
    // Without a thread the check is not run; the next backup checks every page.
    drop(spawned);
}
