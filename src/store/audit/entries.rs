//! The audit history as people read it: German descriptions and the newest rows.

use rusqlite::Connection;
use serde::Serialize;
use specta::Type;

use crate::Result;

/// One row of the audit log as the administration page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct AuditEntry {
    pub id: u32,
    /// RFC 3339, UTC.
    pub at: String,
    pub username: String,
    /// What happened, in German.
    pub description: String,
}

/// The German description of an event.
pub(crate) fn describe(entity: &str, action: &str) -> String {
    match (entity, action) {
        ("file", "create") => "Akte angelegt".into(),
        ("session", "unlock") => "Akte entsperrt".into(),
        ("settings", "update") => "Einstellung geändert".into(),
        ("user", "create") => "Benutzerkonto angelegt".into(),
        ("user", "remove") => "Benutzerkonto entfernt".into(),
        ("user", "password_reset") => "Passwort durch die Verwaltung zurückgesetzt".into(),
        ("user", "password_change") => "Eigenes Passwort geändert".into(),
        ("user", "password_reset_with_recovery_key") => {
            "Passwort mit dem Wiederherstellungsschlüssel neu gesetzt".into()
        }
        ("case", "create") => "Fall angelegt".into(),
        ("case", "update") => "Falldaten geändert".into(),
        ("case", "open") => "Fall geöffnet".into(),
        ("case", "status") => "Stand des Falls geändert".into(),
        ("case", "reopen") => "Fall wiederaufgenommen".into(),
        ("person", "create") => "Person hinzugefügt".into(),
        ("person", "update") => "Angaben zu einer Person geändert".into(),
        ("person", "remove") => "Person entfernt".into(),
        ("ground", "create") => "Härtegrund oder negativer Faktor erfasst".into(),
        ("ground", "update") => "Härtegrund oder negativer Faktor geändert".into(),
        ("ground", "remove") => "Härtegrund oder negativer Faktor entfernt".into(),
        ("admissibility", "decide") => "Vorprüfung entschieden".into(),
        ("abh_statement", "update") => "Stellungnahme der Ausländerbehörde erfasst".into(),
        ("deadline", "create") => "Wiedervorlage angelegt".into(),
        ("deadline", "update") => "Wiedervorlage geändert".into(),
        ("deadline", "done") => "Wiedervorlage erledigt".into(),
        ("deadline", "reopen") => "Wiedervorlage wieder geöffnet".into(),
        ("organisation", "create") => "Entsendende Stelle angelegt".into(),
        ("organisation", "rename") => "Entsendende Stelle umbenannt".into(),
        ("member", "create") => "Mitglied angelegt".into(),
        ("member", "update") => "Mitglied geändert".into(),
        ("office", "create") => "Ausländerbehörde angelegt".into(),
        ("office", "update") => "Ausländerbehörde geändert".into(),
        ("admissibility_criteria", "replace") => "Prüfliste der Vorprüfung ersetzt".into(),
        ("sample_cases", "create") => "Beispielfälle erzeugt".into(),
        ("retention", "delete") => {
            "Löschlauf: personenbezogene Daten fälliger Fälle entfernt".into()
        }
        ("data_key", "rekey") => "Datenschlüssel erneuert (Akte neu verschlüsselt)".into(),
        ("data_key", "reveal") => "Datenschlüssel angezeigt (für SQLCipher-Werkzeuge)".into(),
        ("document", "export") => "Dokument exportiert".into(),
        ("backup", "create") => "Sicherung geschrieben".into(),
        ("backup", "restore") => "Akte aus einer Sicherung wiederhergestellt".into(),
        ("case", "schedule") => "Auf die Tagesordnung gesetzt".into(),
        ("case", "unschedule") => "Von der Tagesordnung genommen".into(),
        ("case", "deliberate") => "In der Sitzung beraten".into(),
        ("case", "request_sent") => "Härtefallersuchen an das Ministerium versandt".into(),
        ("case", "ministry_decision") => "Entscheidung des Ministeriums erfasst".into(),
        ("person", "permit") => "Erteilung der Aufenthaltserlaubnis erfasst".into(),
        ("commission_session", "create") => "Sitzung geplant".into(),
        ("commission_session", "update") => "Sitzung geändert".into(),
        ("commission_session", "status") => "Stand der Sitzung geändert".into(),
        ("commission_session", "attendance") => "Anwesenheit erfasst".into(),
        ("commission_session", "item_create") => "Tagesordnungspunkt aufgenommen".into(),
        ("commission_session", "item_move") => "Tagesordnung umgestellt".into(),
        ("commission_session", "item_remove") => "Tagesordnungspunkt entfernt".into(),
        ("commission_session", "item_rapporteur") => "Berichterstattung geändert".into(),
        ("commission_session", "item_decide") => {
            "Ergebnis eines Tagesordnungspunkts erfasst".into()
        }
        (entity, action) => format!("{entity}: {action}"),
    }
}

/// The newest `limit` rows, newest first.
pub(crate) fn recent(conn: &Connection, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, username, entity, action FROM audit_log ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            username: r.get(2)?,
            description: describe(&r.get::<_, String>(3)?, &r.get::<_, String>(4)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
