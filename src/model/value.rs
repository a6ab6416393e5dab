//! Values typed by people, in files or on the command line: one parser per kind, one message per mistake.
//!
//! The loader and the command line call the same functions, so `--grade Z9` and `grade = "Z9"`
//! get the same words; the loader adds the file and line, the command line names the flag.

use std::fmt;

/// A value that does not parse: what was found and what was expected, with a hint when a near miss is likely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub message: String,
    pub hint: Option<String>,
}

impl Invalid {
    pub fn new(message: impl Into<String>) -> Self {
        Invalid { message: message.into(), hint: None }
    }

    pub fn with_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// An unknown keyword: `found method `judgement`, expected `judgment` or `bayes``.
    pub fn keyword(what: &str, found: &str, names: &[&str]) -> Self {
        Invalid::new(format!("found {what} `{found}`, expected {}", one_of(names)))
            .with_hint(did_you_mean(found, names.iter().copied()))
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.hint {
            Some(hint) => write!(f, "{}; {hint}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Invalid {}

/// `` `a` ``, `` `a` or `b` ``, `` `a`, `b` or `c` ``.
pub fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The closest candidate to `found`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (rapidfuzz::distance::jaro_winkler::similarity(found.chars(), c.chars()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

/// Text that must say something, such as a rationale given with `-m`.
pub fn non_blank(text: &str) -> Result<String, Invalid> {
    if text.trim().is_empty() {
        Err(Invalid::new("found empty text, expected some words"))
    } else {
        Ok(text.to_string())
    }
}

/// A web address reduced to what identifies the page, for finding two items that cite one page:
/// no scheme, no `www.`, the host in lower case, no fragment, no trailing slash, and no tracking
/// parameters (`utm_*`, `fbclid`, `gclid`, `mc_cid`, `mc_eid`, `ref`, `ref_src`, `igshid`). `None`
/// for anything that is not an http(s) address.
pub fn normalized_url(text: &str) -> Option<String> {
    let parsed = url::Url::parse(text.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let host = parsed.host_str()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let tracking = |key: &str| {
        key.starts_with("utm_")
            || matches!(key, "fbclid" | "gclid" | "mc_cid" | "mc_eid" | "ref" | "ref_src" | "igshid")
    };
    let mut kept: Vec<(String, String)> =
        parsed.query_pairs().filter(|(k, _)| !tracking(k)).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    kept.sort();
    let path = parsed.path().trim_end_matches('/');
    let query: Vec<String> = kept.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let port = parsed.port().map(|p| format!(":{p}")).unwrap_or_default();
    Some(if query.is_empty() {
        format!("{host}{port}{path}")
    } else {
        format!("{host}{port}{path}?{}", query.join("&"))
    })
}

/// The whole number of percent a probability shows as: the one display rule for probabilities
/// (see `render::table::pct`), kept here so that reports can apportion shares to it.
pub fn shown_points(p: f64) -> i64 {
    (p * 100.0).round() as i64
}

/// Parts of a change rounded to whole points that add up to `total` points, by largest
/// remainder, so that the shares shown under a change sum to the change shown.
pub fn apportion(total: i64, parts: &[f64]) -> Vec<i64> {
    let scaled: Vec<f64> = parts.iter().map(|p| p * 100.0).collect();
    let mut whole: Vec<i64> = scaled.iter().map(|p| p.trunc() as i64).collect();
    let mut left = total - whole.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| {
        let rest = |i: usize| (scaled[i] - whole[i] as f64) * left.signum() as f64;
        rest(b).total_cmp(&rest(a))
    });
    for i in order.into_iter().cycle().take(parts.len() * 4) {
        if left == 0 {
            break;
        }
        whole[i] += left.signum();
        left -= left.signum();
    }
    whole
}

/// How long an `origin` may be.
pub const ORIGIN_MAX: usize = 120;

/// An evidence item's `origin`: an item's id or a short name of the original source, such as
/// `russian-mod-2025-11-04`: one line, not blank, at most 120 characters once composed (NFC),
/// nothing invisible. Returned trimmed and composed.
pub fn origin(text: &str) -> Result<String, Invalid> {
    use unicode_normalization::UnicodeNormalization;
    let composed: String = text.trim().nfc().collect();
    let trimmed = composed.as_str();
    if trimmed.is_empty() {
        return Err(Invalid::new(
            "found an empty `origin`, expected the id of the item that first reported it, or a short name of the original source",
        ));
    }
    if trimmed.chars().count() > ORIGIN_MAX || trimmed.chars().any(|c| c == '\n' || super::text::is_unsafe(c)) {
        return Err(Invalid::new(format!(
            "found `origin` `{}`, expected one line of at most {ORIGIN_MAX} characters, such as `russian-mod-2025-11-04`",
            super::text::line(trimmed)
        )));
    }
    Ok(trimmed.to_string())
}

/// Names joined as a sentence does: `A`, `A and B`, `A, B and C`.
pub fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `1 item`, `2 items`.
pub fn count(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// A number as a person would write it: `nan`, `inf`, `0.999`, and `1e300` or `2.5e-12` when
/// nine decimals would run long or show nothing.
pub fn show_number(n: f64) -> String {
    if n.is_nan() {
        "nan".into()
    } else if n.is_infinite() {
        if n > 0.0 { "inf".into() } else { "-inf".into() }
    } else if n != 0.0 && (n.abs() >= 1e9 || n.abs() < 1e-6) {
        // Too long or too small for nine decimals: `1e300`, `2.5e-12`.
        let text = format!("{n:.3e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        format!("{}e{exponent}", mantissa.trim_end_matches('0').trim_end_matches('.'))
    } else {
        let text = format!("{n:.9}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A ratio as a reader takes it in: `1.05×` near 1, `4.8×` (`4×` when whole) below 10, `25×`
/// below 1000, then `over 1000×` (also when too large to compute, as likelihoods are never 0).
pub fn times(ratio: f64) -> String {
    if ratio.is_nan() {
        return "an unknown number of times".to_string();
    }
    let text = if ratio < 1.1 {
        format!("{ratio:.2}")
    } else if ratio < 9.95 {
        format!("{ratio:.1}").trim_end_matches(".0").to_string()
    } else if ratio < 999.5 {
        format!("{ratio:.0}")
    } else {
        return "over 1000×".to_string();
    };
    format!("{text}×")
}

/// Names joined as alternatives: `A`, `A or B`, `A, B or C`.
pub fn either(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// What a probability must be, in words.
pub const PROBABILITY_EXPECTED: &str = "expected a probability from 0 to 1, such as 0.62";

/// A probability read from a file: a finite number in [0, 1].
pub fn probability(n: f64) -> Result<f64, Invalid> {
    if n.is_finite() && (0.0..=1.0).contains(&n) {
        Ok(n.abs())
    } else {
        Err(Invalid::new(format!("found `{}`, {PROBABILITY_EXPECTED}", show_number(n))))
    }
}

/// A probability typed on the command line: `0.62` or `62%`.
pub fn parse_probability(text: &str) -> Result<f64, Invalid> {
    let trimmed = text.trim();
    let (number, scale) = match trimmed.strip_suffix('%') {
        Some(n) => (n.trim(), 100.0),
        None => (trimmed, 1.0),
    };
    let bad = || Invalid::new(format!("found `{text}`, {PROBABILITY_EXPECTED}, or a percentage such as `62%`"));
    let n = number.parse::<f64>().map_err(|_| bad())? / scale;
    probability(n).map_err(|_| bad())
}

/// The smallest probability a scenario in play may have (0.1%): Cromwell's rule. A zero, or a
/// one, could never be revised by any evidence, and one analyst's zero would zero the aggregate.
pub const FLOOR: f64 = 0.001;

/// A probability below `FLOOR` for `scenario`, refused with the reason.
pub fn below_floor(scenario: &str, p: f64) -> Invalid {
    Invalid::new(format!(
        "found `{scenario}` at {}, below 0.001 (0.1%): a scenario in play must keep some chance, since a zero can never be revised by evidence",
        show_number(p)
    ))
    .with_hint(Some(format!("give `{scenario}` at least 0.1%, or retire it with `forecast scenario retire {scenario}`")))
}

/// How far from 1 a distribution's sum may be.
pub const SUM_TOLERANCE: f64 = 1e-6;

/// A `SCENARIO=VALUE` pair typed on the command line, such as `withdrawal=62%` or `withdrawal=C`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioValue<T> {
    pub scenario: String,
    pub value: T,
}

impl<T> ScenarioValue<T> {
    /// Splits `ID=VALUE` and parses the value with `parse`; `example` shows the expected form.
    pub fn parse(text: &str, example: &str, parse: impl Fn(&str) -> Result<T, Invalid>) -> Result<Self, Invalid> {
        let Some((scenario, value)) = text.split_once('=') else {
            return Err(Invalid::new(format!("found `{text}`, expected SCENARIO=VALUE such as `{example}`")));
        };
        let scenario = scenario.trim();
        if scenario.is_empty() {
            return Err(Invalid::new(format!(
                "found `{text}` without a scenario, expected SCENARIO=VALUE such as `{example}`"
            )));
        }
        Ok(ScenarioValue { scenario: scenario.to_string(), value: parse(value)? })
    }
}

impl std::str::FromStr for ScenarioValue<f64> {
    type Err = Invalid;

    /// `withdrawal=0.62` or `withdrawal=62%`.
    fn from_str(text: &str) -> Result<Self, Invalid> {
        ScenarioValue::parse(text, "withdrawal=0.62", parse_probability)
    }
}

impl std::str::FromStr for ScenarioValue<super::Likelihood> {
    type Err = Invalid;

    /// `withdrawal=0.7` or `withdrawal=C`. Any number passes here, as typed: whether it is allowed
    /// (above 0) is a rule the command checks with `Likelihood::checked`, so that a zero is refused
    /// like any other rule (exit 1), not as a typo (exit 2).
    fn from_str(text: &str) -> Result<Self, Invalid> {
        ScenarioValue::parse(text, "withdrawal=0.7", |v| match v.trim().parse::<f64>() {
            Ok(n) => Ok(super::Likelihood::Number(n)),
            Err(_) => v.trim().parse(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_short_however_large_or_small() {
        assert_eq!(show_number(0.75), "0.75");
        assert_eq!(show_number(1e300), "1e300");
        assert_eq!(show_number(1e-300), "1e-300");
        assert_eq!(show_number(2.5e-12), "2.5e-12");
        assert_eq!(show_number(123456.5), "123456.5");
        assert_eq!(show_number(0.0), "0");
        assert_eq!(and_list(&["A".into(), "B".into(), "C".into()]), "A, B and C");
    }

    #[test]
    fn one_page_under_several_addresses_normalizes_to_one() {
        let a = normalized_url("https://www.Example.org/news/a/?utm_source=x&id=3#top");
        let b = normalized_url("http://example.org/news/a?id=3&fbclid=abc");
        assert_eq!(a, b);
        assert_eq!(a.as_deref(), Some("example.org/news/a?id=3"));
        assert_eq!(normalized_url("javascript:alert(1)"), None);
        assert_ne!(normalized_url("https://example.org/a"), normalized_url("https://example.org/b"));
    }

    #[test]
    fn probabilities_as_fractions_or_percentages() {
        assert_eq!(parse_probability("0.62").unwrap(), 0.62);
        assert_eq!(parse_probability("62%").unwrap(), 0.62);
        assert_eq!(parse_probability(" 5 % ").unwrap(), 0.05);
        for bad in ["abc", "150%", "-0.1", "nan", "inf", ""] {
            assert!(parse_probability(bad).is_err(), "{bad:?}");
        }
        assert!(probability(f64::NAN).unwrap_err().message.contains("found `nan`"));
    }

    #[test]
    fn pairs_name_their_scenario() {
        let pair: ScenarioValue<f64> = "approve=50%".parse().unwrap();
        assert_eq!((pair.scenario.as_str(), pair.value), ("approve", 0.5));
        assert!("approve".parse::<ScenarioValue<f64>>().unwrap_err().message.contains("SCENARIO=VALUE"));
        assert!("=0.5".parse::<ScenarioValue<f64>>().is_err());
    }

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(one_of(&["a"]), "`a`");
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
        assert_eq!(show_number(0.999), "0.999");
        assert_eq!(show_number(1.0), "1");
    }
}
