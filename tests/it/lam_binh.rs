//! The Lâm Bình example dataset (`examples/lam_binh/dataset.rs`): it builds without a problem
//! and, evaluated at the district, reproduces every figure of the 29/11/2022 review of Đề án 16.
//!
//! Expected counts are spelled out here from the dataset's construction rules (its doc comment
//! and tables), not read back from the evaluation.

#[path = "../../examples/lam_binh/dataset.rs"]
mod dataset;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use chibo::{
    Account, CriteriaSet, Criterion, Dataset, Detail, Evaluation, Finding, Measure, MemberIssue,
    Month, Records, Verdict, evaluate,
};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// The records and their evaluation at the district over the period, built once.
fn fixture() -> &'static (Records, Evaluation<'static>) {
    static FIXTURE: OnceLock<(Records, Evaluation<'static>)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let records = dataset::records();
        // The evaluation borrows its dataset, which lives as long as the tests.
        let data: &'static Dataset = Box::leak(Box::new(
            Dataset::build(&records).unwrap_or_else(|e| panic!("{e}")),
        ));
        let evaluation = evaluate(
            data,
            &CriteriaSet::de_an_16(),
            dataset::period(),
            Some(dataset::DISTRICT),
        )
        .unwrap();
        (records, evaluation)
    })
}

fn records() -> &'static Records {
    &fixture().0
}

fn evaluation() -> &'static Evaluation<'static> {
    &fixture().1
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The district's findings for `criterion`, one per span, in order.
fn district(criterion: Criterion) -> Vec<Finding<'static>> {
    evaluation()
        .findings_for(criterion, dataset::DISTRICT)
        .collect()
}

/// The district's single finding for a criterion measured over the whole period.
#[track_caller]
fn over_period(criterion: Criterion) -> Finding<'static> {
    let found = district(criterion);
    assert_eq!(found.len(), 1, "{criterion}: one finding over the period");
    let f = found[0];
    assert_eq!(f.period, dataset::period());
    f
}

/// The district's finding for `criterion` in `year`.
#[track_caller]
fn in_year(criterion: Criterion, year: i32) -> Finding<'static> {
    let found: Vec<_> = district(criterion)
        .into_iter()
        .filter(|f| f.period.start().year() == year)
        .collect();
    assert_eq!(found.len(), 1, "{criterion}: one finding for {year}");
    found[0]
}

/// Asserts the measure and its rate rounded to a whole percent.
#[track_caller]
fn assert_measure(f: Finding, numerator: u64, denominator: u64, percent: i64) {
    assert_eq!(
        f.measure,
        Measure::new(numerator, denominator),
        "{} over {}",
        f.criterion,
        f.period
    );
    assert_eq!(
        f.measure.percent(0),
        Some(Decimal::from(percent)),
        "{} over {}",
        f.criterion,
        f.period
    );
}

/// The ids of the units a finding names, sorted.
fn named(f: Finding) -> Vec<String> {
    let mut ids: Vec<String> = f.shortfalls.iter().map(|s| s.unit.to_string()).collect();
    ids.sort();
    ids
}

fn sorted(ids: &[&str]) -> Vec<String> {
    let mut ids: Vec<String> = ids.iter().map(|s| (*s).to_owned()).collect();
    ids.sort();
    ids
}

/// The member at `slot` of `cell`'s list on 01/01/2020 (members are numbered cell by cell).
fn founder(cell: &str, slot: usize) -> String {
    records()
        .members
        .iter()
        .filter(|m| m.admitted_on < d(2020, 1, 1) && m.postings[0].cell == cell)
        .nth(slot)
        .map(|m| m.id.clone())
        .unwrap()
}

#[test]
fn builds_without_problems() {
    let data = Dataset::build(records()).unwrap_or_else(|e| panic!("{e}"));
    let counts = data.counts();
    // The district, 12 party committees and 150 cells (137 under them, 13 chi bộ cơ sở).
    assert_eq!(counts.organisations, 1 + 12 + 150);
    assert_eq!(counts.cells, 150);
    // 2,815 on 01/01/2020 and 179 admitted.
    assert_eq!(counts.members, 2_815 + 179);
    // 33 regular and 11 thematic meetings in each cell.
    assert_eq!(counts.meetings, 150 * (33 + 11));
    assert_eq!(counts.admissions, 179);
}

