//! Settings kept inside the encrypted file (key/value). Each is declared once, typed, in
//! [`catalogue`]: its key, what people call it, its default, how it is stored and which values
//! are allowed. Every change goes through one audited setter ([`CaseFile::change_setting`]).
//! A stored value this program cannot read is an error the user sees, never a silent default.
//!
//! [`CaseFile::change_setting`]: crate::store::CaseFile::change_setting

pub mod catalogue;
mod descriptor;

pub use catalogue::*;
pub use descriptor::Setting;
pub(crate) use descriptor::{get, put};
