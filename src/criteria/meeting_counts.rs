//! A unit's meetings over a span counted once for every criterion that judges them meeting by
//! meeting (đếm buổi sinh hoạt).
//!
//! Each criterion declares its test in its own file: which meetings it judges, and what a
//! meeting misses. Judging a cell applies every test in one pass over its meetings; only the
//! evidence of a finding walks them again, test by test, with the same functions.

use super::{
    Shared, attendance_each_meeting, content_below_requirements, directives_not_adapted,
    generic_review, low_attendance, meeting_standard, participation, self_assessment,
    thematic_meetings_correct,
};
use crate::dataset::Meeting;
use crate::finding::{Gaps, Measure};

/// A test that each meeting a criterion judges passes or misses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MeetingTest {
    /// A regular meeting meets the standard (R01, I03).
    RegularStandard,
    /// A thematic meeting meets the standard (I04).
    ThematicStandard,
    /// A meeting's attendance reaches the bar (I05).
    Attendance,
    /// A regular meeting records a self-assessment (I07).
    SelfAssessment,
    /// A meeting follows the planned programme (S01).
    Programme,
    /// A meeting that discussed directives adapted them (S03).
    Directives,
    /// A regular meeting reviewed last month and set concrete tasks (S05).
    Review,
}

impl MeetingTest {
    /// Every test, in the order [`MeetingCounts`] keeps them.
    const ALL: [MeetingTest; 7] = [
        MeetingTest::RegularStandard,
        MeetingTest::ThematicStandard,
        MeetingTest::Attendance,
        MeetingTest::SelfAssessment,
        MeetingTest::Programme,
        MeetingTest::Directives,
        MeetingTest::Review,
    ];

    /// Whether the test judges `m`.
    pub(crate) fn judges(self, m: &Meeting) -> bool {
        match self {
            MeetingTest::RegularStandard => meeting_standard::judges(m),
            MeetingTest::ThematicStandard => thematic_meetings_correct::judges(m),
            MeetingTest::Attendance => attendance_each_meeting::judges(m),
            MeetingTest::SelfAssessment => self_assessment::judges(m),
            MeetingTest::Programme => content_below_requirements::judges(m),
            MeetingTest::Directives => directives_not_adapted::judges(m),
            MeetingTest::Review => generic_review::judges(m),
        }
    }

    /// What `m` misses; it passes when nothing.
    pub(crate) fn gaps(self, shared: &Shared, m: &Meeting) -> Gaps {
        match self {
            MeetingTest::RegularStandard | MeetingTest::ThematicStandard => {
                meeting_standard::gaps(shared, m)
            }
            MeetingTest::Attendance => attendance_each_meeting::gaps(shared, m),
            MeetingTest::SelfAssessment => self_assessment::gaps(m),
            MeetingTest::Programme => content_below_requirements::gaps(m),
            MeetingTest::Directives => directives_not_adapted::gaps(m),
            MeetingTest::Review => generic_review::gaps(m),
        }
    }
}

/// How many of a unit's meetings over a span pass each [`MeetingTest`], and their turnout.
///
/// Every test is applied whichever criteria are enabled or ask: a set with one meeting
/// criterion, or I06 and S02 gathering evidence (they need only the turnout), pay for all.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct MeetingCounts {
    /// Meetings passing out of those judged, test by test in [`MeetingTest::ALL`] order.
    passed: [Measure; MeetingTest::ALL.len()],
    /// Present out of expected at the meetings I06 counts.
    pub(crate) turnout: Measure,
    /// Present out of expected at the meetings S02 counts.
    pub(crate) regular_turnout: Measure,
}

impl MeetingCounts {
    /// Counts `meetings` in one pass.
    pub(crate) fn of(shared: &Shared, meetings: &[Meeting]) -> MeetingCounts {
        let mut counts = MeetingCounts::default();
        for m in meetings {
            // Test by test, each named, so that each is inlined here (a loop over `ALL` was
            // not unrolled: perf showed every test dispatched through a jump table, and the
            // ten criteria took 1.09 times as long as walking on their own, against 0.91 so).
            // `standard` is filled by the first of the two standard tests that judges the
            // meeting, so that a combined session, which both judge, is held to the standard
            // once.
            let mut standard = None;
            let mut tally = |test: MeetingTest| {
                if !test.judges(m) {
                    return;
                }
                let pass = match test {
                    MeetingTest::RegularStandard | MeetingTest::ThematicStandard => {
                        *standard.get_or_insert_with(|| meeting_standard::passes(shared, m))
                    }
                    _ => test.gaps(shared, m).is_empty(),
                };
                if let Some(passed) = counts.passed.get_mut(test as usize) {
                    *passed = passed.plus(Measure::one(pass));
                }
            };
            tally(MeetingTest::RegularStandard);
            tally(MeetingTest::ThematicStandard);
            tally(MeetingTest::Attendance);
            tally(MeetingTest::SelfAssessment);
            tally(MeetingTest::Programme);
            tally(MeetingTest::Directives);
            tally(MeetingTest::Review);
            let turnout = Measure::new(u64::from(m.turnout.present), u64::from(m.turnout.expected));
            if participation::judges(m) {
                counts.turnout = counts.turnout.plus(turnout);
            }
            if low_attendance::judges(m) {
                counts.regular_turnout = counts.regular_turnout.plus(turnout);
            }
        }
        counts
    }

    /// The meetings passing `test` out of those it judges.
    pub(crate) fn passed(&self, test: MeetingTest) -> Measure {
        self.passed.get(test as usize).copied().unwrap_or_default()
    }