#[test]
fn district_as_the_doc_comment_states() {
    let r = records();
    let start = d(2020, 1, 1);
    let founders: Vec<_> = r.members.iter().filter(|m| m.admitted_on < start).collect();
    assert_eq!(founders.len(), 2_815, "members at the 2020 congress");
    for m in &founders {
        assert!(m.postings[0].from <= start, "{} posted on 01/01/2020", m.id);
    }
    let probationary = founders
        .iter()
        .filter(|m| m.official_on.is_some_and(|o| o > start))
        .count();
    assert_eq!(probationary, 50);

    // Cells of 8 to 30 members on 01/01/2020.
    let cells: Vec<_> = r
        .organisations
        .iter()
        .filter(|o| o.level.is_cell())
        .collect();
    assert_eq!(cells.len(), 150);
    for c in &cells {
        let n = founders
            .iter()
            .filter(|m| m.postings[0].cell == c.id)
            .count();
        assert!((8..=30).contains(&n), "{} has {n} members", c.id);
    }
    let villages = cells
        .iter()
        .filter(|c| c.kind == Some(chibo::CellKind::Village))
        .count();
    assert_eq!(villages, 88);

    // Exemptions: 71 before 2020, 23 from 01/01/2021.
    let exempted_from = |day: NaiveDate| {
        r.members
            .iter()
            .filter(|m| m.leaves.iter().any(|l| l.from == day))
            .count()
    };
    let before = r
        .members
        .iter()
        .filter(|m| m.leaves.iter().any(|l| l.from < start))
        .count();
    assert_eq!(before, 71);
    assert_eq!(exempted_from(d(2021, 1, 1)), 23);

    // Exits: 10 deaths and 12 transfers out; 6 moves inside the district.
    let exits = |reason| {
        r.members
            .iter()
            .filter(|m| m.exit.as_ref().is_some_and(|e| e.reason == reason))
            .count()
    };
    assert_eq!(exits(chibo::ExitReason::Died), 10);
    assert_eq!(exits(chibo::ExitReason::TransferredOut), 12);
    assert_eq!(
        r.members.iter().filter(|m| m.postings.len() == 2).count(),
        6
    );

    // Admissions: 68 + 63 + 48, by 119 cells; 63 still probationary at the end.
    let admitted = |year| {
        r.admissions
            .iter()
            .filter(|a| a.date.year() == year)
            .count()
    };
    assert_eq!(
        [admitted(2020), admitted(2021), admitted(2022)],
        [68, 63, 48]
    );
    let admitting: BTreeSet<_> = r.admissions.iter().map(|a| &a.cell).collect();
    assert_eq!(admitting.len(), 119);
    assert_eq!(
        r.members.iter().filter(|m| m.official_on.is_none()).count(),
        63
    );
}

/// Shortfalls are worked out when read: each finding names as many as it counts, each a unit
/// below it (the cells of an organisation, or itself), and a district's are its cells'.
#[test]
fn shortfalls_read_lazily_name_the_units_below() {
    let ev = evaluation();
    let data = ev.dataset();
    let mut named = 0;
    for f in ev.findings() {
        let below: Vec<String> = data
            .organisation(&f.unit.id)
            .map(|o| o.cells().map(|c| c.id().to_owned()).collect())
            .unwrap_or_default();
        let shortfalls = f.shortfalls.to_vec();
        assert_eq!(
            shortfalls.len(),
            f.shortfalls.len(),
            "{} {}",
            f.criterion,
            f.unit.id
        );
        for s in &shortfalls {
            assert!(
                *s.unit == *f.unit.id || below.iter().any(|c| *c == *s.unit),
                "{} at {} names {}",
                f.criterion,
                f.unit.id,
                s.unit
            );
        }
        named += shortfalls.len();
    }
    assert!(named > 0);
    let i03 = over_period(Criterion::RegularMeetingsCorrect);
    let cells: Vec<_> = ev
        .findings()
        .filter(|f| f.criterion == Criterion::RegularMeetingsCorrect && f.unit.level.is_cell())
        .flat_map(|f| f.shortfalls.to_vec())
        .collect();
    assert_eq!(i03.shortfalls, cells);
}

