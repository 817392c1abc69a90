//! *Über HFK-Akte*: which program this is (version, day of the build, licence).

use serde::Serialize;
use specta::Type;

use crate::error::CommandResult;

#[derive(Debug, Clone, Serialize, Type)]
pub struct About {
    pub version: String,
    /// TT.MM.JJJJ (UTC).
    pub built_on: String,
    /// SPDX identifier of the program's licence.
    pub licence: String,
}

/// The program's version, build day and licence. Not counted as activity.
#[tauri::command]
#[specta::specta]
pub fn about() -> CommandResult<About> {
    // A result like every command's, so that the window's one door (`api`) serves it too.
    Ok(About {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        built_on: env!("HFK_BUILD_DATE").to_owned(),
        licence: env!("CARGO_PKG_LICENSE").to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_version_day_and_licence() {
        let about = about().unwrap();
        assert_eq!(about.version, env!("CARGO_PKG_VERSION"));
        assert_eq!(about.licence, "EUPL-1.2");
        let parts: Vec<&str> = about.built_on.split('.').collect();
        assert_eq!(parts.len(), 3, "{}", about.built_on);
        assert!(parts[0].len() == 2 && parts[1].len() == 2 && parts[2].len() == 4);
    }
}
