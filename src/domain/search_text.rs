//! How case text is prepared for the full-text index and how a search box becomes a query.
//!
//! The index (SQLite FTS5, `unicode61 remove_diacritics 2`) already folds accents that
//! Unicode decomposes (ć → c, ş → s, ü → u). Letters without a decomposition (đ, ł, ø, ß)
//! and other scripts are covered by indexing each text twice: as written and transliterated
//! to ASCII with `deunicode`. The query is transliterated the same way, so "Dorde" finds
//! "Đorđe", "Ivanov" finds "Иванов" and a query in Cyrillic still finds the Cyrillic name.

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

/// A name's key for sorting lists: transliterated and lower-case, so that "Đorđević" sorts
/// among the D and "Иванов" among the I, as a German reader expects.
pub fn sort_key(name: &str) -> String {
    deunicode(name).to_lowercase()
}

/// Most words taken from one search; more are ignored.
const MAX_TERMS: usize = 12;

/// Turns what a user typed into an FTS5 query: every word must occur, as a prefix.
/// Returns `None` when nothing searchable is left (only punctuation, say).
pub fn match_query(typed: &str) -> Option<String> {
    let ascii = deunicode(typed);
    let terms: Vec<String> = ascii
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(MAX_TERMS)
        .map(|t| format!("\"{}\"*", t.to_lowercase()))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
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

    #[test]
    fn sort_keys_put_names_where_a_german_reader_looks() {
        let mut names = ["Petrlić", "Иванов", "Đorđević", "Ahmadi", "Özdemir"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            ["Ahmadi", "Đorđević", "Иванов", "Özdemir", "Petrlić"]
        );
    }

    #[test]
    fn queries_are_prefix_terms_joined_by_and() {
        assert_eq!(match_query("Petrlic").as_deref(), Some("\"petrlic\"*"));
        assert_eq!(
            match_query("Güneş Ş").as_deref(),
            Some("\"gunes\"* AND \"s\"*")
        );
        assert_eq!(
            match_query("HFK-2026-001").as_deref(),
            Some("\"hfk\"* AND \"2026\"* AND \"001\"*")
        );
        assert_eq!(
            match_query("\" OR * NEAR(").as_deref(),
            Some("\"or\"* AND \"near\"*")
        );
        assert_eq!(match_query(" - ; "), None);
    }
}
