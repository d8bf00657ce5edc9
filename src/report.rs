//! The Vietnamese review report (báo cáo sơ kết): findings rendered as Markdown, structured the
//! way a district review is written, with Vietnamese number formatting.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::criteria::{Criterion, Judged, Span};
use crate::dataset::Dataset;
use crate::evaluation::Evaluation;
use crate::finding::{Detail, Finding, Gap, Measure, MemberIssue, Verdict};
use crate::model::RatingResult;
use crate::target::{Comparison, Target, Threshold, ThresholdUnit};

/// How to render a report.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReportOptions {
    /// Decimals of percentages (0 prints "97%", 2 prints "93,76%"); trailing zeros dropped.
    pub decimals: u32,
    /// Print members' names beside their ids (off by default: reports name ids only).
    pub member_names: bool,
    /// Units listed per criterion in the appendix; `None` lists all.
    pub appendix_limit: Option<usize>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            decimals: 2,
            member_names: false,
            appendix_limit: None,
        }
    }
}

/// Formats a count with the Vietnamese thousands separator: `2815` → `"2.815"`.
pub fn format_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len().saturating_add(digits.len() / 3));
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len().saturating_sub(i)) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Formats a decimal with a decimal comma, dropping trailing zeros: `93.50` → `"93,5"`.
pub fn format_decimal(d: Decimal) -> String {
    d.normalize().to_string().replace('.', ",")
}

/// Formats a measure as a percentage rounded half away from zero to `decimals` places, with a
/// decimal comma: `"93,76%"`, `"100%"`, `"0%"`; `"—"` when nothing was judged.
///
/// It never prints 100% unless every unit passed, nor 0% unless none did: where rounding
/// would, it adds decimals until the figure differs (`"99,97%"` at 0 decimals for 2,882/2,883).
///
/// ```
/// use chibo::{Measure, report::format_percent};
///
/// assert_eq!(format_percent(Measure::new(217, 224), 0), "97%");
/// assert_eq!(format_percent(Measure::new(1, 8), 1), "12,5%");
/// assert_eq!(format_percent(Measure::new(2882, 2883), 0), "99,97%");
/// assert_eq!(format_percent(Measure::new(0, 0), 2), "—");
/// ```
pub fn format_percent(measure: Measure, decimals: u32) -> String {
    let all = measure.numerator == measure.denominator;
    let none = measure.numerator == 0;
    let honest = |p: &Decimal| (*p != Decimal::ONE_HUNDRED || all) && (!p.is_zero() || none);
    (decimals..=decimals.saturating_add(8))
        .filter_map(|d| measure.percent(d))
        .find(honest)
        .or_else(|| measure.percent(decimals))
        .map_or_else(|| "—".to_owned(), |p| format!("{}%", format_decimal(p)))
}

/// Formats a measure like [`format_percent`], adding decimals where rounding would put the
/// figure on the other side of `bound` than the exact value: 747/812 (91,995…%) against
/// "từ 92% trở lên" prints "91,995%", not "92%".
///
/// ```
/// use chibo::{Comparison, Measure, report::format_percent_against};
/// use rust_decimal::Decimal;
///
/// let bar = (Comparison::AtLeast, Decimal::from(92));
/// assert_eq!(format_percent_against(Measure::new(747, 812), 2, Some(bar)), "91,995%");
/// assert_eq!(format_percent_against(Measure::new(750, 812), 0, Some(bar)), "92%");
/// ```
pub fn format_percent_against(
    measure: Measure,
    decimals: u32,
    bound: Option<(Comparison, Decimal)>,
) -> String {
    let Some((comparison, percent)) = bound else {
        return format_percent(measure, decimals);
    };
    let Some(exact) = crate::target::compare(measure, percent).map(|o| comparison.holds(o)) else {
        return format_percent(measure, decimals);
    };
    let faithful = |d: u32| {
        measure
            .percent(d)
            .is_some_and(|p| comparison.holds(p.cmp(&percent)) == exact)
    };
    let d = (decimals..=decimals.saturating_add(8))
        .find(|&d| faithful(d))
        .unwrap_or(decimals);
    format_percent(measure, d)
}

/// A target in report words: "trên 90%", "từ 90% trở lên", "100%", "không quá 20%".
pub fn target_words(target: &Target) -> String {
    let p = format!("{}%", format_decimal(target.percent()));
    if target.comparison() == Comparison::AtLeast && target.percent() == Decimal::ONE_HUNDRED {
        return p;
    }
    comparison_words(target.comparison(), &p)
}

/// A per-unit bar in report words: "từ 90% trở lên", "dưới 3 tháng".
pub fn threshold_words(threshold: &Threshold) -> String {
    let v = format_decimal(threshold.value);
    let value = match threshold.unit {
        ThresholdUnit::Percent => format!("{v}%"),
        ThresholdUnit::Months => format!("{v} tháng"),
        ThresholdUnit::Members => format!("{v} đảng viên"),
    };
    comparison_words(threshold.comparison, &value)
}

