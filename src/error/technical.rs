//! The "Technische Angaben" of an error: what SQLite, SQLCipher or the operating system
//! reported, said in German so that the user can read it and copy it to the IT department.
//! The user's message itself never ends in this text.

use rusqlite::ErrorCode as Sqlite;

/// A SQLite error in German: its code, what the code means, and a page number if one was
/// named ("SQLite-Code 26 (SQLITE_NOTADB): keine Datenbank oder falscher Schlüssel").
pub fn sqlite(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(failure, message) => {
            let mut text = format!(
                "SQLite-Code {} ({}): {}",
                failure.extended_code,
                code_name(failure.code),
                meaning(failure.code)
            );
            if let Some(page) = message.as_deref().and_then(page_number) {
                text.push_str(&format!(", Seite {page}"));
            }
            text
        }
        rusqlite::Error::QueryReturnedNoRows => {
            "SQLite: eine erwartete Zeile fehlt in der Akte".into()
        }
        rusqlite::Error::InvalidColumnType(index, name, kind) => {
            format!("SQLite: Spalte {index} ({name}) hat einen unerwarteten Typ ({kind})")
        }
        rusqlite::Error::FromSqlConversionFailure(index, kind, _) => {
            format!("SQLite: Wert in Spalte {index} ({kind}) ist nicht lesbar")
        }
        other => format!("SQLite-Schnittstelle: Fehlerart {}", variant_name(other)),
    }
}

/// One line of `PRAGMA cipher_integrity_check` or `PRAGMA quick_check`, in German.
pub fn integrity_line(line: &str) -> String {
    let page = page_number(line);
    let lower = line.to_ascii_lowercase();
    let what = if lower.contains("hmac") {
        "Prüfcode (HMAC) stimmt nicht"
    } else if lower.contains("size") || lower.contains("truncated") {
        "Datei ist unvollständig oder zu lang"
    } else if lower.contains("btree") || lower.contains("page") || lower.contains("cell") {
        "innere Struktur der Datenbank ist fehlerhaft"
    } else {
        "Prüfung der Datenbank fehlgeschlagen"
    };
    match page {
        Some(page) => format!("Seite {page}: {what}"),
        None => what.to_owned(),
    }
}

/// An operating-system error in German, with its number for the IT department.
pub fn io(e: &std::io::Error) -> String {
    use std::io::ErrorKind as Kind;
    let what = match e.kind() {
        Kind::NotFound => "Datei oder Ordner nicht gefunden",
        Kind::PermissionDenied => "keine Berechtigung für diese Datei oder diesen Ordner",
        Kind::AlreadyExists => "eine Datei dieses Namens gibt es schon",
        Kind::StorageFull => "der Datenträger ist voll",
        Kind::ReadOnlyFilesystem => "der Datenträger ist schreibgeschützt",
        Kind::UnexpectedEof => "die Datei endet zu früh",
        Kind::InvalidData | Kind::InvalidInput => "der Inhalt ist nicht lesbar",
        Kind::Interrupted | Kind::TimedOut => "der Vorgang wurde unterbrochen",
        Kind::IsADirectory => "an dieser Stelle ist ein Ordner",
        Kind::NotADirectory => "ein Teil des Pfads ist kein Ordner",
        Kind::CrossesDevices => "Umbenennen über Laufwerksgrenzen ist nicht möglich",
        _ => "Fehler des Betriebssystems",
    };
    match e.raw_os_error() {
        Some(code) => format!("Betriebssystem: {what} (Fehlernummer {code})"),
        None => format!("Betriebssystem: {what}"),
    }
}

fn page_number(text: &str) -> Option<u64> {
    let lower = text.to_ascii_lowercase();
    let at = lower.find("page")?;
    lower[at + 4..]
        .trim_start_matches([' ', ':', '#'])
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|digits| digits.parse().ok())
}

fn code_name(code: Sqlite) -> &'static str {
    match code {
        Sqlite::DatabaseCorrupt => "SQLITE_CORRUPT",
        Sqlite::NotADatabase => "SQLITE_NOTADB",
        Sqlite::DatabaseBusy => "SQLITE_BUSY",
        Sqlite::DatabaseLocked => "SQLITE_LOCKED",
        Sqlite::SystemIoFailure => "SQLITE_IOERR",
        Sqlite::CannotOpen => "SQLITE_CANTOPEN",
        Sqlite::DiskFull => "SQLITE_FULL",
        Sqlite::ReadOnly => "SQLITE_READONLY",
        Sqlite::ConstraintViolation => "SQLITE_CONSTRAINT",
        Sqlite::PermissionDenied => "SQLITE_PERM",
        Sqlite::OutOfMemory => "SQLITE_NOMEM",
        _ => "SQLITE_ERROR",
    }
}

fn meaning(code: Sqlite) -> &'static str {
    match code {
        Sqlite::DatabaseCorrupt => "die Datenbank ist beschädigt",
        Sqlite::NotADatabase => "keine Datenbank oder falscher Schlüssel",
        Sqlite::DatabaseBusy | Sqlite::DatabaseLocked => "die Datei ist belegt",
        Sqlite::SystemIoFailure => "Lese- oder Schreibfehler des Datenträgers",
        Sqlite::CannotOpen => "die Datei kann nicht geöffnet werden",
        Sqlite::DiskFull => "der Datenträger ist voll",
        Sqlite::ReadOnly => "die Datei ist schreibgeschützt",
        Sqlite::ConstraintViolation => "eine Regel der Datenbank wurde verletzt",
        Sqlite::PermissionDenied => "keine Berechtigung",
        Sqlite::OutOfMemory => "zu wenig Arbeitsspeicher",
        _ => "Fehler der Datenbank",
    }
}

fn variant_name(e: &rusqlite::Error) -> String {
    let debug = format!("{e:?}");
    debug
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or("unbekannt")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlcipher_integrity_lines_become_german_with_their_page() {
        assert_eq!(
            integrity_line("HMAC verification failed for page 21"),
            "Seite 21: Prüfcode (HMAC) stimmt nicht"
        );
        assert_eq!(
            integrity_line("*** in database main ***\nPage 5: btree page never used"),
            "Seite 5: innere Struktur der Datenbank ist fehlerhaft"
        );
    }

    #[test]
    fn sqlite_failures_name_code_meaning_and_page() {
        let e = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(26),
            Some("file is not a database".into()),
        );
        assert_eq!(
            sqlite(&e),
            "SQLite-Code 26 (SQLITE_NOTADB): keine Datenbank oder falscher Schlüssel"
        );
        let e = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(11),
            Some("database disk image is malformed (page 7)".into()),
        );
        assert!(sqlite(&e).ends_with("die Datenbank ist beschädigt, Seite 7"));
    }

    #[test]
    fn io_errors_are_german_with_their_number() {
        let e = std::io::Error::from_raw_os_error(13);
        assert_eq!(
            io(&e),
            "Betriebssystem: keine Berechtigung für diese Datei oder diesen Ordner (Fehlernummer 13)"
        );
    }
}
