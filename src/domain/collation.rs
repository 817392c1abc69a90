//! German dictionary order (DIN 5007-1) for names in lists: umlauts sort with their base
//! letter (Müller with Muller), letters with diacritics with theirs (Đorđević among the D,
//! Şahin among the S), ties broken by the accent. ICU4X's collator with the German
//! tailoring does the work; names in other scripts follow the Latin ones, by script.

use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;

/// The name of the SQLite collation that orders by [`compare`].
pub const SQL_COLLATION: &str = "DIN5007";

static GERMAN: LazyLock<CollatorBorrowed<'static>> = LazyLock::new(|| {
    Collator::try_new(locale!("de").into(), CollatorOptions::default())
        .expect("the German collation is compiled into the program")
});

/// Compares two names ("Family, Given") in German dictionary order.
pub fn compare(a: &str, b: &str) -> Ordering {
    GERMAN.compare(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_as_in_a_german_dictionary() {
        let mut names = [
            "Schulz, Anna",
            "Şahin, Berk",
            "Muller, Jan",
            "Иванов, Иван",
            "Müller, Anna",
            "Dudaev, Achmed",
            "Sahin, Ali",
            "Đorđević, Đorđe",
            "Ahmadi, Ali",
            "Özdemir, Ayşe",
            "Oz, Amos",
            "Ozturk, Emre",
            "Petrlić-Woelke, Andrea-Maria",
            "Petrovic, Ana",
        ];
        names.sort_by(|a, b| compare(a, b));
        assert_eq!(
            names,
            [
                "Ahmadi, Ali",
                "Đorđević, Đorđe",
                "Dudaev, Achmed",
                "Müller, Anna",
                "Muller, Jan",
                "Oz, Amos",
                "Özdemir, Ayşe",
                "Ozturk, Emre",
                "Petrlić-Woelke, Andrea-Maria",
                "Petrovic, Ana",
                "Sahin, Ali",
                "Şahin, Berk",
                "Schulz, Anna",
                "Иванов, Иван",
            ]
        );
    }

    #[test]
    fn the_family_name_decides_before_the_given_name() {
        assert_eq!(compare("Müller, Zoe", "Müllerová, Anna"), Ordering::Less);
        assert_eq!(compare("Güneş, Şükrü", "Gunes, Ali"), Ordering::Greater);
    }
}