    /// The counts kept in 22 bytes, if each fits: 255 meetings judged by a test, 65,535
    /// members present or expected.
    pub(crate) fn pack(&self) -> Option<PackedCounts> {
        let narrow = |n: u64| u8::try_from(n).ok();
        let mut packed = PackedCounts::default();
        for ((p, j), m) in packed
            .passed
            .iter_mut()
            .zip(&mut packed.judged)
            .zip(&self.passed)
        {
            (*p, *j) = (narrow(m.numerator)?, narrow(m.denominator)?);
        }
        let wide = |m: Measure| {
            Some([
                u16::try_from(m.numerator).ok()?,
                u16::try_from(m.denominator).ok()?,
            ])
        };
        packed.turnout = wide(self.turnout)?;
        packed.regular_turnout = wide(self.regular_turnout)?;
        Some(packed)
    }

    /// These counts and `more` together.
    pub(crate) fn plus(mut self, more: &PackedCounts) -> MeetingCounts {
        let measure = |[n, d]: [u16; 2]| Measure::new(n.into(), d.into());
        for ((m, &p), &j) in self.passed.iter_mut().zip(&more.passed).zip(&more.judged) {
            *m = m.plus(Measure::new(p.into(), j.into()));
        }
        self.turnout = self.turnout.plus(measure(more.turnout));
        self.regular_turnout = self.regular_turnout.plus(measure(more.regular_turnout));
        self
    }
}

/// [`MeetingCounts`] of a year's meetings kept in the dataset (số liệu buổi sinh hoạt theo
/// năm; [`super::CellYears`]): each count narrowed to the width a year's meetings need.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct PackedCounts {
    /// Meetings passing, test by test in [`MeetingTest::ALL`] order.
    passed: [u8; MeetingTest::ALL.len()],
    /// Meetings judged, likewise.
    judged: [u8; MeetingTest::ALL.len()],
    /// Present and expected, as [`MeetingCounts::turnout`].
    turnout: [u16; 2],
    /// Present and expected, as [`MeetingCounts::regular_turnout`].
    regular_turnout: [u16; 2],
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`MeetingCounts::passed`] finds a test's count at its discriminant, and `ALL` holds
    /// every test.
    #[test]
    fn tests_are_kept_in_declaration_order() {
        for (at, test) in MeetingTest::ALL.iter().enumerate() {
            assert_eq!(*test as usize, at);
            // A new test fails to compile here until it is added to `ALL` and counted.
            match test {
                MeetingTest::RegularStandard
                | MeetingTest::ThematicStandard
                | MeetingTest::Attendance
                | MeetingTest::SelfAssessment
                | MeetingTest::Programme
                | MeetingTest::Directives
                | MeetingTest::Review => {}
            }
        }
    }

    /// One pass counts what walking the meetings test by test finds, as the evidence does,
    /// for every cell of a generated district, whatever the attendance bars: the pass reads
    /// whether each meeting meets the standard but for the bar from the dataset, the walk
    /// works it out.
    #[cfg(feature = "synth")]
    #[test]
    fn one_pass_counts_what_each_test_finds() -> Result<(), Box<dyn std::error::Error>> {
        use crate::target::{Comparison, Provenance, RateBar, Threshold, ThresholdUnit};
        let config = crate::synth::SynthConfig::district().with_cells(60);
        let data = crate::Dataset::build(&config.generate())?;
        let bar = |comparison, percent| {
            let t = Threshold::new(
                comparison,
                percent,
                ThresholdUnit::Percent,
                Provenance::Local,
            );
            Some(RateBar::new(t))
        };
        let shareds = [
            Shared::new(&crate::CriteriaSet::de_an_16()),
            Shared {
                standard_bar: None,
                attendance_bar: None,
            },
            Shared {
                standard_bar: bar(Comparison::AtLeast, 100),
                attendance_bar: bar(Comparison::MoreThan, 0),
            },
        ];
        let mut short = [0u64; MeetingTest::ALL.len()];
        // Meetings meeting the standard under each setting.
        let mut standard = [0u64; 3];
        for (shared, standard) in shareds.iter().zip(&mut standard) {
            for org in data.orgs.iter().filter(|o| o.level.is_cell()) {
                let meetings = data.meetings_of(org);
                let counts = MeetingCounts::of(shared, meetings);
                *standard += counts.passed(MeetingTest::RegularStandard).numerator;
                for (test, short) in MeetingTest::ALL.iter().zip(&mut short) {
                    let judged = meetings.iter().filter(|m| test.judges(m));
                    let passed = judged.clone().filter(|m| test.gaps(shared, m).is_empty());
                    let walked = Measure::new(passed.count() as u64, judged.count() as u64);
                    assert_eq!(counts.passed(*test), walked, "{test:?} at {}", org.id);
                    *short += walked.denominator - walked.numerator;
                }
                let turnout = |keep: fn(&Meeting) -> bool| {
                    meetings
                        .iter()
                        .filter(|m| keep(m))
                        .map(|m| Measure::new(m.turnout.present.into(), m.turnout.expected.into()))
                        .sum::<Measure>()
                };
                assert_eq!(counts.turnout, turnout(participation::judges));
                assert_eq!(counts.regular_turnout, turnout(low_attendance::judges));
            }
        }
        // The bars decide for some meetings: default, none, everyone present.
        assert!(
            standard[1] > standard[0] && standard[0] > standard[2],
            "{standard:?}"
        );
        // The district has meetings failing every test, so none is counted vacuously.
        assert!(short.iter().all(|&n| n > 0), "{short:?}");
        Ok(())
    }
}
