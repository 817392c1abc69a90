//! The commands the window calls. Each one parses its input, calls the core, and maps the
//! error; the rules live in the core crate.

pub mod about;
pub mod administration;
pub mod attachments;
pub mod backups;
pub mod cases;
pub mod commission_sessions;
pub mod dialogs;
pub mod documents;
pub mod drafts;
pub mod import;
pub mod letters;
pub mod member_copies;
pub mod members;
pub mod new_file;
pub mod retention;
pub mod session;
pub mod start;
pub mod statistics;

use hfk_akte::domain::choice::Labelled;
use hfk_akte::domain::user::Affordances;
use hfk_akte::store::users::User;
use hfk_akte::store::CaseFile;
use hfk_akte::Result;
use serde::Serialize;
use specta::Type;

/// Who is working in which file, as the main frame shows it.
#[derive(Debug, Clone, Serialize, Type)]
pub struct SessionInfo {
    pub user: User,
    pub role_label: String,
    /// What the user's role allows the window to offer.
    pub may: Affordances,
    pub file_path: String,
    pub file_name: String,
    pub idle_lock_minutes: u32,
    /// Changes found missing against the chain head kept outside the file (German), said
    /// until a backup is restored.
    pub chain_gap: Option<String>,
}

impl SessionInfo {
    pub fn of(file: &CaseFile) -> Result<Self> {
        let user = file.user().clone();
        Ok(SessionInfo {
            role_label: user.role.label().to_owned(),
            may: user.role.affordances(),
            user,
            file_path: file.paths().display(),
            file_name: file
                .paths()
                .database
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            // An unreadable stored limit must not keep the user out (the administration page
            // shows the error); the default applies meanwhile.
            idle_lock_minutes: file
                .idle_lock_minutes()
                .unwrap_or(hfk_akte::domain::idle_lock::DEFAULT_MINUTES),
            chain_gap: file.chain_gap().map(|gap| gap.message()),
        })
    }
}

/// Keeps `file` as the window's unlocked file and describes the session for the UI.
pub(crate) fn enter(open: &mut crate::state::Open, file: CaseFile) -> Result<SessionInfo> {
    let session = SessionInfo::of(&file)?;
    open.file = Some(file);
    Ok(session)
}
