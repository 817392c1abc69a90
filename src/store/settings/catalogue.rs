//! Every setting of a case file, declared once. The window's setters, the documents and the
//! command line (`hfk einstellung`) all go through these declarations.

use rusqlite::Connection;
use serde::Serialize;
use specta::Type;

use crate::domain::choice::Labelled;
use crate::domain::commission::{self, Commission};
use crate::domain::majority::{Majority, MajorityRule};
use crate::domain::{deadline, idle_lock, letter_texts, retention};
use crate::store::settings::descriptor::{get, put_audited, raw, Setting};
use crate::store::users::User;
use crate::store::CaseFile;
use crate::{Error, Result};

fn number(text: &str) -> Option<u32> {
    text.parse().ok()
}

fn flag(text: &str) -> Option<bool> {
    match text {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}

fn bit(value: &bool) -> String {
    if *value { "1" } else { "0" }.to_owned()
}

fn text(text: &str) -> Option<String> {
    Some(text.to_owned())
}

fn optional(text: &str) -> Option<Option<String>> {
    Some(Some(text.to_owned()))
}

pub const IDLE_LOCK_MINUTES: Setting<u32> = Setting {
    key: "idle_lock_minutes",
    label: "Automatische Sperre (Minuten)",
    default: || idle_lock::DEFAULT_MINUTES,
    decode: number,
    encode: u32::to_string,
    check: idle_lock::validate_minutes,
};

pub const EXPIRY_WARNING_DAYS: Setting<u32> = Setting {
    key: "expiry_warning_days",
    label: "Vorwarnung für ablaufende Papiere (Tage)",
    default: || deadline::DEFAULT_EXPIRY_WARNING_DAYS,
    decode: number,
    encode: u32::to_string,
    check: deadline::validate_warning_days,
};

pub const RETENTION_YEARS: Setting<u32> = Setting {
    key: "retention_years",
    label: "Löschfrist (Jahre)",
    default: || retention::DEFAULT_YEARS,
    decode: number,
    encode: u32::to_string,
    check: retention::validate_years,
};

/// Where "Jetzt sichern" writes; the backup module checks the folder before it is set.
pub const BACKUP_FOLDER: Setting<Option<String>> = Setting {
    key: "backup_folder",
    label: "Sicherungsordner",
    default: || None,
    decode: optional,
    encode: |folder| folder.clone().unwrap_or_default(),
    check: Ok,
};

/// When the last backup was written from this file (RFC 3339, UTC); kept by the program.
pub const LAST_BACKUP_AT: Setting<Option<String>> = Setting {
    key: "last_backup_at",
    label: "Letzte Sicherung",
    default: || None,
    decode: optional,
    encode: |at| at.clone().unwrap_or_default(),
    check: Ok,
};

pub const MAJORITY: Setting<Majority> = Setting {
    key: "majority_rule",
    label: "Mehrheitsregel",
    default: || MajorityRule::BRANDENBURG.majority,
    decode: |code| Majority::parse_code("Mehrheitsregel", code).ok(),
    encode: |m| m.code().to_owned(),
    check: Ok,
};

pub const RECUSED_STAY_IN_BASE: Setting<bool> = Setting {
    key: "recused_stay_in_base",
    label: "Befangene zählen zur Grundgesamtheit (1/0)",
    default: || MajorityRule::BRANDENBURG.recused_stay_in_base,
    decode: flag,
    encode: bit,
    check: Ok,
};

pub const DEPUTY_VOTES_FOR_RECUSED: Setting<bool> = Setting {
    key: "deputy_votes_for_recused",
    label: "Stellvertretung stimmt für Befangene (1/0)",
    default: || MajorityRule::BRANDENBURG.deputy_votes_for_recused,
    decode: flag,
    encode: bit,
    check: Ok,
};

/// Whether the published variant of *Auswertungen* shows counts of 1 and 2 as "< 3".
pub const HIDE_SMALL_NUMBERS: Setting<bool> = Setting {
    key: "statistics_hide_small_numbers",
    label: "Auswertungen zur Veröffentlichung: kleine Zahlen als „< 3“ (1/0)",
    default: || true,
    decode: flag,
    encode: bit,
    check: Ok,
};

pub const COMMISSION_NAME: Setting<String> = Setting {
    key: "commission_name",
    label: commission::NAME_LABEL,
    default: || commission::DEFAULT_NAME.to_owned(),
    decode: text,
    encode: String::clone,
    check: commission::check_name,
};

pub const SECRETARIAT_ADDRESS: Setting<String> = Setting {
    key: "secretariat_address",
    label: commission::SECRETARIAT_LABEL,
    default: || commission::DEFAULT_SECRETARIAT_ADDRESS.to_owned(),
    decode: text,
    encode: String::clone,
    check: commission::check_secretariat_address,
};

pub const MINISTRY_ADDRESS: Setting<String> = Setting {
    key: "ministry_address",
    label: commission::MINISTRY_LABEL,
    default: || commission::DEFAULT_MINISTRY_ADDRESS.to_owned(),
    decode: text,
    encode: String::clone,
    check: commission::check_ministry_address,
};

pub const LETTER_CLOSING: Setting<String> = Setting {
    key: "letter_closing",
    label: letter_texts::CLOSING_LABEL,
    default: || letter_texts::DEFAULT_CLOSING.to_owned(),
    decode: text,
    encode: String::clone,
    check: letter_texts::check_closing,
};

pub const LETTER_SIGNATURE: Setting<String> = Setting {
    key: "letter_signature",
    label: letter_texts::SIGNATURE_LABEL,
    default: || letter_texts::DEFAULT_SIGNATURE.to_owned(),
    decode: text,
    encode: String::clone,
    check: letter_texts::check_signature,
};

/// The rule a Härtefallersuchen must meet; Brandenburg's where a part was never set.
pub(crate) fn majority_rule(conn: &Connection) -> Result<MajorityRule> {
    Ok(MajorityRule {
        majority: get(conn, &MAJORITY)?,
        recused_stay_in_base: get(conn, &RECUSED_STAY_IN_BASE)?,
        deputy_votes_for_recused: get(conn, &DEPUTY_VOTES_FOR_RECUSED)?,
    })
}

pub(crate) fn put_majority_rule(conn: &Connection, user: &User, rule: MajorityRule) -> Result<()> {
    put_audited(conn, user, &MAJORITY, rule.majority)?;
    put_audited(conn, user, &RECUSED_STAY_IN_BASE, rule.recused_stay_in_base)?;
    put_audited(
        conn,
        user,
        &DEPUTY_VOTES_FOR_RECUSED,
        rule.deputy_votes_for_recused,
    )?;
    Ok(())
}

/// The commission as the documents name it.
pub(crate) fn commission(conn: &Connection) -> Result<Commission> {
    Ok(Commission {
        name: get(conn, &COMMISSION_NAME)?,
        secretariat_address: get(conn, &SECRETARIAT_ADDRESS)?,
        ministry_address: get(conn, &MINISTRY_ADDRESS)?
            .lines()
            .map(str::to_owned)
            .collect(),
    })
}

/// One setting as text, for the command line and for a list of all settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct SettingText {
    pub key: String,
    pub label: String,
    /// The value as stored ("\n" between lines); None when never set (the default applies).
    pub stored: Option<String>,
    /// The value in force, as text.
    pub value: String,
}