fn comparison_words(c: Comparison, value: &str) -> String {
    match c {
        Comparison::AtLeast => format!("từ {value} trở lên"),
        Comparison::MoreThan => format!("trên {value}"),
        Comparison::AtMost => format!("không quá {value}"),
        Comparison::LessThan => format!("dưới {value}"),
    }
}

/// Renders `evaluation` as a Vietnamese review in Markdown: "Kết quả đạt được", "Hạn chế", a
/// table per criterion, and an appendix naming the units behind each shortcoming.
///
/// The report is about the evaluation's scope (or, for a whole-dataset evaluation, the first
/// top-level organisation); every figure comes from the findings.
pub fn render_markdown(evaluation: &Evaluation<'_>, options: &ReportOptions) -> String {
    let dataset = evaluation.dataset();
    let scope_id = evaluation
        .scope()
        .or_else(|| evaluation.units().first().map(|u| &*u.id))
        .unwrap_or_default()
        .to_owned();
    let scope_name = dataset
        .organisation(&scope_id)
        .map_or_else(|| scope_id.clone(), |o| o.name().to_owned());
    let top: Vec<Finding<'_>> = evaluation.findings_of(&scope_id).collect();
    let r = Renderer { dataset, options };
    let mut out = String::new();
    let _ = writeln!(out, "# Báo cáo sơ kết thực hiện Đề án 16 — {scope_name}\n");
    let _ = writeln!(out, "Kỳ đánh giá: {}.\n", evaluation.period());

    let _ = writeln!(out, "## I. Kết quả đạt được\n");
    for c in Criterion::ALL {
        let fs: Vec<&Finding> = top.iter().filter(|f| f.criterion == *c).collect();
        if let Some(line) = r.achievement(*c, &fs) {
            let _ = writeln!(out, "- {line}");
        }
    }

    let _ = writeln!(out, "\n## II. Hạn chế\n");
    let mut any = false;
    for f in top.iter().filter(|f| f.verdict == Verdict::Shortcoming) {
        any = true;
        let _ = writeln!(out, "- {}", r.shortcoming(f));
    }
    if !any {
        let _ = writeln!(out, "Các tiêu chí đã đánh giá đều đạt chỉ tiêu.");
    }

    let _ = writeln!(out, "\n## III. Bảng kết quả theo tiêu chí\n");
    let _ = writeln!(
        out,
        "| Mã | Tiêu chí | Kỳ | Kết quả | Chỉ tiêu | Đánh giá |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for f in &top {
        let def = f.criterion.definition();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            def.code,
            def.title_vi,
            r.span_label(f),
            r.figure(f),
            f.target
                .as_ref()
                .map_or_else(|| "—".to_owned(), target_words),
            match (f.verdict, f.reason, f.unassessed.len()) {
                (v, Some(reason), _) => format!("{v} ({reason})"),
                (v, None, 0) => v.to_string(),
                (v, None, n) => format!(
                    "{v}; {} đơn vị không đủ dữ liệu",
                    format_count(u64::try_from(n).unwrap_or(0))
                ),
            },
        );
    }

    let _ = writeln!(out, "\n## Phụ lục: các đơn vị chưa đạt\n");
    let limit = options.appendix_limit.unwrap_or(usize::MAX);
    let name = |id: &str| {
        dataset
            .organisation(id)
            .map_or_else(|| id.to_owned(), |o| o.name().to_owned())
    };
    let more = |out: &mut String, n: usize| {
        if n > limit {
            let rest = u64::try_from(n.saturating_sub(limit)).unwrap_or(0);
            let _ = writeln!(out, "- … và {} đơn vị khác.", format_count(rest));
        }
    };
    for f in top
        .iter()
        .filter(|f| !f.shortfalls.is_empty() || !f.unassessed.is_empty())
    {
        let def = f.criterion.definition();
        let _ = writeln!(
            out,
            "### {} — {} ({})\n",
            def.code,
            def.title_vi,
            r.span_label(f)
        );
        for s in f.shortfalls.iter().take(limit) {
            let _ = writeln!(
                out,
                "- {} (`{}`): {}",
                name(&s.unit),
                s.unit,
                r.detail(&s.detail, f)
            );
        }
        more(&mut out, f.shortfalls.len());
        // Units left out of the figure, and why.
        for u in f.unassessed.iter().take(limit) {
            let _ = writeln!(
                out,
                "- {} (`{}`): không đủ dữ liệu ({})",
                name(&u.unit),
                u.unit,
                u.reason
            );
        }
        more(&mut out, f.unassessed.len());
        out.push('\n');
    }
    out
}

