//! Synthetic datasets (dữ liệu mô phỏng) shaped like real party records, for benchmarks and
//! tests (feature `synth`).
//!
//! Deterministic: the same [`SynthConfig`] always gives the same [`Records`], which always
//! build. [`SynthConfig::generate_into`] hands the same records to any [`RecordSink`] one at a
//! time, in the order a [`crate::DatasetBuilder`] takes them, so a country-size dataset can be
//! built, or written as CSV, without holding its records. The shape follows the project's domain
//! notes: cells of 3 to 40 members, mostly 10–25; about 8% probationary, 3% exempted, a few
//! suspensions, transfers within a grassroots organisation, exits and admissions; a regular
//! meeting nearly every month and a thematic meeting nearly every quarter, with roll calls,
//! realistic absences, content records and self-assessments; ratings of members and cells for
//! every year that ends inside the span.
//!
//! ```
//! use chibo::synth::SynthConfig;
//!
//! let records = SynthConfig::district().with_cells(12).generate();
//! let dataset = chibo::Dataset::build(&records).expect("synthetic records always build");
//! assert_eq!(dataset.counts().cells, 12);
//!
//! // The same records, streamed into a builder.
//! let mut builder = chibo::Dataset::builder();
//! SynthConfig::district().with_cells(12).generate_into(&mut builder);
//! assert_eq!(builder.finish()?.counts(), dataset.counts());
//! # Ok::<(), chibo::BuildError>(())
//! ```

use chrono::{Datelike, Months, NaiveDate};

use crate::model::{
    AdmissionRecord, Attendance, CellKind, Content, Exit, ExitReason, Leave, LeaveKind,
    MeetingKind, MeetingRecord, MemberRecord, NotRatedReason, OrgLevel, OrganisationRecord,
    Posting, Preparation, Presence, RatingLevel, RatingRecord, RatingResult, RatingSubject,
    RecordSink, Records, Reference, RollCallEntry, SelfAssessment,
};
use crate::rules::RatingRules;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthConfig {
    /// Seed of the pseudo-random stream.
    pub seed: u64,
    /// Cells in all.
    pub cells: u32,
    /// Cells per grassroots party committee, on average.
    pub cells_per_committee: u32,
    /// Grassroots organisations per district.
    pub grassroots_per_district: u32,
    /// Districts per province.
    pub districts_per_province: u32,
    /// First day of the span.
    pub start: NaiveDate,
    /// Months in the span.
    pub months: u32,
}

impl SynthConfig {
    /// A district's worth: 250 cells and about 4,800 members, 36 months from January 2020, under
    /// one top-level organisation (`t01`).
    pub fn district() -> SynthConfig {
        SynthConfig {
            seed: 16,
            cells: 250,
            cells_per_committee: 7,
            grassroots_per_district: 35,
            districts_per_province: 10,
            start: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or(NaiveDate::MIN),
            months: 36,
        }
    }

    /// A province's worth: 4,000 cells, about 76,000 members and 175,000 meetings. A top-level
    /// organisation holds `districts_per_province` districts of `grassroots_per_district`
    /// grassroots organisations, about 1,800 cells, so these fall under three: `t01`–`t03`.
    pub fn province() -> SynthConfig {
        SynthConfig {
            cells: 4_000,
            ..SynthConfig::district()
        }
    }

    /// A country's worth: 270,000 cells in 308,010 organisations, about 5.1 million members and
    /// 11.8 million meetings, under 148 top-level organisations (`t01`–`t148`).
    pub fn country() -> SynthConfig {
        SynthConfig {
            cells: 270_000,
            ..SynthConfig::district()
        }
    }

    /// The preset of that name: `"district"`, `"province"` or `"country"`.
    pub fn named(size: &str) -> Option<SynthConfig> {
        match size {
            "district" => Some(SynthConfig::district()),
            "province" => Some(SynthConfig::province()),
            "country" => Some(SynthConfig::country()),
            _ => None,
        }
    }

    /// The same with `cells` cells.
    pub fn with_cells(self, cells: u32) -> SynthConfig {
        SynthConfig { cells, ..self }
    }

    /// The same with another seed.
    pub fn with_seed(self, seed: u64) -> SynthConfig {
        SynthConfig { seed, ..self }
    }

    /// The last day of the span.
    pub fn end(&self) -> NaiveDate {
        self.start
            .checked_add_months(Months::new(self.months))
            .and_then(|d| d.pred_opt())
            .unwrap_or(self.start)
    }

