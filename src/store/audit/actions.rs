//! Every kind of audit row, as one closed list: the codes stored in `audit_log` (entity and
//! action), the German description the administration page and the case history show, and
//! whether the row belongs in a case's history. A new kind of row without a description does
//! not compile; the SQL lists are derived from here.

macro_rules! audit_actions {
    ($($variant:ident = ($entity:literal, $action:literal, $history:literal, $text:literal),)+) => {
        /// What happened, as an audit row records it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum AuditAction {
            $($variant),+
        }

        impl AuditAction {
            pub const ALL: &'static [AuditAction] = &[$(AuditAction::$variant),+];

            /// What kind of thing it concerns (stored as `audit_log.entity`).
            pub fn entity(self) -> &'static str {
                match self { $(AuditAction::$variant => $entity),+ }
            }

            /// What was done (stored as `audit_log.action`).
            pub fn action(self) -> &'static str {
                match self { $(AuditAction::$variant => $action),+ }
            }

            /// In German, as people read the history.
            pub fn description(self) -> &'static str {
                match self { $(AuditAction::$variant => $text),+ }
            }

            /// Whether the row is listed in the case's history (changes to the case and its
            /// parts; not its openings and not its moves, which the history takes from the
            /// moves themselves).
            pub fn in_case_history(self) -> bool {
                match self { $(AuditAction::$variant => $history),+ }
            }
        }
    };
}

audit_actions! {
    FileCreate = ("file", "create", false, "Akte angelegt"),
    SigningKeyRegister = ("signing_key", "register", false, "Signaturschlüssel hinterlegt"),
    SessionUnlock = ("session", "unlock", false, "Akte entsperrt"),
    SettingsUpdate = ("settings", "update", false, "Einstellung geändert"),
    UserCreate = ("user", "create", false, "Benutzerkonto angelegt"),
    UserRemove = ("user", "remove", false, "Benutzerkonto entfernt"),
    UserPasswordReset = ("user", "password_reset", false, "Passwort durch die Verwaltung zurückgesetzt"),
    UserPasswordChange = ("user", "password_change", false, "Eigenes Passwort geändert"),
    UserPasswordResetWithRecoveryKey = ("user", "password_reset_with_recovery_key", false, "Passwort mit dem Wiederherstellungsschlüssel neu gesetzt"),
    CaseCreate = ("case", "create", true, "Fall angelegt"),
    CaseUpdate = ("case", "update", true, "Falldaten geändert"),
    CaseOpen = ("case", "open", false, "Fall geöffnet"),
    CaseSearch = ("case_list", "search", false, "Fallliste durchsucht"),
    CaseStatus = ("case", "status", false, "Stand des Falls geändert"),
    CaseReopen = ("case", "reopen", true, "Fall wiederaufgenommen"),
    PersonCreate = ("person", "create", true, "Person hinzugefügt"),
    PersonUpdate = ("person", "update", true, "Angaben zu einer Person geändert"),
    PersonRemove = ("person", "remove", true, "Person entfernt"),
    GroundCreate = ("ground", "create", true, "Härtegrund oder negativer Faktor erfasst"),
    GroundUpdate = ("ground", "update", true, "Härtegrund oder negativer Faktor geändert"),
    GroundRemove = ("ground", "remove", true, "Härtegrund oder negativer Faktor entfernt"),
    AdmissibilityDecide = ("admissibility", "decide", true, "Vorprüfung entschieden"),
    AbhStatementUpdate = ("abh_statement", "update", true, "Stellungnahme der Ausländerbehörde erfasst"),
    DeadlineCreate = ("deadline", "create", true, "Wiedervorlage angelegt"),
    DeadlineUpdate = ("deadline", "update", true, "Wiedervorlage geändert"),
    DeadlineDone = ("deadline", "done", true, "Wiedervorlage erledigt"),
    DeadlineReopen = ("deadline", "reopen", true, "Wiedervorlage wieder geöffnet"),
    OrganisationCreate = ("organisation", "create", false, "Entsendende Stelle angelegt"),
    OrganisationRename = ("organisation", "rename", false, "Entsendende Stelle umbenannt"),
    MemberCreate = ("member", "create", false, "Mitglied angelegt"),
    MemberUpdate = ("member", "update", false, "Mitglied geändert"),
    OfficeCreate = ("office", "create", false, "Ausländerbehörde angelegt"),
    OfficeUpdate = ("office", "update", false, "Ausländerbehörde geändert"),
    AdmissibilityCriteriaReplace = ("admissibility_criteria", "replace", false, "Prüfliste der Vorprüfung ersetzt"),
    SampleCasesCreate = ("sample_cases", "create", false, "Beispielfälle erzeugt"),
    RetentionDelete = ("retention", "delete", false, "Löschlauf: personenbezogene Daten fälliger Fälle entfernt"),
    DataKeyRekey = ("data_key", "rekey", false, "Datenschlüssel erneuert (Akte neu verschlüsselt)"),
    DataKeyReveal = ("data_key", "reveal", false, "Datenschlüssel angezeigt (für SQLCipher-Werkzeuge)"),
    DocumentExport = ("document", "export", false, "Dokument exportiert"),
    StatisticsExport = ("statistics", "export", false, "Auswertung gespeichert"),
    BackupCreate = ("backup", "create", false, "Sicherung geschrieben"),
    BackupRestore = ("backup", "restore", false, "Akte aus einer Sicherung wiederhergestellt"),
    CaseSchedule = ("case", "schedule", true, "Auf die Tagesordnung gesetzt"),
    CaseUnschedule = ("case", "unschedule", true, "Von der Tagesordnung genommen"),
    CaseDeliberate = ("case", "deliberate", true, "In der Sitzung beraten"),
    CaseRequestSent = ("case", "request_sent", true, "Härtefallersuchen an das Ministerium versandt"),
    CaseMinistryDecision = ("case", "ministry_decision", true, "Entscheidung des Ministeriums erfasst"),
    PersonPermit = ("person", "permit", true, "Erteilung der Aufenthaltserlaubnis erfasst"),
    CommissionSessionCreate = ("commission_session", "create", false, "Sitzung geplant"),
    CommissionSessionUpdate = ("commission_session", "update", false, "Sitzung geändert"),
    CommissionSessionStatus = ("commission_session", "status", false, "Stand der Sitzung geändert"),
    CommissionSessionAttendance = ("commission_session", "attendance", false, "Anwesenheit erfasst"),
    CommissionSessionItemCreate = ("commission_session", "item_create", false, "Tagesordnungspunkt aufgenommen"),
    CommissionSessionItemMove = ("commission_session", "item_move", false, "Tagesordnung umgestellt"),
    CommissionSessionItemRemove = ("commission_session", "item_remove", false, "Tagesordnungspunkt entfernt"),
    CommissionSessionItemRapporteur = ("commission_session", "item_rapporteur", false, "Berichterstattung geändert"),
    CommissionSessionItemDecide = ("commission_session", "item_decide", false, "Ergebnis eines Tagesordnungspunkts erfasst"),
    AdvanceRecusalDeclare = ("commission_session", "advance_recusal", false, "Befangenheit vor der Sitzung erfasst"),
    AdvanceRecusalWithdraw = ("commission_session", "advance_recusal_withdraw", false, "Vorab angezeigte Befangenheit zurückgenommen"),
    CopyPasswordSet = ("member", "copy_password", false, "Passwort für die Exemplare eines Mitglieds festgelegt"),
    MemberCopyCreate = ("member_copy", "create", false, "Exemplar der Sitzungsmappe für ein Mitglied erstellt"),
    MemberCopySettle = ("member_copy", "settle", false, "Rücklauf oder Vernichtung eines Exemplars bestätigt"),
    LetterWrite = ("letter", "write", true, "Schreiben erstellt"),
    AttachmentAdd = ("attachment", "add", true, "Anlage hinzugefügt"),
    AttachmentUpdate = ("attachment", "update", true, "Angaben zu einer Anlage geändert"),
    AttachmentReplace = ("attachment", "replace", true, "Anlage durch eine neue Fassung ersetzt"),
    AttachmentRemove = ("attachment", "remove", true, "Anlage entfernt"),
    AttachmentView = ("attachment", "view", false, "Anlage angesehen"),
    AttachmentExport = ("attachment", "export", false, "Kopie einer Anlage gespeichert"),
    LetterTemplateChange = ("letter_template", "update", false, "Vorlage eines Schreibens geändert"),
    ImportApply = ("import", "apply", false, "Alte Liste übernommen"),
    ImportMappingSave = ("import", "mapping", false, "Zuordnung für die Übernahme alter Listen gespeichert"),
    ImportReportExport = ("import", "report", false, "Bericht eines Probelaufs der Übernahme gespeichert"),
}

