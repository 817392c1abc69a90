//! Lock without loss: the form the window has open, held by the shell while the file is
//! locked, so that the same user finds it again after unlocking. The window sends what is
//! typed (a JSON text the shell does not read); a lock reloads the window and so clears the
//! page, while the draft stays here in memory only (never on disk), wiped when it is given
//! back, replaced, or anyone else unlocks.

use std::path::PathBuf;

use hfk_akte::store::CaseFile;
use hfk_akte::{Error, Result};
use zeroize::Zeroizing;

/// The most a draft may hold; a form's texts are far below this.
pub const MOST_BYTES: usize = 512 * 1024;

/// Whose form it is: one user in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Owner {
    file: PathBuf,
    user_id: u32,
}

impl Owner {
    fn of(file: &CaseFile) -> Self {
        Owner {
            file: file.paths().database.clone(),
            user_id: file.user().id,
        }
    }
}

#[derive(Debug)]
pub struct HeldDraft {
    owner: Owner,
    text: Zeroizing<String>,
}

/// Keeps `text` as the open form of the user working in `file`; `None` forgets it (the form
/// was saved or closed).
pub fn keep(held: &mut Option<HeldDraft>, file: &CaseFile, text: Option<String>) -> Result<()> {
    let Some(text) = text else {
        *held = None;
        return Ok(());
    };
    let text = Zeroizing::new(text);
    if text.len() > MOST_BYTES {
        return Err(Error::invalid(
            "Entwurf",
            "Die Eingaben sind zu umfangreich, um sie beim Sperren aufzubewahren.",
        ));
    }
    *held = Some(HeldDraft {
        owner: Owner::of(file),
        text,
    });
    Ok(())
}

/// The draft of the user now working in `file`, once; a draft of anyone else (or of another
/// file) is wiped and not shown.
pub fn take(held: &mut Option<HeldDraft>, file: &CaseFile) -> Option<Zeroizing<String>> {
    let draft = held.take()?;
    (draft.owner == Owner::of(file)).then_some(draft.text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hfk_akte::store::vault::new_file::NewFile;

    const PW: &str = "Kiefernwald-Uckermark-Fähre-42";

    fn new_file(dir: &tempfile::TempDir, name: &str) -> CaseFile {
        let path = dir.path().join(name);
        let new = NewFile::prepare(path.to_str().unwrap(), "Şükrü Güneş", PW, PW).unwrap();
        let confirmation = new.recovery_key().last_block().to_owned();
        new.create(&confirmation).unwrap().1
    }

    #[test]
    fn the_same_user_gets_the_draft_back_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = new_file(&dir, "akte.hfk");
        let mut held = None;
        keep(
            &mut held,
            &file,
            Some("{\"person-familienname\":\"Дудаев\"}".into()),
        )
        .unwrap();
        assert_eq!(
            take(&mut held, &file).unwrap().as_str(),
            "{\"person-familienname\":\"Дудаев\"}"
        );
        assert!(take(&mut held, &file).is_none(), "given back once");
        keep(&mut held, &file, Some("x".into())).unwrap();
        keep(&mut held, &file, None).unwrap();
        assert!(held.is_none(), "a saved form forgets its draft");
    }

    #[test]
    fn another_user_or_file_never_sees_it_and_it_is_wiped() {
        let dir = tempfile::tempdir().unwrap();
        let file = new_file(&dir, "akte.hfk");
        let mut held = None;
        keep(&mut held, &file, Some("geheim".into())).unwrap();
        let other = new_file(&dir, "andere.hfk");
        assert!(take(&mut held, &other).is_none());
        assert!(held.is_none(), "wiped, not kept for later");

        // Another user of the same file (the one who locked was someone else).
        let mut stranger = Owner::of(&file);
        stranger.user_id += 1;
        held = Some(HeldDraft {
            owner: stranger,
            text: Zeroizing::new("geheim".into()),
        });
        assert!(take(&mut held, &file).is_none());
        assert!(held.is_none());
    }

    #[test]
    fn a_draft_too_large_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = new_file(&dir, "akte.hfk");
        let mut held = None;
        let err = keep(&mut held, &file, Some("a".repeat(MOST_BYTES + 1))).unwrap_err();
        assert_eq!(err.code(), hfk_akte::ErrorCode::InvalidInput);
        assert!(held.is_none());
    }
}
