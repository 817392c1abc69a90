//! `hfk faellig`: a start-page list printed whole, one tab-separated line per entry.

use hfk_akte::domain::wording::counted;
use hfk_akte::store::cases::start_page::{DueList, MAX_LIST_PAGE};
use hfk_akte::store::CaseFile;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Liste {
    /// Überfällige Wiedervorlagen
    Ueberfaellig,
    /// Wiedervorlagen der nächsten Tage
    Anstehend,
    /// Papiere, die im Warnzeitraum ablaufen
    Ablaufend,
    /// Bereits abgelaufene Papiere
    Abgelaufen,
}

/// Prints a start-page list whole, a page at a time, one line per entry.
pub fn print_due_list(file: &CaseFile, liste: Liste) -> Result<(), String> {
    let list = match liste {
        Liste::Ueberfaellig => DueList::Overdue,
        Liste::Anstehend => DueList::Upcoming,
        Liste::Ablaufend => DueList::Expiring,
        Liste::Abgelaufen => DueList::Expired,
    };
    let mut offset = 0;
    loop {
        let page = file
            .due_list(list, offset, MAX_LIST_PAGE)
            .map_err(crate::said)?;
        for d in &page.due {
            let day = d.due_on.format("%d.%m.%Y");
            println!("{}\t{}\tfällig {day}\t{}", d.number, d.display_name, d.what);
        }
        for p in &page.papers {
            let day = p.valid_until.format("%d.%m.%Y");
            let label = &p.residence_status_label;
            println!("{}\t{}\t{label} gültig bis {day}", p.number, p.person_name);
        }
        offset += u32::try_from(page.due.len() + page.papers.len()).unwrap_or(u32::MAX);
        if offset >= page.total || page.due.len() + page.papers.len() == 0 {
            println!("{}.", counted(page.total, "Eintrag", "Einträge"));
            return Ok(());
        }
    }
}
