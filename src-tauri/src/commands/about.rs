//! *Über HFK-Akte*: which program this is (version, day of the build, licence), and the
//! licences of the libraries built into it (THIRD-PARTY-LICENSES.md, `make licenses`).

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

/// THIRD-PARTY-LICENSES.md as `make licenses` wrote it (checked fresh by `make test`).
const THIRD_PARTY_LICENCES: &str = include_str!("../../../THIRD-PARTY-LICENSES.md");

/// The licences of the Rust crates and npm packages built into the program, as Markdown.
/// Asked for only when the user opens them (about 0.7 MB). Not counted as activity.
#[tauri::command]
#[specta::specta]
pub fn third_party_licences() -> CommandResult<String> {
    Ok(THIRD_PARTY_LICENCES.to_owned())
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

    #[test]
    fn the_licences_of_the_built_in_libraries_are_there() {
        let text = third_party_licences().unwrap();
        assert!(text.starts_with("# Lizenzen der mitgelieferten Bibliotheken"));
        for part in [
            "## Rust-Bibliotheken",
            "## JavaScript-Pakete",
            "Verwendet von: sqlcipher-src",
        ] {
            assert!(text.contains(part), "{part}");
        }
    }
}