/// A setting whose value can be read and written as text.
trait AsText {
    fn key(&self) -> &'static str;
    fn describe(&self, conn: &Connection) -> Result<SettingText>;
    fn set_text(&self, conn: &Connection, user: &User, text: &str) -> Result<()>;
}

impl<T> AsText for Setting<T> {
    fn key(&self) -> &'static str {
        self.key
    }

    fn describe(&self, conn: &Connection) -> Result<SettingText> {
        Ok(SettingText {
            key: self.key.to_owned(),
            label: self.label.to_owned(),
            stored: raw(conn, self.key)?,
            value: (self.encode)(&get(conn, self)?),
        })
    }

    fn set_text(&self, conn: &Connection, user: &User, text: &str) -> Result<()> {
        let value = (self.decode)(text).ok_or_else(|| {
            Error::invalid(self.label, format!("„{text}“ ist hier kein gültiger Wert."))
        })?;
        put_audited(conn, user, self, value).map(|_| ())
    }
}

/// The settings a user may set (the time of the last backup is the program's own).
const USER_SETTINGS: &[&dyn AsText] = &[
    &COMMISSION_NAME,
    &SECRETARIAT_ADDRESS,
    &MINISTRY_ADDRESS,
    &LETTER_CLOSING,
    &LETTER_SIGNATURE,
    &IDLE_LOCK_MINUTES,
    &EXPIRY_WARNING_DAYS,
    &RETENTION_YEARS,
    &MAJORITY,
    &RECUSED_STAY_IN_BASE,
    &DEPUTY_VOTES_FOR_RECUSED,
    &HIDE_SMALL_NUMBERS,
];

