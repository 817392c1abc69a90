//! The shipped fonts (assets/fonts, SIL Open Font License): Noto Sans for Latin, Greek and
//! Cyrillic, Noto Sans Arabic for Arabic script, each regular and bold.

use std::cell::RefCell;
use std::collections::HashMap;

use rustybuzz::{Face, Script, ShapePlan};

use crate::{Error, Result};

const NOTO_SANS: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
const NOTO_SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
const NOTO_ARABIC: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf");
const NOTO_ARABIC_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Bold.ttf");

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

/// Which of the four faces: index into [`Fonts::faces`].
pub type FaceIndex = usize;

pub struct LoadedFace {
    pub bytes: &'static [u8],
    pub face: Face<'static>,
    pub units_per_em: f32,
}

pub struct Fonts {
    /// Latin regular, Latin bold, Arabic regular, Arabic bold.
    pub faces: [LoadedFace; 4],
    /// Shaping plans per face, direction and script: building one costs more than shaping
    /// a short run, so each is built once per document.
    pub(crate) plans: RefCell<HashMap<(FaceIndex, bool, Script), ShapePlan>>,
}

fn load(bytes: &'static [u8]) -> Result<LoadedFace> {
    let face = Face::from_slice(bytes, 0)
        .ok_or_else(|| Error::Internal("Eine mitgelieferte Schrift ist unlesbar".into()))?;
    Ok(LoadedFace {
        bytes,
        units_per_em: f32::from(face.units_per_em() as u16),
        face,
    })
}

/// Arabic script, including its presentation forms.
pub fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

impl Fonts {
    pub fn load() -> Result<Fonts> {
        Ok(Fonts {
            faces: [
                load(NOTO_SANS)?,
                load(NOTO_SANS_BOLD)?,
                load(NOTO_ARABIC)?,
                load(NOTO_ARABIC_BOLD)?,
            ],
            plans: RefCell::new(HashMap::new()),
        })
    }

    /// The face for a character: Arabic script from the Arabic face, everything else from
    /// Noto Sans, falling back to the other face when one lacks the glyph.
    pub fn face_for(&self, c: char, weight: Weight, prefer_arabic: bool) -> FaceIndex {
        let bold = usize::from(weight == Weight::Bold);
        let latin = bold;
        let arabic = 2 + bold;
        let first = if is_arabic(c) || (prefer_arabic && !c.is_alphanumeric()) {
            arabic
        } else {
            latin
        };
        if self.faces[first].face.glyph_index(c).is_some() || c.is_whitespace() {
            first
        } else if first == latin {
            arabic
        } else {
            latin
        }
    }
}
