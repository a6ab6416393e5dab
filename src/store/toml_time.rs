//! TOML dates and date-times to chrono types and back: the only place that knows TOML's datetime.

use crate::model::Moment;
use crate::model::value::Invalid;
use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeZone};
use toml::value::{Datetime, Offset};

/// A TOML value that must be a plain local date (`2025-11-12`).
pub fn to_date(value: &Datetime) -> Result<NaiveDate, Invalid> {
    match (value.date, value.time, value.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()).ok_or_else(|| {
                Invalid::new(format!(
                    "found `{value}`, which is not a day of the calendar, expected a date like `2025-11-12`"
                ))
            })
        }
        _ => Err(Invalid::new(format!("found `{value}`, expected a date like `2025-11-12` without a time"))),
    }
}

/// A TOML value that must be an offset date-time (`2025-11-13T09:12:00+02:00`).
pub fn to_moment(value: &Datetime) -> Result<Moment, Invalid> {
    let expected = "expected a date-time with a UTC offset like `2025-11-13T09:12:00+02:00`";
    let (Some(d), Some(t)) = (value.date, value.time) else {
        return Err(Invalid::new(format!("found `{value}` without a time, {expected}")));
    };
    let Some(offset) = value.offset else {
        return Err(Invalid::new(format!("found `{value}` without a UTC offset, {expected}")));
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
            .ok_or_else(|| Invalid::new(format!("found `{value}`, {expected}"))),
        _ => Err(Invalid::new(format!("found `{value}`, which is not a valid date-time, {expected}"))),
    }
}

/// A chrono date as a TOML date value.
pub fn date_value(date: NaiveDate) -> Datetime {
    date.to_string().parse().expect("a chrono date always prints as a TOML date")
}

/// A moment as a TOML offset date-time, to the second.
pub fn moment_value(moment: &Moment) -> Datetime {
    crate::model::time::rfc3339(moment).parse().expect("RFC 3339 always parses as a TOML date-time")
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
        assert!(to_moment(&local).unwrap_err().message.contains("without a UTC offset"));
        assert!(to_date(&moment).is_err());
        assert_eq!(moment_value(&to_moment(&moment).unwrap()).to_string(), "2025-11-13T09:12:00+02:00");
    }
}