struct Renderer<'a> {
    dataset: &'a Dataset,
    options: &'a ReportOptions,
}

impl Renderer<'_> {
    fn pct(&self, m: Measure) -> String {
        format_percent(m, self.options.decimals)
    }

    /// A finding's own figure, never rounded across its target.
    fn pct_of(&self, f: &Finding) -> String {
        let bound = f.target.map(|t| (t.comparison(), t.percent()));
        format_percent_against(f.measure, self.options.decimals, bound)
    }

    fn figure(&self, f: &Finding) -> String {
        let noun = f.criterion.definition().judges;
        let mut s = format!(
            "{} ({}/{} {noun})",
            self.pct_of(f),
            format_count(f.measure.numerator),
            format_count(f.measure.denominator)
        );
        if let Some(t) = f.total {
            s = format!("{} đảng viên; {s}", format_count(t));
        }
        s
    }

    fn span_label(&self, f: &Finding) -> String {
        match f.criterion.definition().span {
            Span::Period => "cả kỳ".to_owned(),
            Span::Year | Span::RatingYear => {
                format!("năm {}", chrono::Datelike::year(&f.period.start()))
            }
        }
    }

    fn measure_words(c: Criterion, threshold: Option<&Threshold>) -> String {
        let bar = threshold.map(threshold_words).unwrap_or_default();
        c.definition().measure_vi.replace("{bar}", &bar)
    }

    /// One sentence of "Kết quả đạt được" for a criterion's findings at the scope.
    fn achievement(&self, c: Criterion, fs: &[&Finding]) -> Option<String> {
        let judged: Vec<&&Finding> = fs.iter().filter(|f| f.measure.denominator > 0).collect();
        let first = judged.first()?;
        let words = Self::measure_words(c, first.threshold.as_ref());
        let noun = c.definition().judges;
        if c == Criterion::Admissions {
            let total = first.total.unwrap_or(0);
            return Some(format!(
                "Trong kỳ, kết nạp được {} đảng viên; {} {words} ({}/{}).",
                format_count(total),
                self.pct(first.measure),
                format_count(first.measure.numerator),
                format_count(first.measure.denominator),
            ));
        }
        if c.definition().span == Span::Period {
            return Some(format!(
                "Tỷ lệ {words} đạt {} ({}/{} {noun}).",
                self.pct_of(first),
                format_count(first.measure.numerator),
                format_count(first.measure.denominator),
            ));
        }
        let years: Vec<String> = judged
            .iter()
            .map(|f| {
                format!(
                    "năm {}: {} ({}/{})",
                    chrono::Datelike::year(&f.period.start()),
                    self.pct_of(f),
                    format_count(f.measure.numerator),
                    format_count(f.measure.denominator),
                )
            })
            .collect();
        let all_met = judged.iter().all(|f| f.verdict == Verdict::Strength);
        let lead = match (all_met, first.target.as_ref()) {
            (true, Some(t)) => format!("Hằng năm, tỷ lệ {words} đạt {}", target_words(t)),
            _ => format!("Tỷ lệ {words} đạt"),
        };
        Some(format!("{lead} ({}).", years.join("; ")))
    }

    fn shortcoming(&self, f: &Finding) -> String {
        let def = f.criterion.definition();
        let bar = f
            .threshold
            .as_ref()
            .map(threshold_words)
            .unwrap_or_default();
        let what = def.shortfall_vi.replace("{bar}", &bar);
        let unit_word = if def.judges == Judged::Organisation {
            "tổ chức cơ sở đảng"
        } else {
            "chi bộ"
        };
        // With evidence, count the units named; from reported counts, the units that failed.
        let count = if f.shortfalls.is_empty() {
            format!("{} {}", format_count(f.measure.failing()), def.judges)
        } else {
            format!(
                "{} {unit_word}",
                format_count(u64::try_from(f.shortfalls.len()).unwrap_or(0))
            )
        };
        format!(
            "Ở một số {unit_word} ({count}{}), {what} [{}].",
            match def.span {
                Span::Period => String::new(),
                _ => format!(", {}", self.span_label(f)),
            },
            def.code
        )
    }

    fn member(&self, id: &str) -> String {
        match self
            .options
            .member_names
            .then(|| self.dataset.member(id).and_then(|m| m.name()))
            .flatten()
        {
            Some(name) => format!("{name} (`{id}`)"),
            None => format!("`{id}`"),
        }
    }

    /// What a unit missed, in words; `f` is the finding naming it, whose bar or target its own
    /// figure is read against.
    fn detail(&self, d: &Detail, f: &Finding) -> String {
        let list = |items: Vec<String>| items.join(", ");
        match d {
            Detail::MissingMonths(ms) => {
                format!(
                    "thiếu sinh hoạt thường kỳ tháng {}",
                    list(ms.iter().map(ToString::to_string).collect())
                )
            }
            Detail::MissingQuarters(qs) => {
                format!(
                    "thiếu sinh hoạt chuyên đề {}",
                    list(qs.iter().map(ToString::to_string).collect())
                )
            }
            Detail::Meetings(ms) => list(
                ms.iter()
                    .map(|m| {
                        let gaps: Vec<String> = m.gaps.iter().map(|g| gap_words(&g)).collect();
                        format!(
                            "buổi `{}` ngày {}: {}",
                            m.meeting,
                            m.date.format("%d/%m/%Y"),
                            gaps.join("; ")
                        )
                    })
                    .collect(),
            ),
            // A cell's participation is read against the per-cell bar (S02) or, without one,
            // the target (I06): never rounded onto it.
            Detail::Participation(m) => format!(
                "tỷ lệ tham gia {} ({}/{} lượt)",
                format_percent_against(
                    *m,
                    self.options.decimals,
                    f.threshold
                        .filter(|t| t.unit == ThresholdUnit::Percent)
                        .map(|t| (t.comparison, t.value))
                        .or(f.target.map(|t| (t.comparison(), t.percent())))
                ),
                format_count(m.numerator),
                format_count(m.denominator)
            ),
            Detail::Unlinked(qs) => list(
                qs.iter()
                    .map(|q| {
                        let docs: Vec<&str> = q.missing.iter().map(|r| r.label()).collect();
                        format!("{} chưa liên hệ {}", q.quarter, docs.join(", "))
                    })
                    .collect(),
            ),
            Detail::Members(ms) => list(
                ms.iter()
                    .map(|m| {
                        let issue = match &m.issue {
                            MemberIssue::RatedBelow(RatingResult::Rated(l)) => {
                                format!("xếp loại {l}")
                            }
                            MemberIssue::RatedBelow(RatingResult::NotRated(r)) => {
                                format!("không xếp loại ({r})")
                            }
                            MemberIssue::UnexcusedMonths(months) => format!(
                                "vắng không lý do các tháng {}",
                                months
                                    .iter()
                                    .map(ToString::to_string)
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            MemberIssue::NotRated => "chưa được xếp loại".to_owned(),
                        };
                        format!("đảng viên {}: {issue}", self.member(&m.member))
                    })
                    .collect(),
            ),
            Detail::Rated(level) => format!("xếp loại {level}"),
            Detail::OverCap {
                excellent,
                good_or_better,
            } => format!(
                "{} đảng viên hoàn thành xuất sắc nhiệm vụ trên {} hoàn thành tốt nhiệm vụ trở lên ({})",
                format_count(*excellent),
                format_count(*good_or_better),
                self.pct(Measure::new(*excellent, *good_or_better))
            ),
            Detail::TooFewOfficial { official, on } => format!(
                "chỉ có {} đảng viên chính thức ngày {}",
                format_count(*official),
                on.format("%d/%m/%Y")
            ),
        }
    }
}