#[test]
fn accounting_uses_every_record() {
    let a = evaluation().accounting();
    let all_used = |account: Account, given: u64| {
        assert_eq!(
            account,
            Account {
                given,
                used: given,
                ..Account::default()
            }
        );
    };
    all_used(a.organisations, 163);
    all_used(a.members, 2_994);
    all_used(a.meetings, 6_600);
    // 2020 and 2021: 150 cells and 12 committees, and every member on a list on 31 December.
    all_used(a.ratings, 2 * (150 + 12) + (2_808 + 68) + (2_843 + 87));
    all_used(a.admissions, 179);
    all_used(a.tallies, 0);
}

#[test]
fn i01_i02_every_cell_meets_every_month_and_quarter() {
    for criterion in [
        Criterion::MonthlyRegularMeeting,
        Criterion::QuarterlyThematicMeeting,
    ] {
        assert_eq!(
            district(criterion).len(),
            3,
            "{criterion}: 2020, 2021, 2022"
        );
        for year in [2020, 2021, 2022] {
            let f = in_year(criterion, year);
            assert_eq!(f.verdict, Verdict::Strength);
            assert_measure(f, 150, 150, 100);
            assert!(f.shortfalls.is_empty());
        }
    }
}

#[test]
fn i03_regular_meetings_correct_97_percent() {
    let f = over_period(Criterion::RegularMeetingsCorrect);
    assert_measure(f, 146, 150, 97);
    assert_eq!(
        f.verdict,
        Verdict::Shortcoming,
        "the default target is 100%"
    );
    assert_eq!(
        named(f),
        sorted(&[
            "cb-binh-an-05",
            "cb-hong-quang-04",
            "cb-tho-binh-09",
            "cb-xuan-lap-07"
        ])
    );
}

#[test]
fn i04_thematic_meetings_correct_89_percent_or_more() {
    let f = over_period(Criterion::ThematicMeetingsCorrect);
    assert_measure(f, 134, 150, 89);
    assert!(f.measure.numerator * 100 >= 89 * f.measure.denominator);
    assert_eq!(
        named(f),
        sorted(&[
            "cb-lang-can-11",
            "cb-thuong-lam-03",
            "cb-thuong-lam-09",
            "cb-khuon-ha-02",
            "cb-khuon-ha-08",
            "cb-phuc-yen-06",
            "cb-xuan-lap-07",
            "cb-xuan-lap-10",
            "cb-binh-an-03",
            "cb-hong-quang-04",
            "cb-hong-quang-10",
            "cb-tho-binh-05",
            "cb-tho-binh-12",
            "cb-lang-can-truong-hoc",
            "cb-ccq-dan-toc",
            "cb-ddt-hoi-doan-the",
        ])
    );
}

#[test]
fn i05_every_meeting_reaches_90_percent() {
    let f = over_period(Criterion::AttendanceEachMeeting);
    assert_eq!(f.verdict, Verdict::Strength);
    assert_measure(f, 6_600, 6_600, 100);
}

#[test]
fn i06_participation_93_percent_or_more() {
    let f = over_period(Criterion::Participation);
    assert_eq!(f.verdict, Verdict::Strength);
    assert_measure(f, 117_655, 124_070, 95);
    assert_eq!(f.measure.percent(2), Some(Decimal::new(9483, 2)));
    assert!(f.measure.numerator * 100 >= 93 * f.measure.denominator);
}

#[test]
fn i07_every_regular_meeting_self_assessed() {
    let f = over_period(Criterion::SelfAssessment);
    assert_eq!(f.verdict, Verdict::Strength);
    assert_measure(f, 150, 150, 100);
}

