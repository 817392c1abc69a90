//! How case text is prepared for the full-text index and how a search box becomes a query.
//!
//! The index (SQLite FTS5, `unicode61 remove_diacritics 2`) already folds accents that
//! Unicode decomposes (ć → c, ş → s, ü → u). Letters without a decomposition (đ, ł, ø, ß)
//! and other scripts are covered by indexing each text twice: as written and transliterated
//! to ASCII with `deunicode`. The query is transliterated the same way, so "Dorde" finds
//! "Đorđe", "Ivanov" finds "Иванов" and a query in Cyrillic still finds the Cyrillic name.
//!
//! Names also go into a second index of sound keys ([`sound_key`]): transliterations
//! differ ("Dudaev", "Dudayev", "Dudajew" for "Дудаев"), so every search word is looked up
//! as written and by its key, and either finds the case.

use deunicode::deunicode;

/// The text to index for one field: the original, plus its transliteration if it differs.
pub fn index_text(parts: &[&str]) -> String {
    let original = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let ascii = deunicode(&original);
    if ascii == original {
        original
    } else {
        format!("{original} {ascii}")
    }
}

/// Spellings of one sound in the Latin transliterations a German office meets (English,
/// German, French and Turkish conventions), longest first. Each maps to one letter, so that
/// "Dudaev", "Dudayev", "Doudaev" and "Dudajew" share a key, as do "Khasan", "Chasan" and
/// "Hasan". Merging too much only widens a search; merging too little hides a person.
const SPELLINGS: &[(&str, &str)] = &[
    ("shch", "s"),
    ("tsch", "h"),
    ("dsch", "J"),
    ("dzh", "J"),
    ("sch", "s"),
    ("tch", "h"),
    ("zh", "J"),
    ("dj", "J"),
    ("kh", "h"),
    ("ch", "h"),
    ("sh", "s"),
    ("ph", "f"),
    ("th", "t"),
    ("ts", "s"),
    ("tz", "s"),
    ("ck", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("w", "v"),
    ("q", "k"),
    ("z", "s"),
    ("c", "s"),
    ("x", "ks"),
];

/// A spelling-independent key of one name word: transliterated, spelling variants folded,
/// doubled letters made single, and every vowel (and y, j) after the first letter dropped.
/// Words of fewer than three letters, and words with digits, have no key.
pub fn sound_key(word: &str) -> Option<String> {
    let ascii = deunicode(word).to_lowercase();
    if ascii.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut folded: String = ascii.chars().filter(char::is_ascii_alphabetic).collect();
    if folded.len() < 3 {
        return None;
    }
    for (spelling, sound) in SPELLINGS {
        folded = folded.replace(spelling, sound);
    }
    let mut single = folded.chars().collect::<Vec<_>>();
    single.dedup();
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'j');
    let mut key = String::new();
    for (i, c) in single.into_iter().enumerate() {
        if i == 0 {
            key.push(if is_vowel(c) {
                'a'
            } else {
                c.to_ascii_lowercase()
            });
        } else if !is_vowel(c) {
            key.push(c.to_ascii_lowercase());
        }
    }
    Some(key)
}

/// The sound keys of every word of some names, for the name-sounds index. An Arabic
/// article written together with the name ("al-Hashimi", "الهاشمي") also yields the key of
/// the name without it.
pub fn sound_text(names: &str) -> String {
    let mut keys = Vec::new();
    for word in names.split(|c: char| !c.is_alphanumeric()) {
        keys.extend(sound_key(word));
        if let Some(bare) = word.strip_prefix("ال") {
            keys.extend(sound_key(bare));
        }
        let ascii = deunicode(word).to_lowercase();
        let bare = ["al", "el"]
            .iter()
            .find_map(|article| ascii.strip_prefix(article))
            .filter(|rest| rest.len() >= 4);
        keys.extend(bare.and_then(sound_key));
    }
    keys.dedup();
    keys.join(" ")
}

/// Most words taken from one search; more are ignored.
const MAX_TERMS: usize = 12;

