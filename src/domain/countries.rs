//! The country list for nationalities: ISO 3166-1 alpha-2 codes with German names, from
//! `assets/data/staaten.tsv` (generated from Debian's iso-codes, see the file's header).

use std::sync::OnceLock;

use serde::Serialize;
use specta::Type;

const TABLE: &str = include_str!("../../assets/data/staaten.tsv");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Country {
    pub code: String,
    pub name: String,
}

/// All countries, sorted by their German name.
pub fn all() -> &'static [Country] {
    static LIST: OnceLock<Vec<Country>> = OnceLock::new();
    LIST.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .map(|(code, name)| Country {
                code: code.to_owned(),
                name: name.to_owned(),
            })
            .collect()
    })
}

/// The German name of a code, if the list knows it.
pub fn name(code: &str) -> Option<&'static str> {
    // Looked up for every person of a report: by an index, not a walk through the list.
    static BY_CODE: OnceLock<std::collections::HashMap<String, &'static str>> = OnceLock::new();
    BY_CODE
        .get_or_init(|| {
            all()
                .iter()
                .map(|c| (c.code.to_ascii_uppercase(), c.name.as_str()))
                .collect()
        })
        .get(&code.to_ascii_uppercase())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_every_state_with_german_names() {
        assert!(all().len() > 250);
        assert_eq!(name("SY"), Some("Syrien"));
        assert_eq!(name("af"), Some("Afghanistan"));
        assert_eq!(name("RU"), Some("Russische Föderation"));
        assert_eq!(name("XK"), Some("Kosovo"));
        assert_eq!(name("XX"), Some("Staatenlos"));
        assert_eq!(name("ZZ"), None);
        let mut codes: Vec<_> = all().iter().map(|c| c.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all().len(), "codes are unique");
    }
}