impl AuditAction {
    /// The kind of a stored row, if this program knows it.
    pub fn from_codes(entity: &str, action: &str) -> Option<AuditAction> {
        Self::ALL
            .iter()
            .copied()
            .find(|a| a.entity() == entity && a.action() == action)
    }

    /// A stored row's description; a row of a kind this program does not know (written by a
    /// newer version) is named by its codes.
    pub fn describe(entity: &str, action: &str) -> String {
        match Self::from_codes(entity, action) {
            Some(known) => known.description().to_owned(),
            None => format!("Unbekannter Eintrag ({entity}: {action})"),
        }
    }

    /// An SQL condition on `entity` and `action` matching `wanted` (built from this closed
    /// list only, never from input).
    pub(crate) fn sql_condition(wanted: impl Fn(AuditAction) -> bool) -> String {
        let pairs: Vec<String> = Self::ALL
            .iter()
            .filter(|a| wanted(**a))
            .map(|a| format!("'{}/{}'", a.entity(), a.action()))
            .collect();
        format!("entity || '/' || action IN ({})", pairs.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_codes_and_a_description() {
        let mut seen = std::collections::HashSet::new();
        for a in AuditAction::ALL {
            assert!(seen.insert((a.entity(), a.action())), "{a:?} twice");
            assert!(!a.description().is_empty());
            assert_eq!(AuditAction::from_codes(a.entity(), a.action()), Some(*a));
        }
        assert_eq!(AuditAction::describe("case", "open"), "Fall geöffnet");
        assert!(AuditAction::describe("x", "y").contains("x: y"));
    }

    #[test]
    fn the_case_history_lists_changes_not_openings_or_moves() {
        assert!(AuditAction::CaseUpdate.in_case_history());
        assert!(AuditAction::PersonPermit.in_case_history());
        assert!(!AuditAction::CaseOpen.in_case_history());
        assert!(!AuditAction::CaseStatus.in_case_history());
        assert!(!AuditAction::CommissionSessionItemDecide.in_case_history());
        let sql = AuditAction::sql_condition(AuditAction::in_case_history);
        assert!(
            sql.contains("'case/update'") && !sql.contains("'case/open'"),
            "{sql}"
        );
    }
}