/// One word of a search: as an FTS5 prefix query on the text, and on the name sounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerm {
    pub text_query: String,
    /// `None` for words without a sound key (numbers, one or two letters).
    pub sound_query: Option<String>,
}

/// The words of what a user typed, each to be found as written or by its sound.
pub fn search_terms(typed: &str) -> Vec<SearchTerm> {
    deunicode(typed)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(MAX_TERMS)
        .map(|t| SearchTerm {
            text_query: format!("\"{}\"*", t.to_lowercase()),
            sound_query: sound_key(t).map(|k| format!("\"{k}\"*")),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_indexed_as_written_and_transliterated() {
        assert_eq!(index_text(&["Müller", " "]), "Müller Muller");
        assert_eq!(index_text(&["Đorđe", "Ćosić"]), "Đorđe Ćosić Dorde Cosic");
        assert_eq!(index_text(&["Smith"]), "Smith");
        assert!(index_text(&["Иванов"]).contains("Ivanov"));
    }

    /// Spellings a German office meets for one name, each with the name in its own script.
    const SPELLINGS_OF_ONE_NAME: &[(&str, &[&str])] = &[
        ("Дудаев", &["Dudaev", "Dudayev", "Doudaev", "Dudajew"]),
        ("Кадыров", &["Kadyrov", "Kadirov", "Kadyrow"]),
        ("Ахмед", &["Akhmed", "Achmed", "Ahmed"]),
        ("Джохар", &["Dzhokhar", "Dschochar", "Djokhar"]),
        ("Щукин", &["Shchukin", "Schtschukin", "Schukin"]),
        ("محمد", &["Muhammad", "Mohammed", "Mohamed", "Muhammed"]),
        ("حسين", &["Hussein", "Husain", "Hossein", "Hüseyin"]),
        ("زينب", &["Zainab", "Zeinab", "Zaynab"]),
        ("الهاشمي", &["al-Hashimi", "Hashimi", "Haschemi"]),
        ("Güneş", &["Gunes", "Guenes", "Gunesh"]),
        ("Şükrü", &["Sukru", "Schükrü", "Shukru"]),
    ];

    #[test]
    fn every_common_spelling_shares_the_key_of_the_original_name() {
        for (original, spellings) in SPELLINGS_OF_ONE_NAME {
            let indexed = sound_text(original);
            for spelling in *spellings {
                // The last word carries the name ("al-Hashimi" → "Hashimi").
                let word = spelling.rsplit('-').next().unwrap();
                let key = sound_key(word).unwrap();
                assert!(
                    indexed.split(' ').any(|k| k == key),
                    "{spelling} ({key}) does not find {original} ({indexed})"
                );
            }
        }
    }

    #[test]
    fn different_names_keep_different_keys() {
        assert_ne!(sound_key("Dudaev"), sound_key("Kadyrov"));
        assert_ne!(sound_key("Petrović"), sound_key("Pavlović"));
        assert_eq!(sound_key("2026"), None);
        assert_eq!(sound_key("al"), None);
    }

    #[test]
    fn every_search_word_is_also_looked_up_by_its_sound() {
        let terms = search_terms("Dudayev 2026");
        assert_eq!(terms[0].sound_query.as_deref(), Some("\"ddv\"*"));
        assert_eq!(terms[1].sound_query, None);
    }

    #[test]
    fn queries_are_prefix_terms() {
        let texts = |typed: &str| {
            search_terms(typed)
                .into_iter()
                .map(|t| t.text_query)
                .collect::<Vec<_>>()
        };
        assert_eq!(texts("Petrlic"), ["\"petrlic\"*"]);
        assert_eq!(texts("Güneş Ş"), ["\"gunes\"*", "\"s\"*"]);
        assert_eq!(texts("HFK-2026-001"), ["\"hfk\"*", "\"2026\"*", "\"001\"*"]);
        assert_eq!(texts("\" OR * NEAR("), ["\"or\"*", "\"near\"*"]);
        assert!(texts(" - ; ").is_empty());
    }
}
