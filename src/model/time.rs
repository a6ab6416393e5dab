//! Dates and times: days and ISO weeks in the notebook's zone, moments typed by people, and the
//! one way a moment is shown.

use super::value::Invalid;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// A moment with its original UTC offset, as records store them.
pub type Moment = DateTime<FixedOffset>;

/// The calendar day of `moment` in the notebook's zone.
pub fn day_in(zone: Tz, moment: &Moment) -> NaiveDate {
    moment.with_timezone(&zone).date_naive()
}

/// The first instant of `day` in the zone: midnight, or the first minute after a gap that swallows it.
pub fn start_of_day(zone: Tz, day: NaiveDate) -> Moment {
    first_instant_from(zone, day.and_time(NaiveTime::MIN))
}

/// The last instant of `day` in the zone: a nanosecond before the next day starts, so a day that
/// repeats an hour (clocks going back) ends after its second 23:59:59, and a record stamped
/// 23:59:59.5 still belongs to its day.
pub fn end_of_day(zone: Tz, day: NaiveDate) -> Moment {
    match day.succ_opt() {
        Some(next) => start_of_day(zone, next) - chrono::Duration::nanoseconds(1),
        None => first_instant_from(zone, day.and_hms_nano_opt(23, 59, 59, 999_999_999).expect("a time")),
    }
}

/// The earliest instant at or after the local time `local` that exists in the zone.
fn first_instant_from(zone: Tz, local: NaiveDateTime) -> Moment {
    (0..=24 * 60)
        .find_map(|minutes| zone.from_local_datetime(&(local + chrono::Duration::minutes(minutes))).earliest())
        .unwrap_or_else(|| zone.from_utc_datetime(&local))
        .fixed_offset()
}

/// The same local clock time `days` calendar days earlier (or the first instant after it, if a
/// clock change skips it), such as "7 days ago" across a DST change.
pub fn days_before(zone: Tz, moment: &Moment, days: u64) -> Moment {
    let local = moment.with_timezone(&zone).naive_local();
    let earlier = local.checked_sub_days(chrono::Days::new(days)).unwrap_or(local);
    match zone.from_local_datetime(&earlier) {
        chrono::LocalResult::Single(m) => m.fixed_offset(),
        chrono::LocalResult::Ambiguous(first, _) => first.fixed_offset(),
        chrono::LocalResult::None => first_instant_from(zone, earlier),
    }
}

/// A moment as people read it in the notebook's zone: `2025-11-13 09:12`; with the zone's
/// abbreviation when clocks going back make that time happen twice (`2025-10-26 02:30 CEST`).
pub fn local(moment: &Moment, zone: Tz) -> String {
    let here = moment.with_timezone(&zone);
    let twice = matches!(zone.from_local_datetime(&here.naive_local()), chrono::LocalResult::Ambiguous(..));
    here.format(if twice { "%Y-%m-%d %H:%M %Z" } else { "%Y-%m-%d %H:%M" }).to_string()
}

/// A moment with its zone's abbreviation: `2025-11-13 09:12 EET`.
pub fn local_with_zone(moment: &Moment, zone: Tz) -> String {
    moment.with_timezone(&zone).format("%Y-%m-%d %H:%M %Z").to_string()
}

/// A moment to the second in RFC 3339, as records store it: `2025-11-13T09:12:00+02:00`.
pub fn rfc3339(moment: &Moment) -> String {
    moment.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// A time typed by a person: an RFC 3339 time, or a date standing for its last second in the
/// notebook's zone (which is not known until the notebook is read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeArg {
    Day(NaiveDate),
    At(Moment),
}

impl TimeArg {
    /// The moment meant, in the notebook's zone.
    pub fn resolve(self, zone: Tz) -> Moment {
        match self {
            TimeArg::Day(day) => end_of_day(zone, day),
            TimeArg::At(moment) => moment,
        }
    }
}

impl std::str::FromStr for TimeArg {
    type Err = Invalid;

    fn from_str(text: &str) -> Result<Self, Invalid> {
        if let Ok(moment) = DateTime::parse_from_rfc3339(text.trim()) {
            if !representable(&moment) {
                return Err(Invalid::new(format!("found `{text}`, expected a time in the years 0000 to 9999")));
            }
            if moment.timestamp_subsec_nanos() >= 1_000_000_000 {
                return Err(Invalid::new(format!(
                    "found the leap second `{text}`, expected a time the records can hold (use `:59`)"
                )));
            }
            return Ok(TimeArg::At(moment));
        }
        match parse_date(text) {
            Ok(day) => Ok(TimeArg::Day(day)),
            Err(_) => Err(Invalid::new(format!(
                "found `{text}`, expected a date like `2025-11-13` or an RFC 3339 time like `2025-11-13T09:12:00+02:00`, in the years 0000 to 9999"
            ))),
        }
    }
}

/// Parses `--now`/`--as-of` text in the zone (see `TimeArg`).
pub fn parse_moment(text: &str, zone: Tz) -> Result<Moment, Invalid> {
    text.parse::<TimeArg>().map(|t| t.resolve(zone))
}

/// A plain date: `2025-11-13`, in the years 0000 to 9999 that TOML (and the records) can hold.
pub fn parse_date(text: &str) -> Result<NaiveDate, Invalid> {
    let bad = || Invalid::new(format!("found `{text}`, expected a date like `2025-11-13`, in the years 0000 to 9999"));
    let trimmed = text.trim();
    if trimmed.len() != 10 || !trimmed.as_bytes()[0].is_ascii_digit() {
        return Err(bad());
    }
    NaiveDate::parse_from_str(trimmed, "%Y-%m-%d").map_err(|_| bad())
}

