//! Reading the columns that hold codes of the domain's fixed lists.

use rusqlite::types::{FromSqlError, Type as SqlType};
use rusqlite::Row;

use crate::domain::choice::Labelled;

/// A stored code read back as its enum; an unknown code means a damaged or foreign file.
pub(crate) fn code<T: Labelled>(row: &Row<'_>, index: usize) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    T::parse_code("", &text).map_err(|_| {
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

/// The last inserted row's id as `u32`.
pub(crate) fn last_id(conn: &rusqlite::Connection) -> crate::Result<u32> {
    u32::try_from(conn.last_insert_rowid())
        .map_err(|_| crate::Error::Internal("Datensatznummer zu groß".into()))
}