#[test]
fn i08_179_members_admitted() {
    let f = over_period(Criterion::Admissions);
    assert_eq!(f.verdict, Verdict::Recorded);
    assert_eq!(f.total, Some(179));
    // Cells that admitted at least one member.
    assert_measure(f, 119, 150, 79);
}

#[test]
fn i09_cells_rated_good_over_90_percent() {
    assert_eq!(
        district(Criterion::CellsRatedGood).len(),
        2,
        "2020 and 2021"
    );
    let f = in_year(Criterion::CellsRatedGood, 2020);
    assert_eq!(f.verdict, Verdict::Strength);
    assert_measure(f, 140, 150, 93);
    let f = in_year(Criterion::CellsRatedGood, 2021);
    assert_eq!(f.verdict, Verdict::Strength);
    assert_measure(f, 142, 150, 95);
}

#[test]
fn i10_members_rated_good_over_85_percent() {
    assert_eq!(
        district(Criterion::MembersRatedGood).len(),
        2,
        "2020 and 2021"
    );
    let f = in_year(Criterion::MembersRatedGood, 2020);
    assert_eq!(f.verdict, Verdict::Strength);
    assert_measure(f, 2_520, 2_808, 90);
    let f = in_year(Criterion::MembersRatedGood, 2021);
    assert_eq!(f.verdict, Verdict::Strength);
    assert_measure(f, 2_559, 2_843, 90);
}

/// Asserts a shortcoming at the district naming exactly `cells`.
#[track_caller]
fn assert_shortcoming(criterion: Criterion, cells: &[&str]) {
    let f = over_period(criterion);
    assert_eq!(f.verdict, Verdict::Shortcoming, "{criterion}");
    let n = u64::try_from(cells.len()).unwrap();
    assert_eq!(f.measure, Measure::new(150 - n, 150), "{criterion}");
    assert_eq!(named(f), sorted(cells), "{criterion}");
}

#[test]
fn s01_content_below_programme() {
    assert_shortcoming(
        Criterion::ContentBelowRequirements,
        &[
            "cb-thuong-lam-09",
            "cb-khuon-ha-08",
            "cb-phuc-yen-02",
            "cb-binh-an-03",
            "cb-hong-quang-10",
            "cb-tho-binh-12",
        ],
    );
}

#[test]
fn s02_low_attendance_while_every_meeting_reaches_90_percent() {
    let cells = [
        "cb-lang-can-12",
        "cb-khuon-ha-10",
        "cb-phuc-yen-08",
        "cb-xuan-lap-03",
        "cb-hong-quang-11",
    ];
    assert_shortcoming(Criterion::LowAttendance, &cells);
    // One absent from every regular meeting of 10–12 due: 90–91.7%, below the 92% bar.
    for s in over_period(Criterion::LowAttendance).shortfalls {
        let Detail::Participation(m) = s.detail else {
            panic!("{}: {:?}", s.unit, s.detail)
        };
        assert_eq!(m.failing(), 33, "{}: one absence a month", s.unit);
        assert!(m.numerator * 100 >= 90 * m.denominator, "{}", s.unit);
        assert!(m.numerator * 100 < 92 * m.denominator, "{}", s.unit);
    }
}

#[test]
fn s03_directives_not_adapted() {
    assert_shortcoming(
        Criterion::DirectivesNotAdapted,
        &[
            "cb-lang-can-co-quan",
            "cb-khuon-ha-co-quan",
            "cb-binh-an-co-quan",
            "cb-tho-binh-co-quan",
            "cb-ccq-nong-nghiep",
        ],
    );
}

#[test]
fn s04_review_not_linked_every_quarter() {
    assert_shortcoming(
        Criterion::ReviewNotLinked,
        &[
            "cb-lang-can-05",
            "cb-thuong-lam-06",
            "cb-phuc-yen-04",
            "cb-xuan-lap-09",
            "cb-hong-quang-07",
            "cb-tho-binh-02",
            "cb-ca-cong-an-xa",
        ],
    );
}

#[test]
fn s05_generic_review() {
    assert_shortcoming(
        Criterion::GenericReview,
        &[
            "cb-lang-can-08",
            "cb-khuon-ha-04",
            "cb-xuan-lap-07",
            "cb-binh-an-05",
            "cb-hong-quang-02",
            "cb-tho-binh-09",
        ],
    );
}

