//! The commission's clock. Legal dates (received, decided, deletion due, "not in the future")
//! are dates in Brandenburg, so "today" is the calendar date in Europe/Berlin, whatever time
//! zone the PC is set to. The open file carries one clock; tests fix it to a date.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::{Europe::Berlin, Tz};

/// Where the current instant comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// The system's clock.
    #[default]
    System,
    /// A fixed instant (for tests and for reproducing a day).
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// A clock that always reads noon (Berlin time) of `day`.
    pub fn on_day(day: NaiveDate) -> Clock {
        let noon = day.and_hms_opt(12, 0, 0).expect("12:00 is a valid time");
        let local = noon
            .and_local_timezone(Berlin)
            .single()
            .expect("noon is never in a DST gap");
        Clock::Fixed(local.with_timezone(&Utc))
    }

    /// The current instant, in the commission's time zone.
    pub fn now(&self) -> DateTime<Tz> {
        let utc = match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => *at,
        };
        utc.with_timezone(&Berlin)
    }

    /// Today's date in Europe/Berlin.
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn today_is_the_berlin_date_not_the_utc_date() {
        // 31.12.2026, 23:30 UTC is already 01.01.2027 in Berlin (UTC+1 in winter).
        let late = Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(
            Clock::Fixed(late).today(),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
        // 30.06.2026, 22:30 UTC is 01.07.2026, 00:30 in Berlin (UTC+2 in summer).
        let summer = Utc.with_ymd_and_hms(2026, 6, 30, 22, 30, 0).unwrap();
        assert_eq!(
            Clock::Fixed(summer).today(),
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
        );
        let before = Utc.with_ymd_and_hms(2026, 6, 30, 21, 59, 0).unwrap();
        assert_eq!(
            Clock::Fixed(before).today(),
            NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
        );
    }

    #[test]
    fn a_day_clock_reads_that_day() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap(); // the day summer time begins
        assert_eq!(Clock::on_day(day).today(), day);
        assert_eq!(
            Clock::on_day(day).now().format("%H:%M").to_string(),
            "12:00"
        );
    }
}
