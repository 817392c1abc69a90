//! Reading the columns that hold codes of the domain's fixed lists.

use chrono::NaiveDate;
use rusqlite::types::{FromSqlError, Type as SqlType};
use rusqlite::Row;

use crate::domain::choice::Labelled;

/// A stored code read back as its enum; an unknown code means a damaged or foreign file.
pub(crate) fn code<T: Labelled>(row: &Row<'_>, index: usize) -> rusqlite::Result<T> {
    // Borrowed, not copied: the statistics read a code for each of many thousand rows.
    let text = row.get_ref(index)?.as_str()?;
    T::parse_code("", text).map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            SqlType::Text,
            Box::new(FromSqlError::Other(
                format!("unbekannter Wert „{text}“").into(),
            )),
        )
    })
}

/// An optional stored code.
pub(crate) fn optional_code<T: Labelled>(
    row: &Row<'_>,
    index: usize,
) -> rusqlite::Result<Option<T>> {
    match row.get_ref(index)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        _ => code(row, index).map(Some),
    }
}

/// A stored day (`YYYY-MM-DD`, as the chrono feature writes it) read straight from its digits;
/// the statistics read hundreds of thousands, and chrono's format parser costs several times
/// as much. Anything else goes through chrono, which names the problem.
pub(crate) fn day(row: &Row<'_>, index: usize) -> rusqlite::Result<NaiveDate> {
    if let rusqlite::types::ValueRef::Text(b) = row.get_ref(index)? {
        if let Some(day) = iso_day(b) {
            return Ok(day);
        }
    }
    row.get(index)
}

/// An optional stored day.
pub(crate) fn optional_day(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<NaiveDate>> {
    match row.get_ref(index)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        _ => day(row, index).map(Some),
    }
}

fn iso_day(b: &[u8]) -> Option<NaiveDate> {
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)?.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

/// The last inserted row's id as `u32`.
pub(crate) fn last_id(conn: &rusqlite::Connection) -> crate::Result<u32> {
    u32::try_from(conn.last_insert_rowid())
        .map_err(|_| crate::Error::Internal("Datensatznummer zu groß".into()))
}

#[cfg(test)]
mod tests {
    use crate::store::columns::iso_day;
    use chrono::NaiveDate;

    #[test]
    fn stored_days_are_read_from_their_digits_and_anything_else_is_left_to_chrono() {
        assert_eq!(iso_day(b"2026-02-28"), NaiveDate::from_ymd_opt(2026, 2, 28));
        assert_eq!(iso_day(b"2026-02-29"), None);
        assert_eq!(iso_day(b"2026-2-28"), None);
        assert_eq!(iso_day(b"2026-02-28T10:00"), None);
        assert_eq!(iso_day(b"20x6-02-28"), None);
    }
}
