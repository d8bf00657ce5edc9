//! A sheet's measures as prefix sums (tổng cộng dồn): entry `k` is the sum of the measures of
//! the first `k` units, so the measure of any run of units, such as an organisation's subtree,
//! is the difference of two entries. A sheet's totals (I08's members admitted) are kept the
//! same way, each the numerator of a measure judging nothing.
//!
//! The sums are kept in the narrowest form that holds them exactly, chosen as units are
//! added: most criteria judge each cell pass or fail, and their sums take three bits a unit (a
//! bit for judged, one for passed, and the counts before every 64 units); sums that fit `u32`
//! take half the room of full measures. At national scale an evaluation keeps 37 sheets of
//! 308,011 entries, 182 MB as full measures; with these forms (25 sheets of bits, 12 narrow)
//! a country's evaluation held 64.5 MB beside the dataset instead of 201.1 MB (resident
//! memory after it, measured in the eighth session, BENCHMARKS.md).

use crate::finding::Measure;

/// The prefix sums of a sheet's measures, unit by unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sums {
    /// Every unit so far passed (1 of 1), fell short (0 of 1) or was not judged (0 of 0).
    Units(UnitBits),
    /// Every prefix sum so far fits `u32`: entry `k` is the sum of the first `k` measures.
    Narrow(Vec<[u32; 2]>),
    /// Any measures: entry `k` is the sum of the first `k`, wrapping, so that the difference
    /// of two entries is exact whenever the measure between them fits `u64`.
    Wide(Vec<Measure>),
}

/// Units judged pass or fail, a bit each, with the counts before each block of 64.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnitBits {
    len: usize,
    /// Bit `k % 64` of word `k / 64`: unit `k` was judged.
    judged: Vec<u64>,
    /// Bit `k % 64` of word `k / 64`: unit `k` passed.
    passed: Vec<u64>,
    /// The units passed and judged before each word, and after the last one.
    before: Vec<[u32; 2]>,
}

impl Sums {
    /// No unit yet, with room for `units`.
    pub(crate) fn with_capacity(units: usize) -> Sums {
        let words = units.div_ceil(64);
        Sums::Units(UnitBits {
            len: 0,
            judged: Vec::with_capacity(words),
            passed: Vec::with_capacity(words),
            before: {
                let mut before = Vec::with_capacity(words.saturating_add(1));
                before.push([0, 0]);
                before
            },
        })
    }

    /// The number of units added.
    pub(crate) fn len(&self) -> usize {
        match self {
            Sums::Units(bits) => bits.len,
            Sums::Narrow(sums) => sums.len().saturating_sub(1),
            Sums::Wide(sums) => sums.len().saturating_sub(1),
        }
    }

    /// Adds the next unit's measure, widening the form if it no longer holds the sums.
    pub(crate) fn push(&mut self, measure: Measure) {
        let pushed = match self {
            Sums::Units(bits) => bits.push(measure),
            Sums::Narrow(sums) => push_narrow(sums, measure),
            Sums::Wide(sums) => {
                let last = sums.last().copied().unwrap_or_default();
                sums.push(last.wrapping_plus(measure));
                true
            }
        };
        if !pushed {
            self.widen();
            self.push(measure);
        }
    }

    /// Adds the units of `other` after these, in the form adding them one by one would give:
    /// bits after a whole number of words are copied word by word; sums are shifted by these
    /// sums' total, in the form that holds the last (exact sums only grow, so it holds every one).
    pub(crate) fn append(&mut self, other: &Sums) {
        if let (Sums::Units(all), Sums::Units(next)) = (&mut *self, other) {
            if !all.append_words(next) {
                for k in 0..next.len {
                    self.push(other.between(k, k.saturating_add(1)).unwrap_or_default());
                }
            }
            return;
        }
        let (Some(base), Some(added)) = (self.entry(self.len()), other.entry(other.len())) else {
            return;
        };
        // Wide sums had one beyond `u32` (and their total may have wrapped): only full
        // measures hold them.
        let last = match other {
            Sums::Wide(_) => None,
            _ => base.checked_plus(added),
        };
        while !self.holds(last) {
            self.widen();
        }
        let entries = (1..=other.len()).filter_map(|k| other.entry(k));
        match self {
            Sums::Units(_) => {}
            Sums::Narrow(sums) => sums.extend(entries.map(|e| {
                let sum = base.wrapping_plus(e);
                [narrow(sum.numerator), narrow(sum.denominator)]
            })),
            Sums::Wide(sums) => sums.extend(entries.map(|e| base.wrapping_plus(e))),
        }
    }

