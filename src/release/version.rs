//! Calendar versions: `2026.1` is the first release of 2026, `2026.2` the next (a correction or
//! a new edition). Ordered by year, then number, so "after the last" is a comparison.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A release version `YYYY.N` (`N` from 1, no leading zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    year: u16,
    number: u32,
}

/// Why a text is not a version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "malformed version « {0} »: expected a calendar version YEAR.N such as 2026.1 (four-digit year, N from 1, no leading zero)"
)]
pub struct VersionError(pub String);

impl Version {
    pub fn year(self) -> u16 {
        self.year
    }

    pub fn number(self) -> u32 {
        self.number
    }
}

impl FromStr for Version {
    type Err = VersionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let malformed = || VersionError(s.to_string());
        let (year, number) = s.split_once('.').ok_or_else(malformed)?;
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || !digits(year) || !digits(number) || number.starts_with('0') {
            return Err(malformed());
        }
        let year: u16 = year.parse().map_err(|_| malformed())?;
        let number: u32 = number.parse().map_err(|_| malformed())?;
        if year < 1000 {
            return Err(malformed());
        }
        Ok(Version { year, number })
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.year, self.number)
    }
}

impl Serialize for Version {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_versions_parse_and_print_back() {
        let v: Version = "2026.1".parse().unwrap();
        assert_eq!((v.year(), v.number()), (2026, 1));
        assert_eq!(v.to_string(), "2026.1");
        assert_eq!("2026.12".parse::<Version>().unwrap().to_string(), "2026.12");
    }

    #[test]
    fn versions_order_by_year_then_number() {
        let v = |s: &str| s.parse::<Version>().unwrap();
        assert!(v("2026.2") > v("2026.1"));
        assert!(v("2026.10") > v("2026.9"));
        assert!(v("2027.1") > v("2026.10"));
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "", "2026", "2026.", ".1", "2026.0", "2026.01", "26.1", "02026.1", "2026.1.1",
            "2026-1", "v2026.1", "2026.x", "2026.+1", "0999.1",
        ] {
            assert!(bad.parse::<Version>().is_err(), "{bad}");
        }
    }
}
