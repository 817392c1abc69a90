//! The commission's registers: members and their organisations, foreigners' offices, and the
//! catalogues the case forms choose from.

pub mod catalogues;
pub mod members;
pub mod offices;
