//! The commission's registers: members and their organisations, foreigners' offices, and the
//! catalogues the case forms choose from.

pub mod catalogues;
pub mod copy_passwords;
pub mod members;
pub mod offices;