impl CaseFile {
    /// Every setting a user may set, with its value. Verwaltung only.
    pub fn settings_as_text(&self) -> Result<Vec<SettingText>> {
        self.require_admin()?;
        USER_SETTINGS
            .iter()
            .map(|s| s.describe(self.conn()))
            .collect()
    }

    /// Sets one setting from text (the command line). Verwaltung only; audited. The backup
    /// folder is set through [`CaseFile::set_backup_folder`], which checks the folder.
    pub fn set_setting_from_text(&mut self, key: &str, text: &str) -> Result<SettingText> {
        self.require_admin()?;
        let setting = USER_SETTINGS
            .iter()
            .find(|s| s.key() == key)
            .ok_or_else(|| {
                Error::invalid(
                    "Einstellung",
                    format!("Die Einstellung „{key}“ gibt es nicht."),
                )
            })?;
        self.edit(|tx, user| {
            setting.set_text(tx, user, text)?;
            setting.describe(tx)
        })
    }

    pub fn commission(&self) -> Result<Commission> {
        commission(self.conn())
    }

    /// Sets the commission's name and addresses together. Verwaltung only; audited.
    pub fn set_commission(&mut self, commission: &Commission) -> Result<Commission> {
        self.require_admin()?;
        // All three are checked before anything is written.
        let name = commission::check_name(commission.name.clone())?;
        let secretariat =
            commission::check_secretariat_address(commission.secretariat_address.clone())?;
        let ministry = commission::check_ministry_address(commission.ministry_address.join("\n"))?;
        self.edit(|tx, user| {
            put_audited(tx, user, &COMMISSION_NAME, name)?;
            put_audited(tx, user, &SECRETARIAT_ADDRESS, secretariat)?;
            put_audited(tx, user, &MINISTRY_ADDRESS, ministry)?;
            self::commission(tx)
        })
    }

    /// The closing and the signature block of every letter.
    pub fn letter_frame(&self) -> Result<LetterFrame> {
        Ok(LetterFrame {
            closing: get(self.conn(), &LETTER_CLOSING)?,
            signature: get(self.conn(), &LETTER_SIGNATURE)?,
        })
    }

    /// Sets the closing and the signature block together. Verwaltung only; audited.
    pub fn set_letter_frame(&mut self, frame: &LetterFrame) -> Result<LetterFrame> {
        self.require_admin()?;
        let closing = letter_texts::check_closing(frame.closing.clone())?;
        let signature = letter_texts::check_signature(frame.signature.clone())?;
        self.edit(|tx, user| {
            put_audited(tx, user, &LETTER_CLOSING, closing)?;
            put_audited(tx, user, &LETTER_SIGNATURE, signature)?;
            Ok(())
        })?;
        self.letter_frame()
    }
}

/// What every letter ends with, whatever its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, Type)]
pub struct LetterFrame {
    pub closing: String,
    pub signature: String,
}