    /// Whether this form holds sums up to `last` (`None`: beyond `u64`): bits never do here,
    /// where they are not being added as bits.
    fn holds(&self, last: Option<Measure>) -> bool {
        let fits = |n: u64| u32::try_from(n).is_ok();
        match self {
            Sums::Units(_) => false,
            Sums::Narrow(_) => last.is_some_and(|m| fits(m.numerator) && fits(m.denominator)),
            Sums::Wide(_) => true,
        }
    }

    /// The measure of units `from..to`; `None` if they are not all there.
    pub(crate) fn between(&self, from: usize, to: usize) -> Option<Measure> {
        if from > to {
            return None;
        }
        Some(self.entry(to)?.wrapping_minus(self.entry(from)?))
    }

    /// The sum of the first `k` measures.
    fn entry(&self, k: usize) -> Option<Measure> {
        match self {
            Sums::Units(bits) => bits.entry(k),
            Sums::Narrow(sums) => sums
                .get(k)
                .map(|&[n, d]| Measure::new(u64::from(n), u64::from(d))),
            Sums::Wide(sums) => sums.get(k).copied(),
        }
    }

    /// The next wider form, holding the same sums, with the room this one had: bits become
    /// `u32` sums, and those full measures.
    fn widen(&mut self) {
        // In entries: one more than the units.
        let room = match self {
            Sums::Units(bits) => bits.judged.capacity().saturating_mul(64).saturating_add(1),
            Sums::Narrow(sums) => sums.capacity(),
            Sums::Wide(sums) => sums.capacity(),
        }
        .max(self.len().saturating_add(1));
        let entries = (0..=self.len()).map_while(|k| self.entry(k));
        *self = match self {
            Sums::Units(_) => {
                let mut sums = Vec::with_capacity(room);
                sums.extend(entries.map(|m| [narrow(m.numerator), narrow(m.denominator)]));
                Sums::Narrow(sums)
            }
            Sums::Narrow(_) | Sums::Wide(_) => {
                let mut sums = Vec::with_capacity(room);
                sums.extend(entries);
                Sums::Wide(sums)
            }
        };
    }
}

/// A count the narrow form holds: one from bits, which keep their counts in `u32`, or a sum
/// checked to fit.
fn narrow(count: u64) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// Adds `measure` to `u32` sums; `false` if a sum would no longer fit.
fn push_narrow(sums: &mut Vec<[u32; 2]>, measure: Measure) -> bool {
    let [n, d] = sums.last().copied().unwrap_or([0, 0]);
    let add = |sum: u32, count: u64| u32::try_from(count).ok()?.checked_add(sum);
    match (add(n, measure.numerator), add(d, measure.denominator)) {
        (Some(n), Some(d)) => {
            sums.push([n, d]);
            true
        }
        _ => false,
    }
}

impl UnitBits {
    /// Adds a unit passed, fallen short or not judged; `false` for any other measure, or when
    /// the counts would no longer fit `u32`.
    fn push(&mut self, measure: Measure) -> bool {
        let (passed, judged) = match (measure.numerator, measure.denominator) {
            (0, 0) => (false, false),
            (0, 1) => (false, true),
            (1, 1) => (true, true),
            _ => return false,
        };
        let last = self.before.last().copied().unwrap_or([0, 0]);
        let (Some(after_passed), Some(after_judged), Some(len)) = (
            last[0].checked_add(u32::from(passed)),
            last[1].checked_add(u32::from(judged)),
            self.len.checked_add(1),
        ) else {
            return false;
        };
        let bit = self.len % 64;
        let after = [after_passed, after_judged];
        if bit == 0 {
            // A new word, and the counts after it.
            self.judged.push(0);
            self.passed.push(0);
            self.before.push(after);
        } else if let Some(last) = self.before.last_mut() {
            *last = after;
        }
        let set = |words: &mut Vec<u64>, yes: bool| {
            if let Some(w) = words.last_mut() {
                *w |= u64::from(yes) << bit;
            }
        };
        set(&mut self.passed, passed);
        set(&mut self.judged, judged);
        self.len = len;
        true
    }

    /// Adds the units of `next` word by word when these fill whole words; `false`, adding
    /// nothing, otherwise or when the counts would no longer fit `u32`.
    fn append_words(&mut self, next: &UnitBits) -> bool {
        let [passed, judged] = self.before.last().copied().unwrap_or([0, 0]);
        let [more_passed, more_judged] = next.before.last().copied().unwrap_or([0, 0]);
        let (Some(len), Some(_), Some(_)) = (
            self.len.checked_add(next.len),
            passed.checked_add(more_passed),
            judged.checked_add(more_judged),
        ) else {
            return false;
        };
        if self.len % 64 != 0 {
            return false;
        }
        self.judged.extend_from_slice(&next.judged);
        self.passed.extend_from_slice(&next.passed);
        // Every count of `next` is at most its last, checked above.
        self.before.extend(
            next.before
                .iter()
                .skip(1)
                .map(|&[p, j]| [p.wrapping_add(passed), j.wrapping_add(judged)]),
        );
        self.len = len;
        true
    }

