//! The check of every page of the file, run beside the work after unlocking: unlocking
//! itself checks only what it reads, so that it costs the same at any size. Damage found
//! is kept in [`PageCheckFinding`] (the window asks for it when its main frame appears, so a
//! check that ends before the window listens is not lost) and sent as [`FileDamageFound`].

use std::sync::Mutex;

use hfk_akte::store::vault::inspection::PageCheck;
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::events::FileDamageFound;

/// What the last page check found, until the next unlock starts a new one.
#[derive(Default)]
pub struct PageCheckFinding(Mutex<Option<FileDamageFound>>);

impl PageCheckFinding {
    pub fn get(&self) -> Option<FileDamageFound> {
        self.slot().clone()
    }

    fn set(&self, finding: Option<FileDamageFound>) {
        *self.slot() = finding;
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<FileDamageFound>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Starts the check on a thread of its own; the window hears of it only if damage is found.
pub fn start(app: AppHandle, check: PageCheck) {
    app.state::<PageCheckFinding>().set(None);
    let spawned = std::thread::Builder::new()
        .name("seitenpruefung".into())
        .spawn(move || {
            if let Err(e) = check.run() {
                let found = FileDamageFound {
                    message: e.to_string(),
                    technical: e.technical(),
                };
                app.state::<PageCheckFinding>().set(Some(found.clone()));
                let _ = found.emit(&app);
            }
        });
    // Without a thread the check is not run; the next backup checks every page.
    drop(spawned);
}