    /// Generates the records.
    pub fn generate(&self) -> Records {
        let mut records = Records::default();
        Generator::new(*self, &mut records, Emit::ALL).run();
        records
    }

    /// Hands the records [`SynthConfig::generate`] gives to `sink`, one at a time: every
    /// organisation, then every member, then meetings, ratings and admissions (each kind in the
    /// same order as in [`Records`]). Nothing is held but one grassroots organisation's members
    /// at a time.
    ///
    /// The generator interleaves the kinds, so it runs three times over the same pseudo-random
    /// stream, handing over one stage each time; the first two runs skip building roll calls.
    pub fn generate_into(&self, sink: &mut impl RecordSink) {
        for emit in [Emit::ORGANISATIONS, Emit::MEMBERS, Emit::ACTIVITY] {
            Generator::new(*self, &mut *sink, emit).run();
        }
    }
}

/// Which records a run of the generator hands over; the others are drawn and dropped.
#[derive(Debug, Clone, Copy)]
struct Emit {
    organisations: bool,
    members: bool,
    /// Meetings, ratings and admissions.
    activity: bool,
}

impl Emit {
    const ALL: Emit = Emit {
        organisations: true,
        members: true,
        activity: true,
    };
    const ORGANISATIONS: Emit = Emit {
        organisations: true,
        members: false,
        activity: false,
    };
    const MEMBERS: Emit = Emit {
        organisations: false,
        members: true,
        activity: false,
    };
    const ACTIVITY: Emit = Emit {
        organisations: false,
        members: false,
        activity: true,
    };
}

/// splitmix64: small, fast, good enough for test data, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u32) -> u32 {
        if n == 0 {
            return 0;
        }
        u32::try_from(self.next().checked_rem(u64::from(n)).unwrap_or(0)).unwrap_or(0)
    }

    /// True with probability `per_mille` / 1000.
    fn chance(&mut self, per_mille: u32) -> bool {
        self.below(1000) < per_mille
    }

    /// In `lo..=hi`.
    fn between(&mut self, lo: u32, hi: u32) -> u32 {
        lo.saturating_add(self.below(hi.saturating_sub(lo).saturating_add(1)))
    }
}

/// One member as the generator tracks them, within one grassroots organisation.
struct Person {
    record: MemberRecord,
    /// The cell (index within the organisation) they start at.
    home: usize,
    /// A transfer to another cell of the organisation: from which day, to which cell.
    transfer: Option<(NaiveDate, usize)>,
}

impl Person {
    /// The cell they are posted at on `date`, if a member then.
    fn cell_on(&self, date: NaiveDate) -> Option<usize> {
        let r = &self.record;
        if date < r.admitted_on || r.exit.as_ref().is_some_and(|e| date >= e.on) {
            return None;
        }
        Some(match self.transfer {
            Some((on, to)) if date >= on => to,
            _ => self.home,
        })
    }

    /// Their leave on `date`, if any.
    fn leave_on(&self, date: NaiveDate) -> Option<LeaveKind> {
        self.record
            .leaves
            .iter()
            .find(|l| l.from <= date && l.until.is_none_or(|u| date <= u))
            .map(|l| l.kind)
    }
}

struct Generator<'s, S: ?Sized> {
    config: SynthConfig,
    rng: Rng,
    sink: &'s mut S,
    emit: Emit,
    next_member: u64,
}