    /// The units passed and judged among the first `k`.
    fn entry(&self, k: usize) -> Option<Measure> {
        if k > self.len {
            return None;
        }
        let (word, bit) = (k / 64, k % 64);
        let [passed, judged] = *self.before.get(word)?;
        // The bits of the units before `k` in its word.
        let below = |words: &[u64]| {
            let mask = (1u64 << bit).wrapping_sub(1);
            u64::from(words.get(word).map_or(0, |w| (w & mask).count_ones()))
        };
        Some(Measure::new(
            u64::from(passed).saturating_add(below(&self.passed)),
            u64::from(judged).saturating_add(below(&self.judged)),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wide sums whose total wrapped past `u64` are appended as full measures too.
    #[test]
    fn wrapped_sums_append_as_pushed() {
        let mut wrapped = Sums::with_capacity(2);
        for m in [Measure::new(u64::MAX, 0), Measure::new(1, 0)] {
            wrapped.push(m);
        }
        for before in [Measure::one(true), Measure::new(2, 3)] {
            let mut joined = Sums::with_capacity(0);
            joined.push(before);
            let mut one_by_one = joined.clone();
            joined.append(&wrapped);
            one_by_one.push(Measure::new(u64::MAX, 0));
            one_by_one.push(Measure::new(1, 0));
            assert_eq!(joined, one_by_one);
            assert_eq!(joined.between(1, 2), Some(Measure::new(u64::MAX, 0)));
        }
    }

    /// Every run of units, in every form, measures what adding its units one by one gives.
    #[test]
    fn every_run_measures_its_units() {
        // Passed, fallen short or not judged, in no pattern that repeats every 64 units.
        let unit = |k: u64| {
            let judged = k % 5 != 0;
            Measure::new(u64::from(judged && k % 3 == 0), u64::from(judged))
        };
        let units = |n: u64| (0..n).map(unit).collect::<Vec<_>>();
        let with = |n: u64, at: &[(u64, Measure)]| {
            (0..n)
                .map(|k| {
                    at.iter()
                        .find(|(i, _)| *i == k)
                        .map_or(unit(k), |(_, m)| *m)
                })
                .collect::<Vec<_>>()
        };
        let full = u64::from(u32::MAX);
        let lists = [
            ("units", units(0)),
            ("units", units(64)),
            ("units", units(128)),
            ("units", units(150)),
            ("narrow", with(150, &[(100, Measure::new(7, 9))])),
            ("narrow", with(64, &[(63, Measure::new(1, 0))])),
            (
                "wide",
                with(
                    150,
                    &[(70, Measure::new(2, 3)), (120, Measure::new(full, full))],
                ),
            ),
            (
                "wide",
                with(3, &[(0, Measure::new(full, full)), (1, Measure::one(true))]),
            ),
        ];
        for (form, measures) in lists {
            let mut sums = Sums::with_capacity(10);
            for m in &measures {
                sums.push(*m);
            }
            let kind = match sums {
                Sums::Units(_) => "units",
                Sums::Narrow(_) => "narrow",
                Sums::Wide(_) => "wide",
            };
            let n = measures.len();
            assert_eq!((kind, sums.len()), (form, n));
            for from in 0..=n {
                for to in from..=n {
                    let walked = measures.get(from..to).unwrap_or(&[]).iter().copied().sum();
                    assert_eq!(
                        sums.between(from, to),
                        Some(walked),
                        "{form} {n}: {from}..{to}"
                    );
                }
            }
            assert_eq!(sums.between(0, n.saturating_add(1)), None);
            assert_eq!(sums.between(1, 0), None);
            // Appended after other units (none, a part of a word, whole words, sums already
            // narrow), they measure the same, and the sums are those of adding every unit one
            // by one.
            for before in [units(0), units(1), units(64), vec![Measure::new(2, 3)]] {
                let mut joined = Sums::with_capacity(0);
                for m in &before {
                    joined.push(*m);
                }
                let mut one_by_one = joined.clone();
                joined.append(&sums);
                for m in &measures {
                    one_by_one.push(*m);
                }
                let from = before.len();
                assert_eq!(joined, one_by_one, "{form} {n} after {from}");
                assert_eq!(
                    joined.between(from, from.saturating_add(n)),
                    sums.between(0, n)
                );
            }
        }
    }
}