#[test]
fn r02_names_the_two_members_absent_three_months_without_reason() {
    let month = |y, m| Month::new(y, m).unwrap();
    let cases = [
        (
            2020,
            "cb-binh-an-05",
            founder("cb-binh-an-05", 2),
            vec![month(2020, 4), month(2020, 8), month(2020, 11)],
        ),
        (
            2021,
            "cb-tho-binh-09",
            founder("cb-tho-binh-09", 1),
            vec![month(2021, 3), month(2021, 6), month(2021, 10)],
        ),
    ];
    for (year, cell, member, months) in cases {
        let f = in_year(Criterion::AbsenceTrigger, year);
        assert_eq!(f.verdict, Verdict::Shortcoming);
        assert_eq!(f.measure.failing(), 1);
        assert_eq!(f.shortfalls.len(), 1);
        let s = &f.shortfalls.first().unwrap();
        assert_eq!(&*s.unit, cell);
        let Detail::Members(gaps) = &s.detail else {
            panic!("{:?}", s.detail)
        };
        assert_eq!(gaps.len(), 1);
        assert_eq!(gaps[0].member, member);
        assert_eq!(gaps[0].issue, MemberIssue::UnexcusedMonths(months));
    }
    let f = in_year(Criterion::AbsenceTrigger, 2022);
    assert_eq!(f.verdict, Verdict::Strength);
}

#[test]
fn national_rules_hold_elsewhere() {
    // HD 21 cap within every grassroots organisation, every member due has a rating, every
    // cell keeps three official members.
    for year in [2020, 2021] {
        let f = in_year(Criterion::ExcellentCap, year);
        assert_eq!(f.verdict, Verdict::Strength);
        assert_measure(f, 25, 25, 100);
        let f = in_year(Criterion::RatingCoverage, year);
        assert_eq!(f.verdict, Verdict::Strength);
        assert_eq!(f.measure.failing(), 0);
    }
    let f = over_period(Criterion::MinimumCellSize);
    assert_measure(f, 150, 150, 100);
    // R01 fails exactly the eight regular meetings behind I03: the six with an unexcused
    // absence (two members × three months), the short one and the one without a draft.
    let f = over_period(Criterion::MeetingStandard);
    assert_eq!(f.measure, Measure::new(4_950 - 8, 4_950));
}

/// The rendered review, whole: any change to wording, figures or layout shows up here.
#[test]
fn the_review_report_is_stable() {
    let options = chibo::report::ReportOptions {
        decimals: 0,
        appendix_limit: Some(5),
        ..Default::default()
    };
    let report = chibo::report::render_markdown(&fixture().1, &options);
    // The article's figures, as printed.
    for figure in [
        "thường kỳ đạt 97% (146/150 chi bộ)",
        "chuyên đề đạt 89% (134/150 chi bộ)",
        "kết nạp được 179 đảng viên",
        "đạt trên 90%",
        "đạt trên 85%",
    ] {
        assert!(report.contains(figure), "report lacks {figure:?}");
    }
    insta::assert_snapshot!("lam_binh_report", report);
}

/// The whole evaluation equals its criteria evaluated one at a time and joined in registry
/// order: no criterion's findings depend on which others are enabled.
#[test]
fn the_evaluation_is_its_criteria_joined_in_order() {
    let data = Dataset::build(records()).unwrap();
    let whole = &fixture().1;
    let mut joined = Vec::new();
    for c in Criterion::ALL {
        let mut one = CriteriaSet::de_an_16();
        for other in Criterion::ALL.iter().filter(|o| *o != c) {
            one.disable(*other);
        }
        let ev = evaluate(&data, &one, dataset::period(), Some(dataset::DISTRICT)).unwrap();
        assert_eq!(ev.accounting(), whole.accounting());
        joined.extend(ev.findings().map(|f| format!("{f:?}")));
    }
    let whole: Vec<String> = whole.findings().map(|f| format!("{f:?}")).collect();
    assert_eq!(joined, whole);
}
