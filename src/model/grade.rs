//! The Admiralty (NATO) grading scale: source reliability A–F and information credibility 1–6.

use super::value::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How reliable the source has been, A (completely reliable) to F (cannot be judged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Reliability {
    A,
    B,
    C,
    D,
    E,
    F,
}

/// How credible the information is, 1 (confirmed) to 6 (cannot be judged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Credibility(u8);

/// An Admiralty grade; either part may be missing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Grade {
    pub reliability: Option<Reliability>,
    pub credibility: Option<Credibility>,
}

/// The scale in words, for templates and help.
pub const RELIABILITY: [(Reliability, &str); 6] = [
    (Reliability::A, "completely reliable"),
    (Reliability::B, "usually reliable"),
    (Reliability::C, "fairly reliable"),
    (Reliability::D, "not usually reliable"),
    (Reliability::E, "unreliable"),
    (Reliability::F, "reliability cannot be judged"),
];

pub const CREDIBILITY: [(u8, &str); 6] = [
    (1, "confirmed by other sources"),
    (2, "probably true"),
    (3, "possibly true"),
    (4, "doubtful"),
    (5, "improbable"),
    (6, "truth cannot be judged"),
];

const GRADE_EXPECTED: &str = "expected an Admiralty grade like `B2` (reliability A–F, credibility 1–6)";

impl Reliability {
    /// `A`–`F`, upper or lower case.
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let mut chars = text.trim().chars();
        let found = match (chars.next().map(|c| c.to_ascii_uppercase()), chars.next()) {
            (Some('A'), None) => Reliability::A,
            (Some('B'), None) => Reliability::B,
            (Some('C'), None) => Reliability::C,
            (Some('D'), None) => Reliability::D,
            (Some('E'), None) => Reliability::E,
            (Some('F'), None) => Reliability::F,
            _ => {
                return Err(Invalid::new(format!(
                    "found reliability `{text}`, expected an Admiralty source grade from `A` to `F`"
                )));
            }
        };
        Ok(found)
    }

    pub fn letter(self) -> char {
        match self {
            Reliability::A => 'A',
            Reliability::B => 'B',
            Reliability::C => 'C',
            Reliability::D => 'D',
            Reliability::E => 'E',
            Reliability::F => 'F',
        }
    }
}

impl Credibility {
    /// 1–6.
    pub fn new(n: i64) -> Result<Self, Invalid> {
        match n {
            1..=6 => Ok(Credibility(n as u8)),
            _ => {
                Err(Invalid::new(format!("found credibility {n}, expected an Admiralty information grade from 1 to 6")))
            }
        }
    }

    pub fn number(self) -> u8 {
        self.0
    }
}

impl std::str::FromStr for Reliability {
    type Err = Invalid;

    fn from_str(text: &str) -> Result<Self, Invalid> {
        Reliability::parse(text)
    }
}

impl std::str::FromStr for Credibility {
    type Err = Invalid;

    fn from_str(text: &str) -> Result<Self, Invalid> {
        match text.trim().parse::<i64>() {
            Ok(n) => Credibility::new(n),
            Err(_) => Err(Invalid::new(format!(
                "found credibility `{text}`, expected an Admiralty information grade from 1 to 6"
            ))),
        }
    }
}

impl Grade {
    /// How much an item counts in the weighted ACH inconsistency score: the mean of a weight for
    /// each part, A and 1 counting 1.0, B and 2 0.8, C and 3 0.6, D and 4 0.4, E and 5 0.25, and
    /// F, 6 or a missing part 0.5 (cannot be judged). So A1 = 1.0, B2 = 0.8, E5 = 0.25, F6 = 0.5.
    pub fn weight(&self) -> f64 {
        let reliability = match self.reliability {
            Some(Reliability::A) => 1.0,
            Some(Reliability::B) => 0.8,
            Some(Reliability::C) => 0.6,
            Some(Reliability::D) => 0.4,
            Some(Reliability::E) => 0.25,
            Some(Reliability::F) | None => 0.5,
        };
        let credibility = match self.credibility.map(|c| c.0) {
            Some(1) => 1.0,
            Some(2) => 0.8,
            Some(3) => 0.6,
            Some(4) => 0.4,
            Some(5) => 0.25,
            _ => 0.5,
        };
        (reliability + credibility) / 2.0
    }

    pub fn is_empty(&self) -> bool {
        self.reliability.is_none() && self.credibility.is_none()
    }

    /// `B2`, `B`, `2`, or empty.
    pub fn label(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(r) = self.reliability {
            write!(f, "{}", r.letter())?;
        }
        if let Some(c) = self.credibility {
            write!(f, "{}", c.0)?;
        }
        Ok(())
    }
}

impl std::str::FromStr for Grade {
    type Err = Invalid;

    /// `B2`, `b2`, `B` or `2`.
    fn from_str(text: &str) -> Result<Self, Invalid> {
        let bad = || Invalid::new(format!("found grade `{text}`, {GRADE_EXPECTED}"));
        let trimmed = text.trim();
        let mut chars = trimmed.chars().peekable();
        let reliability = match chars.next_if(|c| c.is_ascii_alphabetic()) {
            Some(c) => Some(Reliability::parse(&c.to_string()).map_err(|_| bad())?),
            None => None,
        };
        let credibility = match chars.next() {
            Some(c) => Some(Credibility::new(c.to_digit(10).map_or(0, i64::from)).map_err(|_| bad())?),
            None => None,
        };
        if chars.next().is_some() || (reliability.is_none() && credibility.is_none()) {
            return Err(bad());
        }
        Ok(Grade { reliability, credibility })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_parse_in_either_case() {
        let g: Grade = "b2".parse().unwrap();
        assert_eq!(g.label(), "B2");
        assert_eq!("F".parse::<Grade>().unwrap().label(), "F");
        assert_eq!("6".parse::<Grade>().unwrap().label(), "6");
        for bad in ["Z9", "B7", "BB", "", "B2x", "0"] {
            let e = bad.parse::<Grade>().unwrap_err();
            assert!(e.message.contains("expected an Admiralty grade"), "{bad:?}: {e}");
        }
        assert!(Credibility::new(9).is_err());
        assert_eq!(Reliability::parse("c").unwrap(), Reliability::C);
    }
}