impl<'s, S: RecordSink + ?Sized> Generator<'s, S> {
    fn new(config: SynthConfig, sink: &'s mut S, emit: Emit) -> Generator<'s, S> {
        Generator {
            config,
            rng: Rng(config.seed),
            sink,
            emit,
            next_member: 0,
        }
    }

    fn day(&self, months: u32, day: u32) -> NaiveDate {
        let first = self
            .config
            .start
            .checked_add_months(Months::new(months))
            .unwrap_or(self.config.start);
        first.with_day(day).unwrap_or(first)
    }

    fn org(
        &mut self,
        id: String,
        name: String,
        level: OrgLevel,
        parent: Option<&str>,
        kind: Option<CellKind>,
    ) {
        if !self.emit.organisations {
            return;
        }
        self.sink.organisation(OrganisationRecord {
            id,
            name,
            level,
            parent: parent.map(str::to_owned),
            kind,
            founded_on: None,
            dissolved_on: None,
        });
    }

    /// Cell size: 3 to 40, mostly 10–25 (a triangle over 8–27 with tails).
    fn cell_size(&mut self) -> u32 {
        match self.rng.below(20) {
            0 => self.rng.between(3, 7),
            1 => self.rng.between(28, 40),
            _ => self
                .rng
                .between(8, 18)
                .saturating_add(self.rng.between(0, 9)),
        }
    }

    fn run(mut self) {
        let c = self.config;
        let per_committee = c.cells_per_committee.max(1);
        let per_district = c.grassroots_per_district.max(1);
        let per_province = c.districts_per_province.max(1);
        let mut cells_left = c.cells;
        let mut province = 0u32;
        let mut district = 0u32;
        let mut grassroots = 0u32;
        let mut district_id = String::new();
        let mut province_id = String::new();
        while cells_left > 0 {
            if grassroots.checked_rem(per_district) == Some(0) {
                if district.checked_rem(per_province) == Some(0) {
                    province = province.saturating_add(1);
                    province_id = format!("t{province:02}");
                    self.org(
                        province_id.clone(),
                        format!("Đảng bộ tỉnh {province}"),
                        OrgLevel::Province,
                        None,
                        None,
                    );
                }
                district = district.saturating_add(1);
                district_id = format!("{province_id}-h{district:03}");
                self.org(
                    district_id.clone(),
                    format!("Đảng bộ huyện {district}"),
                    OrgLevel::District,
                    Some(&province_id),
                    None,
                );
            }
            grassroots = grassroots.saturating_add(1);
            let g_id = format!("{district_id}-g{grassroots:04}");
            // Three in ten grassroots organisations are cells on their own.
            let cells: Vec<(String, CellKind)> = if self.rng.chance(300) {
                let kind = if self.rng.chance(500) {
                    CellKind::PublicService
                } else {
                    CellKind::Agency
                };
                self.org(
                    g_id.clone(),
                    format!("Chi bộ cơ sở {grassroots}"),
                    OrgLevel::GrassrootsCell,
                    Some(&district_id),
                    Some(kind),
                );
                vec![(g_id.clone(), kind)]
            } else {
                self.org(
                    g_id.clone(),
                    format!("Đảng bộ xã {grassroots}"),
                    OrgLevel::PartyCommittee,
                    Some(&district_id),
                    None,
                );
                let n = self
                    .rng
                    .between(
                        per_committee.saturating_sub(3).max(2),
                        per_committee.saturating_add(3),
                    )
                    .min(cells_left.saturating_sub(1).max(1));
                (1..=n)
                    .map(|i| {
                        let id = format!("{g_id}-c{i:02}");
                        let kind = if i == 1 {
                            CellKind::Agency
                        } else {
                            CellKind::Village
                        };
                        self.org(
                            id.clone(),
                            format!("Chi bộ {i} xã {grassroots}"),
                            OrgLevel::Cell,
                            Some(&g_id),
                            Some(kind),
                        );
                        (id, kind)
                    })
                    .collect()
            };
            cells_left = cells_left.saturating_sub(u32::try_from(cells.len()).unwrap_or(u32::MAX));
            self.grassroots(&cells);
        }
    }

    fn new_member(&mut self, cell: &str, admitted: NaiveDate) -> MemberRecord {
        self.next_member = self.next_member.saturating_add(1);
        MemberRecord {
            id: format!("dv{:07}", self.next_member),
            name: None,
            admitted_on: admitted,
            official_on: admitted.checked_add_months(Months::new(12)),
            postings: vec![Posting {
                cell: cell.to_owned(),
                from: admitted,
                until: None,
                temporary: false,
            }],
            leaves: Vec::new(),
            exit: None,
        }
    }

    /// Members, meetings, ratings and admissions of one grassroots organisation's cells.
    fn grassroots(&mut self, cells: &[(String, CellKind)]) {
        let c = self.config;
        let end = c.end();
        let mut people: Vec<Vec<Person>> = Vec::with_capacity(cells.len());
        for (cell, _) in cells {
            let size = self.cell_size();
            let mut members = Vec::new();
            for _ in 0..size {
                // 8% admitted in the year before the span: probationary at its start.
                let admitted = if self.rng.chance(80) {
                    c.start
                        .checked_sub_days(chrono::Days::new(u64::from(self.rng.between(1, 360))))
                        .unwrap_or(c.start)
                } else {
                    NaiveDate::from_ymd_opt(
                        c.start
                            .year()
                            .saturating_sub(i32::try_from(self.rng.between(2, 40)).unwrap_or(2)),
                        self.rng.between(1, 12),
                        self.rng.between(1, 28),
                    )
                    .unwrap_or(c.start)
                };
                let mut record = self.new_member(cell, admitted);
                if self.rng.chance(30) {
                    // Elderly, exempted from before the span.
                    record.leaves.push(Leave {
                        kind: LeaveKind::Exempted,
                        from: c.start,
                        until: None,
                    });
                } else if self.rng.chance(3) {
                    let month = self.rng.below(c.months);
                    let from = self.day(month, 1);
                    record.leaves.push(Leave {
                        kind: LeaveKind::Suspended,
                        from,
                        until: from
                            .checked_add_months(Months::new(2))
                            .and_then(|d| d.pred_opt()),
                    });
                }
                if self.rng.chance(25) {
                    let month = self.rng.between(1, c.months.saturating_sub(1));
                    let on = self.day(month, 15);
                    let reason = if self.rng.chance(500) {
                        ExitReason::Died
                    } else {
                        ExitReason::TransferredOut
                    };
                    record.exit = Some(Exit { on, reason });
                }
                members.push(Person {
                    record,
                    home: people.len(),
                    transfer: None,
                });
            }
            // Admissions: about 3% of the cell a year.
            for m in 0..c.months {
                if self.rng.chance(size.saturating_mul(25) / 12) {
                    let d = self.rng.between(10, 25);
                    let day = self.day(m, d);
                    let record = self.new_member(cell, day);
                    if self.emit.activity {
                        self.sink.admission(AdmissionRecord {
                            member: record.id.clone(),
                            cell: cell.clone(),
                            date: day,
                        });
                    }
                    members.push(Person {
                        record,
                        home: people.len(),
                        transfer: None,
                    });
                }
            }
            people.push(members);
        }
        // Transfers within the organisation: 2% of members move on the 1st of a month.
        if cells.len() > 1 {
            for from in 0..people.len() {
                for p in 0..people.get(from).map_or(0, Vec::len) {
                    if !self.rng.chance(20) {
                        continue;
                    }
                    let to = from.saturating_add(1).checked_rem(cells.len()).unwrap_or(0);
                    let month = self.rng.between(1, c.months.saturating_sub(1));
                    let on = self.day(month, 1);
                    let Some(person) = people.get_mut(from).and_then(|v| v.get_mut(p)) else {
                        continue;
                    };
                    let r = &mut person.record;
                    let exits_after = r.exit.as_ref().is_none_or(|e| e.on > on);
                    let on_leave = !r.leaves.is_empty();
                    if r.admitted_on >= on || !exits_after || on_leave {
                        continue;
                    }
                    if let (Some(first), Some((to_id, _))) = (r.postings.first_mut(), cells.get(to))
                    {
                        first.until = on.pred_opt();
                        r.postings.push(Posting {
                            cell: to_id.clone(),
                            from: on,
                            until: None,
                            temporary: false,
                        });
                        person.transfer = Some((on, to));
                    }
                }
            }
        }
        // Meetings: each cell's roll call is its list on the day.
        for (i, (cell, _)) in cells.iter().enumerate() {
            for m in 0..c.months {
                let quarter_end = m % 3 == 2;
                let combined = quarter_end && self.rng.chance(300);
                if !self.rng.chance(10) {
                    let kind = if combined {
                        MeetingKind::Combined
                    } else {
                        MeetingKind::Regular
                    };
                    let d = self.rng.between(3, 10);
                    let date = self.day(m, d);
                    self.meeting(&people, i, cell, date, kind);
                }
                if quarter_end && !combined && !self.rng.chance(20) {
                    let d = self.rng.between(15, 25);
                    let date = self.day(m, d);
                    self.meeting(&people, i, cell, date, MeetingKind::Thematic);
                }
            }
        }
        // Ratings for each year ending in the span: every cell, and every member on a list on
        // 31 December (exempted and suspended members recorded as not rated).
        for year in c.start.year()..=end.year() {
            let Some(dec31) = NaiveDate::from_ymd_opt(year, 12, 31).filter(|d| *d <= end) else {
                continue;
            };
            for (cell, _) in cells {
                let result = RatingResult::Rated(self.level());
                if self.emit.activity {
                    self.sink.rating(RatingRecord {
                        subject: RatingSubject::Organisation(cell.clone()),
                        year,
                        result,
                        disciplined: None,
                    });
                }
            }
            for p in people
                .iter()
                .flatten()
                .filter(|p| p.cell_on(dec31).is_some())
            {
                // Under QĐ 124 and after, members admitted less than the rules' months before
                // the review are not rated.
                let recent = RatingRules::for_year(year)
                    .min_months_admitted()
                    .and_then(|n| p.record.admitted_on.checked_add_months(Months::new(n)))
                    .is_some_and(|ripe| ripe > dec31);
                let result = match p.leave_on(dec31) {
                    Some(LeaveKind::Exempted) => RatingResult::NotRated(NotRatedReason::Exempted),
                    Some(LeaveKind::Suspended) => RatingResult::NotRated(NotRatedReason::Suspended),
                    None if recent => RatingResult::NotRated(NotRatedReason::RecentlyAdmitted),
                    None => RatingResult::Rated(self.level()),
                };
                if self.emit.activity {
                    self.sink.rating(RatingRecord {
                        subject: RatingSubject::Member(p.record.id.clone()),
                        year,
                        result,
                        disciplined: None,
                    });
                }
            }
        }
        if self.emit.members {
            for p in people.into_iter().flatten() {
                self.sink.member(p.record);
            }
        }
    }

    /// A rating level: 10% excellent, 78% good, 10% completed, 2% not completed.
    fn level(&mut self) -> RatingLevel {
        match self.rng.below(100) {
            0..10 => RatingLevel::Excellent,
            10..88 => RatingLevel::Good,
            88..98 => RatingLevel::Completed,
            _ => RatingLevel::NotCompleted,
        }
    }

    fn meeting(
        &mut self,
        people: &[Vec<Person>],
        cell_ix: usize,
        cell: &str,
        date: NaiveDate,
        kind: MeetingKind,
    ) {
        // Without meetings to hand over, only the draws matter: the roll call is counted, not
        // built.
        let emit = self.emit.activity;
        let mut roll = Vec::new();
        let mut listed = 0usize;
        for p in people.iter().flatten() {
            if p.cell_on(date) != Some(cell_ix) {
                continue;
            }
            let presence = match p.leave_on(date) {
                Some(LeaveKind::Suspended) => continue,
                Some(LeaveKind::Exempted) => {
                    if self.rng.chance(150) {
                        Presence::Present
                    } else {
                        continue;
                    }
                }
                None => match self.rng.below(1000) {
                    0..930 => Presence::Present,
                    930..990 => Presence::AbsentWithReason,
                    _ => Presence::AbsentWithoutReason,
                },
            };
            listed = listed.saturating_add(1);
            if emit {
                roll.push(RollCallEntry {
                    member: p.record.id.clone(),
                    presence,
                });
            }
        }
        let tasks = u16::try_from(self.rng.between(2, 5)).unwrap_or(2);
        let quarter_links = kind.is_thematic() && !self.rng.chance(50);
        let linked_to = if quarter_links {
            Reference::ALL.to_vec()
        } else {
            Vec::new()
        };
        let record = MeetingRecord {
            id: if emit {
                format!(
                    "{cell}-{}-{}-{:02}",
                    if kind == MeetingKind::Thematic {
                        "cd"
                    } else {
                        "sh"
                    },
                    date.year(),
                    date.month()
                )
            } else {
                String::new()
            },
            cell: if emit { cell.to_owned() } else { String::new() },
            date,
            kind,
            duration_minutes: if self.rng.chance(30) {
                u16::try_from(self.rng.between(60, 85)).unwrap_or(60)
            } else {
                u16::try_from(self.rng.between(90, 150)).unwrap_or(90)
            },
            preparation: Preparation {
                content_prepared: !self.rng.chance(15),
                committee_met: if listed >= 9 {
                    Some(!self.rng.chance(10))
                } else {
                    None
                },
                draft_resolution: !self.rng.chance(15),
                documents_sent_ahead: !self.rng.chance(50),
            },
            minutes_kept: !self.rng.chance(10),
            principles_observed: !self.rng.chance(2),
            conclusion_carried_out: !self.rng.chance(20),
            attendance: Attendance::RollCall(roll),
            content: Content {
                follows_programme: !self.rng.chance(30),
                last_month_reviewed: !self.rng.chance(20),
                tasks,
                tasks_with_owner_and_deadline: if self.rng.chance(40) {
                    tasks.saturating_sub(1)
                } else {
                    tasks
                },
                linked_to,
                directives_adapted: if self.rng.chance(200) {
                    Some(!self.rng.chance(50))
                } else {
                    None
                },
            },
            self_assessment: (!self.rng.chance(5)).then(|| {
                let score = u8::try_from(self.rng.between(60, 100)).unwrap_or(90);
                SelfAssessment {
                    level: Some(crate::model::QualityBands::default().level(score)),
                    score: Some(score),
                }
            }),
        };
        if emit {
            self.sink.meeting(record);
        }
    }
}
