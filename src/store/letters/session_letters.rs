//! The letters of a session: the invitations, one per member, kept together in one step.

use crate::store::audit::{self, AuditAction, AuditEvent};
use crate::store::letters::{keep, record_from, LetterRecord, NewLetter, RECORD_COLUMNS};
use crate::store::sessions::record::session_ref;
use crate::store::CaseFile;
use crate::Result;

impl CaseFile {
    /// The letters written for a session, newest first.
    pub fn session_letters(&self, session_id: u32) -> Result<Vec<LetterRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM letters WHERE session_id = ?1 ORDER BY id DESC"
        ))?;
        let rows = stmt.query_map([session_id], record_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Keeps a session's invitations, all or none, each recorded in the audit chain; an
    /// agenda with names is recorded as read under each case in `read_cases`.
    pub(crate) fn record_invitations(
        &mut self,
        invitations: &[NewLetter<'_>],
        read_cases: &[String],
    ) -> Result<()> {
        self.require_editor()?;
        let today = self.today();
        self.edit(|tx, user| {
            for letter in invitations {
                let session = session_ref(tx, letter.session_id.unwrap_or_default())?;
                keep(tx, user, today, letter, &session.number)?;
                for case in read_cases {
                    audit::append(
                        tx,
                        user,
                        AuditEvent {
                            action: AuditAction::DocumentExport,
                            entity_id: Some(case),
                            before: None,
                            after: Some(serde_json::json!({
                                "kind": "einladung", "in": session.number, "to": letter.recipient,
                            })),
                        },
                    )?;
                }
            }
            Ok(())
        })
    }
}
