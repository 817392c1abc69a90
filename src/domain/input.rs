//! Checks for what users type: texts with length limits and dates in German notation.
//! Every error names the field as the form labels it.

use chrono::{Datelike, NaiveDate};

use crate::{Error, Result};

/// Short texts: names, places, titles.
pub const SHORT_TEXT: usize = 200;
/// Long texts: life story, reasoning, notes.
pub const LONG_TEXT: usize = 20_000;

/// Dates before this are typing errors, not history.
const EARLIEST_YEAR: i32 = 1900;

/// A required text, trimmed.
pub fn required_text(field: &str, raw: &str, max_chars: usize) -> Result<String> {
    match optional_text(field, raw, max_chars)? {
        Some(text) => Ok(text),
        None => Err(Error::invalid(field, "Bitte ausfüllen.")),
    }
}

/// An optional text, trimmed; empty becomes `None`.
pub fn optional_text(field: &str, raw: &str, max_chars: usize) -> Result<Option<String>> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let chars = text.chars().count();
    if chars > max_chars {
        return Err(Error::invalid(
            field,
            format!("Höchstens {max_chars} Zeichen erlaubt (eingegeben: {chars})."),
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(Error::invalid(field, "Enthält unzulässige Steuerzeichen."));
    }
    Ok(Some(text.to_owned()))
}

/// An optional date as typed: `TT.MM.JJJJ` (also `T.M.JJJJ`) or ISO `JJJJ-MM-TT`.
pub fn optional_date(field: &str, raw: &str) -> Result<Option<NaiveDate>> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let parsed = NaiveDate::parse_from_str(text, "%d.%m.%Y")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .map_err(|_| {
            Error::invalid(
                field,
                format!("„{text}“ ist kein gültiges Datum. Bitte als TT.MM.JJJJ eingeben."),
            )
        })?;
    if parsed.year() < EARLIEST_YEAR {
        return Err(Error::invalid(
            field,
            format!("„{text}“ liegt vor {EARLIEST_YEAR}. Bitte das Jahr vierstellig prüfen."),
        ));
    }
    Ok(Some(parsed))
}

/// A stored date as a form shows it (TT.MM.JJJJ); empty when there is none.
pub fn as_typed(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%d.%m.%Y").to_string())
        .unwrap_or_default()
}

/// A required date as typed.
pub fn required_date(field: &str, raw: &str) -> Result<NaiveDate> {
    optional_date(field, raw)?.ok_or_else(|| Error::invalid(field, "Bitte ein Datum eingeben."))
}

/// Refuses a date after today (e.g. an entry date or a date received).
pub fn not_in_future(field: &str, date: Option<NaiveDate>, today: NaiveDate) -> Result<()> {
    match date {
        Some(d) if d > today => Err(Error::invalid(
            field,
            format!("Das Datum {} liegt in der Zukunft.", d.format("%d.%m.%Y")),
        )),
        _ => Ok(()),
    }
}

/// Refuses `later` before `earlier` when both are given.
pub fn not_before(
    field: &str,
    later: Option<NaiveDate>,
    earlier_field: &str,
    earlier: Option<NaiveDate>,
) -> Result<()> {
    match (later, earlier) {
        (Some(l), Some(e)) if l < e => Err(Error::invalid(
            field,
            format!(
                "Das Datum {} liegt vor „{earlier_field}“ ({}).",
                l.format("%d.%m.%Y"),
                e.format("%d.%m.%Y")
            ),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn german_and_iso_dates_are_read() {
        assert_eq!(
            optional_date("Datum", "03.02.2026").unwrap(),
            Some(d(2026, 2, 3))
        );
        assert_eq!(
            optional_date("Datum", " 3.2.2026 ").unwrap(),
            Some(d(2026, 2, 3))
        );
        assert_eq!(
            optional_date("Datum", "2026-02-03").unwrap(),
            Some(d(2026, 2, 3))
        );
        assert_eq!(optional_date("Datum", "  ").unwrap(), None);
    }

    #[test]
    fn impossible_dates_are_refused_with_the_field_name() {
        for bad in [
            "31.02.2026",
            "00.01.2026",
            "1.13.2026",
            "gestern",
            "12.03.26",
            "01.01.1850",
        ] {
            let err = optional_date("Geburtsdatum", bad).unwrap_err().to_string();
            assert!(err.starts_with("Geburtsdatum: "), "{bad}: {err}");
        }
        assert_eq!(
            required_date("Eingang", "").unwrap_err().to_string(),
            "Eingang: Bitte ein Datum eingeben."
        );
    }

    #[test]
    fn texts_are_trimmed_and_limited() {
        assert_eq!(required_text("Name", "  Ćosić ", 10).unwrap(), "Ćosić");
        assert!(required_text("Name", "   ", 10)
            .unwrap_err()
            .to_string()
            .contains("ausfüllen"));
        assert!(required_text("Name", "ĆĆĆĆĆĆĆĆĆĆĆ", 10)
            .unwrap_err()
            .to_string()
            .contains("Höchstens 10 Zeichen"));
        assert!(optional_text("Name", "a\u{0}b", 10).is_err());
        assert_eq!(
            optional_text("Notiz", "Zeile 1\nZeile 2", 100)
                .unwrap()
                .unwrap()
                .lines()
                .count(),
            2
        );
    }

    #[test]
    fn date_order_and_future_are_checked() {
        let today = d(2026, 11, 25);
        assert!(not_in_future("Einreise", Some(d(2026, 11, 26)), today).is_err());
        assert!(not_in_future("Einreise", Some(today), today).is_ok());
        assert!(not_before(
            "Gültig bis",
            Some(d(2026, 1, 1)),
            "Ausgestellt am",
            Some(d(2026, 1, 2))
        )
        .is_err());
        assert!(not_before("Gültig bis", Some(d(2026, 1, 2)), "Ausgestellt am", None).is_ok());
    }
}
