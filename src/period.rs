//! Periods (kỳ đánh giá), months (tháng) and quarters (quý).

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::error::PeriodError;

/// A calendar month (tháng), e.g. `2022-09`.
///
/// Ordered chronologically; displayed the Vietnamese way, `09/2022`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct Month {
    year: i32,
    month: u32,
}

impl Month {
    /// The month containing `date`.
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The month `month` (1–12) of `year`, or `None` when out of range.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        NaiveDate::from_ymd_opt(year, month, 1).map(Month::of)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month number, 1–12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The quarter (quý) this month belongs to.
    pub fn quarter(self) -> Quarter {
        Quarter {
            year: self.year,
            quarter: (self.month.saturating_sub(1) / 3).saturating_add(1),
        }
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day of the month.
    pub fn last_day(self) -> NaiveDate {
        self.next()
            .and_then(|m| m.first_day().pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    /// The month after this one, `None` past the last representable date.
    pub fn next(self) -> Option<Month> {
        if self.month == 12 {
            self.year.checked_add(1).and_then(|y| Month::new(y, 1))
        } else {
            Month::new(self.year, self.month.saturating_add(1))
        }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{}", self.month, self.year)
    }
}

impl From<Month> for String {
    fn from(m: Month) -> String {
        format!("{:04}-{:02}", m.year, m.month)
    }
}

impl TryFrom<String> for Month {
    type Error = PeriodError;
    fn try_from(s: String) -> Result<Month, PeriodError> {
        s.parse()
    }
}

impl std::str::FromStr for Month {
    type Err = PeriodError;
    /// Parses `YYYY-MM`.
    fn from_str(s: &str) -> Result<Month, PeriodError> {
        let bad = || PeriodError::BadMonth(s.to_owned());
        let (y, m) = s.split_once('-').ok_or_else(bad)?;
        let year = y.parse().map_err(|_| bad())?;
        let month = m.parse().map_err(|_| bad())?;
        Month::new(year, month).ok_or_else(bad)
    }
}

/// A calendar quarter (quý), e.g. quý III/2022.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Quarter {
    year: i32,
    quarter: u32,
}

impl Quarter {
    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The quarter number, 1–4.
    pub fn number(self) -> u32 {
        self.quarter
    }

    /// The first month of the quarter.
    pub fn first_month(self) -> Month {
        Month {
            year: self.year,
            month: self
                .quarter
                .saturating_sub(1)
                .saturating_mul(3)
                .saturating_add(1),
        }
    }

    /// The first day of the quarter.
    pub fn first_day(self) -> NaiveDate {
        self.first_month().first_day()
    }

    /// The last day of the quarter.
    pub fn last_day(self) -> NaiveDate {
        let last = Month {
            year: self.year,
            month: self.quarter.saturating_mul(3),
        };
        last.last_day()
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let roman = match self.quarter {
            1 => "I",
            2 => "II",
            3 => "III",
            _ => "IV",
        };
        write!(f, "quý {roman}/{}", self.year)
    }
}

/// An inclusive date range (kỳ), validated so that `start <= end`.
///
/// ```
/// use chibo::Period;
/// use chrono::NaiveDate;
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let period = Period::new(d(2020, 1, 1), d(2022, 9, 30))?;
/// assert_eq!(period.months().count(), 33);
/// assert_eq!(period.quarters().count(), 11);
/// assert_eq!(period.years().count(), 3);
/// # Ok::<(), chibo::PeriodError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawPeriod"))]
pub struct Period {
    start: NaiveDate,
    end: NaiveDate,
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawPeriod {
    start: NaiveDate,
    end: NaiveDate,
}

#[cfg(feature = "serde")]
impl TryFrom<RawPeriod> for Period {
    type Error = PeriodError;
    fn try_from(raw: RawPeriod) -> Result<Period, PeriodError> {
        Period::new(raw.start, raw.end)
    }
}

impl Period {
    /// The period from `start` to `end`, both included.
    ///
    /// # Errors
    /// [`PeriodError::EndBeforeStart`] when `end < start`.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Period, PeriodError> {
        if end < start {
            return Err(PeriodError::EndBeforeStart { start, end });
        }
        Ok(Period { start, end })
    }

    /// The whole of `year`, or `None` outside chrono's range.
    pub fn year(year: i32) -> Option<Period> {
        Some(Period {
            start: NaiveDate::from_ymd_opt(year, 1, 1)?,
            end: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }

    /// The first day.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The last day (included).
    pub fn end(&self) -> NaiveDate {
        self.end
    }

    /// Whether `date` lies in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// Whether `other` lies wholly inside this period.
    pub fn covers(&self, other: &Period) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The days both periods share, if any.
    pub fn intersect(&self, other: &Period) -> Option<Period> {
        Period::new(self.start.max(other.start), self.end.min(other.end)).ok()
    }

    /// Every month the period touches, in order.
    pub fn months(&self) -> impl Iterator<Item = Month> + use<> {
        let last = Month::of(self.end);
        std::iter::successors(Some(Month::of(self.start)), move |m| {
            m.next().filter(|n| *n <= last)
        })
    }

    /// The months lying wholly inside the period.
    pub fn full_months(&self) -> impl Iterator<Item = Month> + use<> {
        let p = *self;
        self.months()
            .filter(move |m| p.start <= m.first_day() && m.last_day() <= p.end)
    }

    /// Every quarter the period touches, in order.
    pub fn quarters(&self) -> impl Iterator<Item = Quarter> + use<> {
        let mut last = None;
        self.months().filter_map(move |m| {
            let q = m.quarter();
            (last.replace(q) != Some(q)).then_some(q)
        })
    }

    /// Every year the period touches, in order.
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.start.year()..=self.end.year()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} – {}",
            self.start.format("%d/%m/%Y"),
            self.end.format("%d/%m/%Y")
        )
    }
}