/// Whether a moment lies in the years 0000 to 9999, which TOML (and the records) can hold.
pub fn representable(moment: &Moment) -> bool {
    (0..=9999).contains(&moment.year())
}

/// An IANA time zone name: `Europe/Kyiv`, `UTC`.
pub fn parse_zone(text: &str) -> Result<Tz, Invalid> {
    text.trim().parse::<Tz>().map_err(|_| {
        let names = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name());
        Invalid::new(format!("found time zone `{text}`, expected an IANA name like `Europe/Kyiv` or `UTC`"))
            .with_hint(super::value::did_you_mean(text.trim(), names))
    })
}

/// An ISO week, named like `2025-W46`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    pub monday: NaiveDate,
}

impl Week {
    /// The week a day falls in.
    pub fn of(day: NaiveDate) -> Week {
        Week { monday: day - chrono::Duration::days(day.weekday().num_days_from_monday().into()) }
    }

    pub fn sunday(self) -> NaiveDate {
        self.monday + chrono::Duration::days(6)
    }

    pub fn name(self) -> String {
        week_name(self.monday)
    }
}

impl std::str::FromStr for Week {
    type Err = Invalid;

    fn from_str(text: &str) -> Result<Self, Invalid> {
        let bad = || Invalid::new(format!("found `{text}`, expected an ISO week like `2025-W46`"));
        // Exactly `YYYY-Www`: four digits, `-W`, two digits.
        let shape = text.len() == 8
            && text.as_bytes()[4..6] == *b"-W"
            && text.bytes().enumerate().all(|(i, c)| matches!(i, 4 | 5) || c.is_ascii_digit());
        if !shape {
            return Err(bad());
        }
        let year = text[..4].parse::<i32>().ok().filter(|y| (1..=9999).contains(y)).ok_or_else(bad)?;
        let week = text[6..].parse::<u32>().map_err(|_| bad())?;
        let monday = NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon).ok_or_else(|| {
            let weeks = NaiveDate::from_ymd_opt(year, 12, 28).map_or(52, |d| d.iso_week().week());
            Invalid::new(format!("found `{text}`, but {year} has {weeks} ISO weeks; expected a week like `{year}-W01` to `{year}-W{weeks}`"))
        })?;
        Ok(Week { monday })
    }
}

/// The ISO week name of a day, like `2025-W46`.
pub fn week_name(day: NaiveDate) -> String {
    let week = day.iso_week();
    format!("{:04}-W{:02}", week.year(), week.week())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn as_of_a_date_is_the_end_of_that_day_in_the_zone() {
        let kyiv: Tz = "Europe/Kyiv".parse().unwrap();
        assert_eq!(parse_moment("2025-11-13", kyiv).unwrap().to_rfc3339(), "2025-11-13T23:59:59.999999999+02:00");
        assert_eq!(parse_moment("2025-07-01", kyiv).unwrap().to_rfc3339(), "2025-07-01T23:59:59.999999999+03:00");
        assert!(parse_moment("yesterday", kyiv).is_err());
    }

    #[test]
    fn days_end_at_their_last_instant_across_clock_changes() {
        // Santiago: clocks go back at midnight on 5 April 2025 (24:00 → 23:00), so the day has 25 hours.
        let santiago: Tz = "America/Santiago".parse().unwrap();
        assert_eq!(end_of_day(santiago, day(2025, 4, 5)).to_rfc3339(), "2025-04-05T23:59:59.999999999-04:00");
        // …and forward at midnight on 7 September 2025: the day starts at 01:00.
        assert_eq!(start_of_day(santiago, day(2025, 9, 7)).to_rfc3339(), "2025-09-07T01:00:00-03:00");
        // Lord Howe moves by half an hour.
        let lord_howe: Tz = "Australia/Lord_Howe".parse().unwrap();
        assert_eq!(end_of_day(lord_howe, day(2025, 4, 6)).to_rfc3339(), "2025-04-06T23:59:59.999999999+10:30");
    }

    #[test]
    fn seven_days_ago_keeps_the_local_clock_time() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let after = parse_moment("2025-04-01T12:00:00+02:00", berlin).unwrap();
        assert_eq!(days_before(berlin, &after, 7).to_rfc3339(), "2025-03-25T12:00:00+01:00");
    }

    #[test]
    fn weeks_are_iso_weeks() {
        assert_eq!(week_name(day(2025, 11, 13)), "2025-W46");
        let berlin = chrono_tz::Europe::Berlin;
        let first: Moment = "2025-10-26T02:30:00+02:00".parse().unwrap();
        let second: Moment = "2025-10-26T02:30:00+01:00".parse().unwrap();
        assert_eq!(
            (local(&first, berlin), local(&second, berlin)),
            ("2025-10-26 02:30 CEST".into(), "2025-10-26 02:30 CET".into())
        );
        assert_eq!(local(&"2025-10-26T04:30:00+01:00".parse().unwrap(), berlin), "2025-10-26 04:30");
        assert_eq!(week_name(day(2021, 1, 3)), "2020-W53");
        let w: Week = "2025-W46".parse().unwrap();
        assert_eq!((w.monday, w.sunday()), (day(2025, 11, 10), day(2025, 11, 16)));
        for bad in ["2025-46", "2025-W60", "W46", "", "-1-W22"] {
            assert!(bad.parse::<Week>().is_err(), "{bad}");
        }
        assert!("2026-W60".parse::<Week>().unwrap_err().message.contains("2026 has 53 ISO weeks"));
        for bad in ["+10000-01-01", "-0001-01-01", "99999-01-01", "2025-1-1"] {
            assert!(parse_date(bad).is_err(), "{bad}");
            assert!(bad.parse::<TimeArg>().is_err(), "{bad}");
        }
    }
}