fn gap_words(g: &Gap) -> String {
    match g {
        Gap::Attendance { present, expected } => format!(
            "dự họp {}/{} ({})",
            present,
            expected,
            format_percent(Measure::new(u64::from(*present), u64::from(*expected)), 2)
        ),
        Gap::UnexcusedAbsence(n) => format!("{n} đảng viên vắng không lý do"),
        Gap::NotPrepared => "chưa chuẩn bị đủ nội dung, dự thảo nghị quyết".to_owned(),
        Gap::DocumentsLate => "tài liệu không gửi trước ít nhất 01 ngày".to_owned(),
        Gap::TooShort { minutes, required } => {
            format!("chỉ {minutes} phút (tối thiểu {required} phút)")
        }
        Gap::MinutesIncomplete => "sổ biên bản ghi chưa đầy đủ".to_owned(),
        Gap::PrinciplesBreached => "chưa đảm bảo nguyên tắc sinh hoạt đảng".to_owned(),
        Gap::ConclusionNotCarriedOut => "kết luận chưa được thực hiện".to_owned(),
        Gap::NoSelfAssessment => "chưa đánh giá chất lượng buổi sinh hoạt".to_owned(),
        Gap::ContentBelowProgramme => {
            "nội dung chưa đáp ứng yêu cầu, chương trình đề ra".to_owned()
        }
        Gap::DirectivesNotAdapted => {
            "văn bản chỉ đạo chưa được cụ thể hóa sát thực tiễn".to_owned()
        }
        Gap::LastMonthNotReviewed => "chưa đánh giá công tác tháng trước".to_owned(),
        Gap::TasksNotConcrete { tasks, concrete } => {
            format!("{concrete}/{tasks} nhiệm vụ tháng tới có người phụ trách và thời hạn")
        }
    }
}
