//! The hand-made folder `bench/compare/edge/` (written by `make_edge.py`): what the synthetic
//! data lacks (a cell founded in March, one dissolved in August, one that never meets, meetings
//! with totals only, a temporary posting, a transfer between provinces, an exit, a death, an
//! exemption, a suspension), with answers worked out by hand from the script's records for
//! 2021. The comparison with SQL checks that the crate and DuckDB agree; this checks both
//! against the hand.

use std::path::Path;
use std::sync::OnceLock;

use chibo::csv::read_folder;
use chibo::{CriteriaSet, Criterion, Dataset, Evaluation, Period, evaluate};
use chrono::NaiveDate;

/// Each criterion's measure per unit for 2021 as `(numerator, denominator)`; `None` where the
/// unit is not judged at all (a measure of 0 of 0).
fn measures(criterion: Criterion, units: &[&str]) -> Vec<Option<(u64, u64)>> {
    // Read, built and evaluated once for all the tests.
    static DATA: OnceLock<Dataset> = OnceLock::new();
    static EVALUATION: OnceLock<Evaluation<'static>> = OnceLock::new();
    let evaluation = EVALUATION.get_or_init(|| {
        let data = DATA.get_or_init(|| {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/compare/edge");
            let records = read_folder(dir).unwrap_or_else(|e| panic!("{e}"));
            Dataset::build(&records).unwrap()
        });
        let year = Period::new(
            NaiveDate::from_ymd_opt(2021, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2021, 12, 31).unwrap(),
        )
        .unwrap();
        evaluate(data, &CriteriaSet::de_an_16(), year, None).unwrap()
    });
    units
        .iter()
        .map(|unit| {
            let found: Vec<_> = evaluation.findings_for(criterion, unit).collect();
            assert_eq!(
                found.len(),
                1,
                "{criterion:?} {unit}: one finding for the year"
            );
            let m = found[0].measure;
            (m.denominator > 0).then_some((m.numerator, m.denominator))
        })
        .collect()
}

const CELLS: [&str; 5] = ["c1", "c2", "c3", "g1", "g2"];

/// I01: c1, founded 15 March, owes April to December and missed July; c2, dissolved 31 August,
/// owes January to August and held them all; c3 never meets; g1 holds every month (September
/// combined, January to March with totals only), g2 every month.
#[test]
fn monthly_meetings_owed_within_each_cells_life() {
    assert_eq!(
        measures(Criterion::MonthlyRegularMeeting, &CELLS),
        [
            Some((0, 1)),
            Some((1, 1)),
            Some((0, 1)),
            Some((1, 1)),
            Some((1, 1))
        ]
    );
}

/// I02: c1 owes the second to fourth quarters (the combined meeting pays the third); c2 the
/// first two; g1 all four; g2 missed the fourth.
#[test]
fn quarterly_meetings_owed_within_each_cells_life() {
    assert_eq!(
        measures(Criterion::QuarterlyThematicMeeting, &CELLS),
        [
            Some((1, 1)),
            Some((1, 1)),
            Some((0, 1)),
            Some((1, 1)),
            Some((0, 1))
        ]
    );
}

/// R02: m4 (g1; left on 1 July) missed April, May and June without reason, m7 (g1) April, June
/// and the combined September meeting: both reach three months. m3 (g1) missed May at c1,
/// where they met temporarily, and July at g1: two; their absences at a thematic and an "other"
/// meeting do not count. m9 missed April and May at g1 and August at g2, where his last posting
/// of the year is: three, counted at g2. m6 (g2) missed January and February. c1 answers for m1
/// (moved from c2 in September) and m2, neither absent without reason; c2 for nobody; c3 for
/// m10 but held no meeting, so is not judged. Province p1: 4 of 6.
#[test]
fn absence_trigger_counts_months_at_any_cell_where_the_member_ends_the_year() {
    assert_eq!(
        measures(
            Criterion::AbsenceTrigger,
            &["c1", "c2", "c3", "g1", "g2", "p1"]
        ),
        [
            Some((2, 2)),
            None,
            None,
            Some((2, 4)),
            Some((2, 3)),
            Some((4, 6))
        ]
    );
}

/// I09: cells alive on 31 December with a level: c1 good, g1 completed, g2 excellent; c2 was
/// dissolved, c3 has no rating.
#[test]
fn cells_rated_alive_on_the_last_day() {
    assert_eq!(
        measures(Criterion::CellsRatedGood, &CELLS),
        [Some((1, 1)), None, None, Some((0, 1)), Some((1, 1))]
    );
}

/// I10: members with a level at the cell of their last regular posting in the year: c1 m1 good,
/// m2 completed; g1 m3 excellent, m7 not completed, m11 good (m4, gone in July, has no rating;
/// m8 died on 1 January 2021 and belongs to no cell that year); c3 m10 good; g2 m6 and m9 good
/// (m5, exempted, recorded as not rated, is left out).
#[test]
fn members_rated_at_their_last_cell_of_the_year() {
    assert_eq!(
        measures(Criterion::MembersRatedGood, &CELLS),
        [Some((1, 2)), None, Some((1, 1)), Some((2, 3)), Some((2, 2))]
    );
}

/// I05 (bar: 90% present of expected, over regular, thematic and combined meetings; g1's
/// "other" meeting of 20 October and g2's of 10 March are left out): c1's eleven meetings
/// (eight regular from 20 March, the combined one, two thematic) all full but May's, where m3
/// came to meet temporarily and was absent without reason (1 of 2); c2's ten, with m1 alone,
/// all but February's (absent with a reason, 0 of 1); c3 none. g1's sixteen: January to March
/// and the March thematic meeting full (5 of 5, totals only), April 2 of 5, May 2 of 4 and its
/// thematic meeting 2 of 4 (m3 at c1), June 3 of 5, July 2 of 3 (m4 gone, m9 at g2), August
/// full, its thematic meeting 2 of 3, September 2 of 3, October and November full (m11
/// suspended, not expected), December full, its thematic meeting 2 of 3: 8 pass. g2's fifteen:
/// January 1 of 2 (the exempted m5 came and counts as expected and present), February 0 of 1,
/// the January and June thematic meetings 0 of 1, August 1 of 2; the other ten full. Province
/// p1: c1, c2, c3 and g1.
#[test]
fn attendance_each_meeting_counts_who_was_expected_that_day() {
    assert_eq!(
        measures(
            Criterion::AttendanceEachMeeting,
            &["c1", "c2", "c3", "g1", "g2", "p1"]
        ),
        [
            Some((10, 11)),
            Some((9, 10)),
            None,
            Some((8, 16)),
            Some((10, 15)),
            Some((27, 37))
        ]
    );
}

/// I06, present of expected over the same meetings: c1 16 of 17; c2 9 of 10; c3 none; g1 47 of
/// 60 (5 + 5 + 5 + 5 + 2 + 2 + 2 + 3 + 2 + 3 + 2 + 2 + 2 + 2 + 3 + 2 of 5 + 5 + 5 + 5 + 5 + 4 +
/// 4 + 5 + 3 + 3 + 3 + 3 + 2 + 2 + 3 + 3); g2 18 of 23; province p1 72 of 87.
#[test]
fn participation_sums_attendance_over_the_year() {
    assert_eq!(
        measures(
            Criterion::Participation,
            &["c1", "c2", "c3", "g1", "g2", "p1"]
        ),
        [
            Some((16, 17)),
            Some((9, 10)),
            None,
            Some((47, 60)),
            Some((18, 23)),
            Some((72, 87))
        ]
    );
}
