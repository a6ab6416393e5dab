//! Dates and times: TOML values into chrono types, days and weeks in the notebook's zone, `--as-of` parsing.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use toml::value::{Datetime, Offset};

/// A moment with its original UTC offset, as records store them.
pub type Moment = DateTime<FixedOffset>;

/// A TOML value that must be a plain local date (`2025-11-12`).
pub fn to_date(value: &Datetime) -> Result<NaiveDate, String> {
    match (value.date, value.time, value.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()).ok_or_else(|| {
                format!("found `{value}`, which is not a day of the calendar, expected a date like `2025-11-12`")
            })
        }
        _ => Err(format!("found `{value}`, expected a date like `2025-11-12` without a time")),
    }
}

/// A TOML value that must be an offset date-time (`2025-11-13T09:12:00+02:00`).
pub fn to_moment(value: &Datetime) -> Result<Moment, String> {
    let expected = "expected a date-time with a UTC offset like `2025-11-13T09:12:00+02:00`";
    let (Some(d), Some(t)) = (value.date, value.time) else {
        return Err(format!("found `{value}` without a time, {expected}"));
    };
    let Some(offset) = value.offset else {
        return Err(format!("found `{value}` without a UTC offset, {expected}"));
    };
    let minutes = match offset {
        Offset::Z => 0,
        Offset::Custom { minutes } => i32::from(minutes),
    };
    let date = NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into());
    let time = NaiveTime::from_hms_nano_opt(
        t.hour.into(),
        t.minute.into(),
        t.second.unwrap_or(0).into(),
        t.nanosecond.unwrap_or(0),
    );
    let zone = FixedOffset::east_opt(minutes * 60);
    match (date, time, zone) {
        (Some(date), Some(time), Some(zone)) => zone
            .from_local_datetime(&date.and_time(time))
            .single()
            .ok_or_else(|| format!("found `{value}`, {expected}")),
        _ => Err(format!("found `{value}`, which is not a valid date-time, {expected}")),
    }
}

/// A chrono date as a TOML date value.
pub fn date_value(date: NaiveDate) -> Datetime {
    date.to_string().parse().expect("a chrono date always prints as a TOML date")
}

/// A moment as a TOML offset date-time, to the second.
pub fn moment_value(moment: &Moment) -> Datetime {
    moment.format("%Y-%m-%dT%H:%M:%S%:z").to_string().parse().expect("RFC 3339 always parses as a TOML date-time")
}

/// The calendar day of `moment` in the notebook's zone.
pub fn day_in(zone: Tz, moment: &Moment) -> NaiveDate {
    moment.with_timezone(&zone).date_naive()
}

/// The first moment of `day` in the notebook's zone.
pub fn start_of_day(zone: Tz, day: NaiveDate) -> Moment {
    local_moment(zone, day, NaiveTime::MIN)
}

/// The last second of `day` in the notebook's zone.
pub fn end_of_day(zone: Tz, day: NaiveDate) -> Moment {
    let last = NaiveTime::from_hms_opt(23, 59, 59).expect("23:59:59 is a time");
    local_moment(zone, day, last)
}

fn local_moment(zone: Tz, day: NaiveDate, time: NaiveTime) -> Moment {
    let local = day.and_time(time);
    let resolved = zone
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| zone.from_local_datetime(&(local + chrono::Duration::hours(1))).earliest())
        .unwrap_or_else(|| zone.from_utc_datetime(&local));
    resolved.fixed_offset()
}

/// Parses `--now`/`--as-of`: an RFC 3339 time, or a date meaning the end of that day in the zone.
pub fn parse_moment(text: &str, zone: Tz) -> Result<Moment, String> {
    if let Ok(moment) = DateTime::parse_from_rfc3339(text.trim()) {
        return Ok(moment);
    }
    if let Ok(day) = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        return Ok(end_of_day(zone, day));
    }
    Err(format!(
        "found `{text}`, expected a date like `2025-11-13` or an RFC 3339 time like `2025-11-13T09:12:00+02:00`"
    ))
}

/// Parses a plain date argument such as `--date` or `--since`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("found `{text}`, expected a date like `2025-11-13`"))
}

/// The current moment, in the notebook's zone with its offset.
pub fn system_now(zone: Tz) -> Moment {
    Utc::now().with_timezone(&zone).fixed_offset()
}

/// The ISO week name of a day, like `2025-W46`.
pub fn week_name(day: NaiveDate) -> String {
    let week = day.iso_week();
    format!("{}-W{:02}", week.year(), week.week())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_moments_convert() {
        let date: Datetime = "2025-11-12".parse().unwrap();
        assert_eq!(to_date(&date).unwrap(), NaiveDate::from_ymd_opt(2025, 11, 12).unwrap());
        let moment: Datetime = "2025-11-13T09:12:00+02:00".parse().unwrap();
        assert_eq!(to_moment(&moment).unwrap().to_rfc3339(), "2025-11-13T09:12:00+02:00");
        let local: Datetime = "2025-11-13T09:12:00".parse().unwrap();
        assert!(to_moment(&local).unwrap_err().contains("without a UTC offset"));
        assert!(to_date(&moment).is_err());
    }

    #[test]
    fn as_of_a_date_is_the_end_of_that_day_in_the_zone() {
        let kyiv: Tz = "Europe/Kyiv".parse().unwrap();
        assert_eq!(parse_moment("2025-11-13", kyiv).unwrap().to_rfc3339(), "2025-11-13T23:59:59+02:00");
        assert_eq!(parse_moment("2025-07-01", kyiv).unwrap().to_rfc3339(), "2025-07-01T23:59:59+03:00");
        assert!(parse_moment("yesterday", kyiv).is_err());
    }

    #[test]
    fn weeks_are_iso_weeks() {
        assert_eq!(week_name(NaiveDate::from_ymd_opt(2025, 11, 13).unwrap()), "2025-W46");
        assert_eq!(week_name(NaiveDate::from_ymd_opt(2021, 1, 3).unwrap()), "2020-W53");
    }
}
