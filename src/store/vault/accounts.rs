//! Administering users on an unlocked file: add, remove, reset a password, change one's own.
//!
//! Each action writes the users table and an audit row in one transaction, and rewrites the
//! slot file (atomically) before that transaction commits. A removed user's row stays (marked
//! removed), so an old copy of the slot file opens nothing: unlock requires an active user.
//! A new account, and a password reset, get a new signing key, registered in the history by
//! the administrator (docs/PRUEFKETTE.md).

use chrono::Utc;

use crate::domain::choice::Labelled;
use crate::domain::password;
use crate::domain::user::{self, Role};
use crate::store::audit::AuditAction;
use crate::store::audit::{self, AuditEvent, Signer};
use crate::store::users::{self, AccountList, User, UserAccount};
use crate::store::vault::key_slots::SlotFile;
use crate::store::vault::signing_keys::{self, commit_signed};
use crate::store::CaseFile;
use crate::{Error, Result};

impl CaseFile {
    /// The active users, for the administration page.
    pub fn users(&self) -> Result<Vec<UserAccount>> {
        self.require_admin()?;
        users::list_active(&self.conn)
    }

    /// The accounts with the roles a new one may get (for the administration page).
    pub fn account_list(&self) -> Result<AccountList> {
        Ok(AccountList {
            accounts: self.users()?,
            roles: Role::offered(),
        })
    }

    pub fn add_user(
        &mut self,
        username: &str,
        role: Role,
        new_password: &str,
        password_repeat: &str,
    ) -> Result<UserAccount> {
        self.require_admin()?;
        let username = user::validate_username(username)?;
        if users::name_taken(&self.conn, &username)? {
            return Err(Error::invalid(
                "Benutzername",
                "Dieser Name ist (oder war) bereits vergeben. Bitte wählen Sie einen anderen.",
            ));
        }
        let password = password::check_new(new_password, password_repeat, &username)?;
        let mut slots = SlotFile::load(&self.paths.key_slots)?;
        let their_key = Signer::generate();
        slots.put_user(&self.key, &username, &password, &their_key)?;

        let now = Utc::now().to_rfc3339();
        let tx = self.conn.transaction()?;
        let added = users::insert(&tx, &username, role, &now)?;
        // The administrator chose this password: its owner replaces it at the first unlock.
        users::set_password_change_due(&tx, added.id, true)?;
        signing_keys::register(&tx, &self.user, added.id, &their_key.public_hex())?;
        audit::append(
            &tx,
            &self.user,
            AuditEvent {
                action: AuditAction::UserCreate,
                entity_id: Some(&added.id.to_string()),
                before: None,
                after: Some(serde_json::json!({ "username": username, "role": role })),
            },
        )?;
        slots.save(&self.paths.key_slots)?;
        commit_signed(tx, &self.signer, &self.paths)?;
        Ok(UserAccount {
            id: added.id,
            username: added.username,
            role,
            role_label: role.label().to_owned(),
            created_at: now,
        })
    }

    pub fn remove_user(&mut self, user_id: u32) -> Result<()> {
        self.require_admin()?;
        let target = self.active_user(user_id)?;
        if target.id == self.user.id {
            return Err(Error::invalid(
                "Benutzerkonto",
                "Sie können Ihr eigenes Konto nicht entfernen.",
            ));
        }
        if target.role == Role::Verwaltung && users::count_active_administrators(&self.conn)? <= 1 {
            return Err(Error::invalid(
                "Benutzerkonto",
                "Das letzte Konto der Verwaltung kann nicht entfernt werden.",
            ));
        }
        let mut slots = SlotFile::load(&self.paths.key_slots)?;
        slots.remove_user(&target.username);

        let tx = self.conn.transaction()?;
        users::mark_removed(&tx, target.id, &Utc::now().to_rfc3339())?;
        audit::append(
            &tx,
            &self.user,
            AuditEvent {
                action: AuditAction::UserRemove,
                entity_id: Some(&target.id.to_string()),
                before: Some(
                    serde_json::json!({ "username": target.username, "role": target.role }),
                ),
                after: None,
            },
        )?;
        slots.save(&self.paths.key_slots)?;
        commit_signed(tx, &self.signer, &self.paths)
    }

    /// Sets a new password for another user (for a forgotten password).
    pub fn reset_password(
        &mut self,
        user_id: u32,
        new_password: &str,
        password_repeat: &str,
    ) -> Result<()> {
        self.require_admin()?;
        let target = self.active_user(user_id)?;
        self.replace_password(
            &target,
            new_password,
            password_repeat,
            AuditAction::UserPasswordReset,
        )
    }

    /// Changes the signed-in user's own password; the current one must be given.
    pub fn change_own_password(
        &mut self,
        current: &str,
        new_password: &str,
        password_repeat: &str,
    ) -> Result<()> {
        let slots = SlotFile::load(&self.paths.key_slots)?;
        let opens = match slots.user_slot(&self.user.username) {
            Some(slot) => slot
                .open(current.as_bytes(), &slots.file_id, &slots.origin)?
                .is_some(),
            None => false,
        };
        if !opens {
            return Err(Error::invalid(
                "Bisheriges Passwort",
                "Das bisherige Passwort ist falsch.",
            ));
        }
        let me = self.user.clone();
        self.replace_password(
            &me,
            new_password,
            password_repeat,
            AuditAction::UserPasswordChange,
        )
    }

    fn active_user(&self, user_id: u32) -> Result<User> {
        users::find_active_by_id(&self.conn, user_id)?.ok_or_else(|| {
            Error::invalid(
                "Benutzerkonto",
                "Dieses Benutzerkonto gibt es nicht (mehr).",
            )
        })
    }

    pub(in crate::store) fn replace_password(
        &mut self,
        target: &User,
        new_password: &str,
        password_repeat: &str,
        action: AuditAction,
    ) -> Result<()> {
        let password = password::check_new(new_password, password_repeat, &target.username)?;
        let mut slots = SlotFile::load(&self.paths.key_slots)?;
        // One's own key stays; another user's old key is sealed under the password they
        // forgot, so they get a new one, registered by the administrator.
        let new_key = (target.id != self.user.id).then(Signer::generate);
        let their_key = new_key.as_ref().unwrap_or(&self.signer);
        slots.put_user(&self.key, &target.username, &password, their_key)?;
        let tx = self.conn.transaction()?;
        if let Some(key) = &new_key {
            signing_keys::register(&tx, &self.user, target.id, &key.public_hex())?;
        }
        // A password set for a colleague is theirs to replace at the next unlock: an
        // administrator who used it first would have to replace it, and the colleague would
        // find their password no longer working.
        users::set_password_change_due(&tx, target.id, new_key.is_some())?;
        audit::append(
            &tx,
            &self.user,
            AuditEvent {
                action,
                entity_id: Some(&target.id.to_string()),
                before: None,
                after: None,
            },
        )?;
        slots.save(&self.paths.key_slots)?;
        commit_signed(tx, &self.signer, &self.paths)
    }
}
