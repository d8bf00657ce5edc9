//! Streaming: a `DatasetBuilder` fed one record at a time gives what `Dataset::build` gives, and
//! the same problems; records out of order and repeated ids are reported; `synth` and the CSV
//! reader and writer stream through any `RecordSink`.

use chibo::{
    Attendance, BuildError, CellKind, Dataset, DatasetBuilder, Exit, Expectation, Location,
    OrgLevel, Problem, ProblemKind, RatingLevel, RecordKind, RecordSink, Records,
};
use chrono::NaiveDate;

use crate::fixtures::*;

/// What a dataset shows through its public accessors, for the records it was built from.
#[derive(Debug, PartialEq)]
#[allow(clippy::type_complexity)]
struct Shape {
    counts: chibo::RecordCounts,
    orgs: Vec<(
        String,
        String,
        OrgLevel,
        Option<CellKind>,
        Option<String>,
        Option<NaiveDate>,
        Option<NaiveDate>,
        Vec<String>,
        usize,
    )>,
    members: Vec<(
        String,
        Option<String>,
        NaiveDate,
        Option<NaiveDate>,
        Option<Exit>,
    )>,
    expectations: Vec<Option<Expectation>>,
}

fn shape(data: &Dataset, records: &Records) -> Shape {
    let orgs = data
        .organisations()
        .map(|o| {
            (
                o.id().to_owned(),
                o.name().to_owned(),
                o.level(),
                o.kind(),
                o.parent().map(|p| p.id().to_owned()),
                o.founded_on(),
                o.dissolved_on(),
                o.cells().map(|c| c.id().to_owned()).collect(),
                o.meeting_count(),
            )
        })
        .collect();
    let mut ids: Vec<&str> = records.members.iter().map(|m| m.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let members = ids
        .iter()
        .map(|id| {
            let m = data.member(id).unwrap();
            (
                m.id().to_owned(),
                m.name().map(str::to_owned),
                m.admitted_on(),
                m.official_on(),
                m.exit().cloned(),
            )
        })
        .collect();
    let some_cell = records
        .organisations
        .iter()
        .find(|o| o.level.is_cell())
        .map_or("", |o| o.id.as_str());
    let mut expectations = Vec::new();
    for m in &records.members {
        for p in &m.postings {
            let mut days = vec![p.from, d(2020, 6, 1), d(2021, 2, 20), d(2022, 6, 1)];
            days.extend(p.until);
            for day in days {
                expectations.push(data.expectation(&m.id, &p.cell, day));
                expectations.push(data.expectation(&m.id, some_cell, day));
            }
        }
    }
    Shape {
        counts: data.counts(),
        orgs,
        members,
        expectations,
    }
}

/// Hands `records` to `sink` one at a time, by value, in the builder's order.
fn feed(records: &Records, sink: &mut impl RecordSink) {
    for r in &records.organisations {
        sink.organisation(r.clone());
    }
    for r in &records.members {
        sink.member(r.clone());
    }
    for r in &records.meetings {
        sink.meeting(r.clone());
    }
    for r in &records.ratings {
        sink.rating(r.clone());
    }
    for r in &records.admissions {
        sink.admission(r.clone());
    }
}

fn stream(records: &Records) -> Result<Dataset, BuildError> {
    let mut builder = Dataset::builder();
    feed(records, &mut builder);
    builder.finish()
}

/// `records` with each list shuffled by `seed`.
fn shuffled(records: &Records, seed: u64) -> Records {
    let mut s = Shuffler(seed | 1);
    let mut r = records.clone();
    s.shuffle(&mut r.organisations);
    s.shuffle(&mut r.members);
    s.shuffle(&mut r.meetings);
    s.shuffle(&mut r.ratings);
    s.shuffle(&mut r.admissions);
    r
}

#[track_caller]
fn problems(result: Result<Dataset, BuildError>) -> Vec<Problem> {
    match result {
        Ok(d) => panic!("built: {:?}", d.counts()),
        Err(e) => e.problems,
    }
}

#[test]
fn builder_fed_one_record_at_a_time_gives_the_built_dataset() {
    let records = small_district();
    let built = shape(&Dataset::build(&records).unwrap(), &records);
    assert_eq!(built.counts.members, records.members.len() as u64);
    assert_eq!(shape(&stream(&records).unwrap(), &records), built);
    for seed in 1..=20 {
        let mixed = shuffled(&records, seed);
        assert_eq!(
            shape(&stream(&mixed).unwrap(), &records),
            built,
            "seed {seed}"
        );
        // By reference, interleaving meetings, ratings and admissions.
        let mut builder = Dataset::builder();
        for r in &mixed.organisations {
            builder.organisation(r);
        }
        for r in &mixed.members {
            builder.member(r);
        }
        let mut ratings = mixed.ratings.iter();
        let mut admissions = mixed.admissions.iter();
        for m in &mixed.meetings {
            builder.meeting(m);
            if let Some(r) = ratings.next() {
                builder.rating(r);
            }
            if let Some(a) = admissions.next() {
                builder.admission(a);
            }
        }
        ratings.for_each(|r| builder.rating(r));
        admissions.for_each(|a| builder.admission(a));
        assert_eq!(shape(&builder.finish().unwrap(), &records), built);
    }
}

#[test]
fn an_empty_builder_gives_an_empty_dataset() {
    let data = Dataset::builder().finish().unwrap();
    assert_eq!(data.counts(), chibo::RecordCounts::default());
    assert!(format!("{:?}", Dataset::builder()).starts_with("DatasetBuilder"));
}

/// Records with faults of every stage, duplicates among them.
fn faulty() -> Records {
    let mut r = small_district();
    // A member whose id repeats an earlier one, with faults of its own (not reported).
    let mut twin = r.members[2].clone();
    twin.postings[0].cell = "nowhere".into();
    r.members.push(twin);
    // A member with a bad id and a posting at an unknown cell.
    let mut odd = member(" x-1", "nowhere", d(2020, 1, 1));
    odd.official_on = Some(d(2019, 1, 1));
    r.members.insert(0, odd);
    // A meeting whose id repeats an earlier one, with faults of its own (not reported).
    let mut again = r.meetings[3].clone();
    again.content.tasks_with_owner_and_deadline = 9;
    r.meetings.push(again);
    // A meeting at an unknown cell, and a roll call naming an unknown member.
    let mut lost = r.meetings[0].clone();
    lost.id = "sh-lost".into();
    lost.cell = "nowhere".into();
    r.meetings.push(lost);
    if let Attendance::RollCall(roll) = &mut r.meetings[1].attendance {
        roll[0].member = "ghost".into();
    }
    // A second rating of one member and year, at a level they may not have (not reported).
    let mut second = r.ratings[0].clone();
    second.result = chibo::RatingResult::Rated(RatingLevel::Excellent);
    r.ratings.push(second);
    r.ratings.push(rating("ghost", 2021, RatingLevel::Good));
    // A second admission of one member.
    r.admissions.push(r.admissions[0].clone());
    r
}

#[test]
fn faulty_records_give_the_same_problems_streamed() {
    let records = faulty();
    let built = problems(Dataset::build(&records));
    assert_eq!(problems(stream(&records)), built);
    let kinds: Vec<(RecordKind, usize, &str)> = built
        .iter()
        .map(|p| (p.location.kind, p.location.index, p.location.field.as_str()))
        .collect();
    let members = records.members.len();
    let meetings = records.meetings.len();
    let ratings = records.ratings.len();
    assert!(
        kinds.contains(&(RecordKind::Member, members - 1, "id")),
        "{built:#?}"
    );
    assert!(
        kinds.contains(&(RecordKind::Meeting, meetings - 2, "id")),
        "{built:#?}"
    );
    assert!(
        kinds.contains(&(RecordKind::Rating, ratings - 2, "year")),
        "{built:#?}"
    );
    // The duplicates' own faults are not reported.
    assert!(!built.iter().any(|p| p.location.kind == RecordKind::Member
        && p.location.index == members - 1
        && p.location.field != "id"));
    assert!(!built.iter().any(|p| p.location.kind == RecordKind::Meeting
        && p.location.index == meetings - 2
        && p.location.field != "id"));
    assert!(!built.iter().any(|p| p.location.kind == RecordKind::Rating
        && p.location.index == ratings - 2
        && p.location.field != "year"));
    // The same faults in another order: the same problems at the records' new places.
    for seed in 1..=10 {
        let mixed = shuffled(&records, seed);
        assert_eq!(
            problems(stream(&mixed)),
            problems(Dataset::build(&mixed)),
            "seed {seed}"
        );
    }
}

#[test]
fn out_of_order_records_are_reported() {
    let records = small_district();
    let at = |kind, index, id: &str| Location {
        kind,
        index,
        id: id.into(),
        field: String::new(),
    };

    // An organisation after the first member.
    let mut b = Dataset::builder();
    b.organisation(&records.organisations[0]);
    b.member(&records.members[0]);
    b.organisation(&records.organisations[1]);
    let p = problems(b.finish());
    let late = p
        .iter()
        .find(|p| {
            p.kind
                == ProblemKind::OutOfOrder {
                    after: RecordKind::Member,
                }
        })
        .unwrap();
    assert_eq!(
        late.location,
        at(RecordKind::Organisation, 1, &records.organisations[1].id)
    );
    assert_eq!(
        late.to_string(),
        format!(
            "organisation #1 `{}`, field ``: came after the first member record: give every organisation first, then every member, then meetings, ratings and admissions",
            records.organisations[1].id
        )
    );

    // A member after a meeting, and one after a rating; an organisation after an admission.
    for (kind, first) in [
        (RecordKind::Meeting, 0),
        (RecordKind::Rating, 1),
        (RecordKind::Admission, 2),
    ] {
        let mut b = DatasetBuilder::default();
        for o in &records.organisations {
            b.organisation(o);
        }
        b.member(&records.members[0]);
        match first {
            0 => b.meeting(&records.meetings[0]),
            1 => b.rating(&records.ratings[0]),
            _ => b.admission(&records.admissions[0]),
        }
        b.member(&records.members[1]);
        b.organisation(&records.organisations[0]);
        let p = problems(b.finish());
        assert!(p.contains(&Problem {
            location: at(RecordKind::Member, 1, &records.members[1].id),
            kind: ProblemKind::OutOfOrder { after: kind },
        }));
        assert!(p.contains(&Problem {
            location: at(
                RecordKind::Organisation,
                records.organisations.len(),
                &records.organisations[0].id
            ),
            kind: ProblemKind::OutOfOrder {
                after: RecordKind::Member
            },
        }));
    }

    // In order, nothing is reported.
    let mut b = Dataset::builder();
    feed(&records, &mut b);
    assert!(b.finish().is_ok());
}

#[test]
fn repeated_meeting_ids_are_found_when_the_records_end() {
    let mut records = small_district();
    let n = records.meetings.len();
    // Record 0's id again at the end (with a fault of its own), and far from it a meeting at an
    // unknown cell whose id is repeated by a valid meeting after it.
    let mut copy = records.meetings[0].clone();
    copy.self_assessment = Some(chibo::SelfAssessment {
        level: None,
        score: None,
    });
    records.meetings.push(copy.clone());
    records.meetings.push(copy);
    let mut lost = records.meetings[4].clone();
    lost.id = "sh-twice".into();
    lost.cell = "nowhere".into();
    records.meetings.insert(2, lost);
    let mut found = records.meetings[6].clone();
    found.id = "sh-twice".into();
    found.date = d(2021, 4, 5);
    records.meetings.push(found);

    let got = problems(stream(&records));
    assert_eq!(got, problems(Dataset::build(&records)));
    let first = records.meetings[0].id.clone();
    let want = vec![
        Problem {
            location: Location {
                kind: RecordKind::Meeting,
                index: 2,
                id: "sh-twice".into(),
                field: "cell".into(),
            },
            kind: ProblemKind::UnknownOrganisation {
                id: "nowhere".into(),
            },
        },
        Problem {
            location: Location {
                kind: RecordKind::Meeting,
                index: n + 1,
                id: first.clone(),
                field: "id".into(),
            },
            kind: ProblemKind::DuplicateId {
                id: first.clone(),
                first: 0,
            },
        },
        Problem {
            location: Location {
                kind: RecordKind::Meeting,
                index: n + 2,
                id: first.clone(),
                field: "id".into(),
            },
            kind: ProblemKind::DuplicateId {
                id: first,
                first: 0,
            },
        },
        Problem {
            location: Location {
                kind: RecordKind::Meeting,
                index: n + 3,
                id: "sh-twice".into(),
                field: "id".into(),
            },
            kind: ProblemKind::DuplicateId {
                id: "sh-twice".into(),
                first: 2,
            },
        },
    ];
    assert_eq!(got, want);
}

#[test]
fn members_in_any_order_are_indexed_by_id() {
    let records = small_district();
    let mut reversed = records.clone();
    reversed.members.reverse();
    let data = stream(&reversed).unwrap();
    assert_eq!(
        shape(&data, &records),
        shape(&Dataset::build(&records).unwrap(), &records)
    );
}

#[cfg(feature = "synth")]
mod synth {
    use chibo::synth::SynthConfig;

    use super::*;

    #[test]
    fn generate_into_records_equals_generate() {
        for config in [
            SynthConfig::district(),
            SynthConfig::district().with_cells(7).with_seed(3),
        ] {
            let mut records = Records::default();
            config.generate_into(&mut records);
            assert_eq!(records, config.generate());
        }
    }

    /// The district preset's counts, which BENCHMARKS.md and bench/compare/README.md quote: a
    /// change to the generator that moves them must update those figures too.
    #[test]
    fn the_district_preset_keeps_its_counts() {
        let mut builder = Dataset::builder();
        SynthConfig::named("district")
            .unwrap()
            .generate_into(&mut builder);
        let counts = builder.finish().unwrap().counts();
        assert_eq!(
            (
                counts.cells,
                counts.members,
                counts.meetings,
                counts.attendance
            ),
            (250, 4_758, 10_999, 195_232)
        );
        assert!(SynthConfig::named("county").is_none());
    }

    #[test]
    fn synthetic_records_stream_into_the_built_dataset() {
        let config = SynthConfig::district().with_cells(60);
        let records = config.generate();
        let built = shape(&Dataset::build(&records).unwrap(), &records);
        let mut builder = Dataset::builder();
        config.generate_into(&mut builder);
        assert_eq!(shape(&builder.finish().unwrap(), &records), built);
        let mixed = shuffled(&records, 7);
        assert_eq!(shape(&stream(&mixed).unwrap(), &records), built);
    }
}

#[cfg(feature = "csv")]
mod csv {
    use std::fs;
    use std::path::{Path, PathBuf};

    use chibo::csv::{
        CsvProblem, FolderWriter, LAYOUT, read_folder, read_folder_into, write_folder,
    };

    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("streaming")
            .join(name);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn example() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/district")
    }

    fn read_streamed(dir: &Path) -> Result<Records, Vec<CsvProblem>> {
        let mut records = Records::default();
        read_folder_into(dir, &mut records).map_err(|e| e.problems)?;
        Ok(records)
    }

    #[test]
    fn the_example_folder_reads_the_same_streamed() {
        let records = read_folder(example()).unwrap();
        assert_eq!(read_streamed(&example()).unwrap(), records);
        let mut builder = Dataset::builder();
        read_folder_into(example(), &mut builder).unwrap();
        assert_eq!(
            shape(&builder.finish().unwrap(), &records),
            shape(&Dataset::build(&records).unwrap(), &records)
        );
    }

    #[test]
    fn a_written_folder_streams_into_the_built_dataset() {
        let records = small_district();
        let dir = scratch("written");
        write_folder(&records, &dir).unwrap();
        let read = read_folder(&dir).unwrap();
        let mut builder = Dataset::builder();
        read_folder_into(&dir, &mut builder).unwrap();
        assert_eq!(
            shape(&builder.finish().unwrap(), &records),
            shape(&Dataset::build(&read).unwrap(), &records)
        );
    }

    #[test]
    fn folder_writer_writes_what_write_folder_writes() {
        let records = faulty();
        let whole = scratch("whole");
        write_folder(&records, &whole).unwrap();
        let streamed = scratch("streamed");
        let mut writer = FolderWriter::create(&streamed).unwrap();
        feed(&records, &mut writer);
        writer.finish().unwrap();
        for (file, _) in LAYOUT {
            assert_eq!(
                fs::read(whole.join(file)).unwrap(),
                fs::read(streamed.join(file)).unwrap(),
                "{file}"
            );
        }
        // Read back, the records agree but for the meeting whose id repeats an earlier one's:
        // reading everything at once gives every row of the id to the first meeting with it,
        // reading in step gives each meeting the rows that follow it.
        let mut at_once = read_folder(&whole).unwrap();
        let mut in_step = read_streamed(&streamed).unwrap();
        let repeated = records.meetings.len() - 2;
        assert_eq!(
            in_step.meetings[repeated].attendance,
            records.meetings[repeated].attendance
        );
        assert_eq!(
            at_once.meetings[repeated].attendance,
            Attendance::RollCall(Vec::new())
        );
        at_once.meetings.clear();
        in_step.meetings.clear();
        assert!(at_once == in_step);
    }

    #[cfg(feature = "synth")]
    #[test]
    fn synthetic_records_go_to_a_folder_and_back_without_records() {
        let config = chibo::synth::SynthConfig::district().with_cells(40);
        let records = config.generate();
        let whole = scratch("synth-whole");
        write_folder(&records, &whole).unwrap();
        let streamed = scratch("synth-streamed");
        let mut writer = FolderWriter::create(&streamed).unwrap();
        config.generate_into(&mut writer);
        writer.finish().unwrap();
        for (file, _) in LAYOUT {
            assert_eq!(
                fs::read(whole.join(file)).unwrap(),
                fs::read(streamed.join(file)).unwrap(),
                "{file}"
            );
        }
        let mut builder = Dataset::builder();
        read_folder_into(&streamed, &mut builder).unwrap();
        assert_eq!(
            shape(&builder.finish().unwrap(), &records),
            shape(&Dataset::build(&records).unwrap(), &records)
        );
    }

    /// Rewrites `file` in `dir` with its data rows reordered by `order`.
    fn reorder(dir: &Path, file: &str, order: impl FnOnce(&mut Vec<String>)) {
        let text = fs::read_to_string(dir.join(file)).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let mut rows = lines.split_off(1);
        order(&mut rows);
        lines.extend(rows);
        fs::write(dir.join(file), lines.join("\n") + "\n").unwrap();
    }

    #[test]
    fn status_changes_may_come_in_any_order() {
        let dir = scratch("changes-mixed");
        write_folder(&small_district(), &dir).unwrap();
        reorder(&dir, "bien_dong.csv", |rows| Shuffler(5).shuffle(rows));
        let records = read_folder(&dir).unwrap();
        assert_eq!(read_streamed(&dir).unwrap(), records);
    }

    #[test]
    fn roll_calls_out_of_step_are_reported() {
        let dir = scratch("roll-mixed");
        let records = small_district();
        write_folder(&records, &dir).unwrap();
        // The first meeting's first roll-call row moves to the end.
        reorder(&dir, "diem_danh.csv", |rows| {
            let first = rows.remove(0);
            rows.push(first);
        });
        let rows = fs::read_to_string(dir.join("diem_danh.csv"))
            .unwrap()
            .lines()
            .count();
        // Reading everything at once takes any order.
        assert!(read_folder(&dir).is_ok());
        let got = read_streamed(&dir).unwrap_err();
        assert_eq!(got.len(), 1, "{got:#?}");
        let p = &got[0];
        assert_eq!(p.file, dir.join("diem_danh.csv"));
        assert_eq!(p.line, Some(rows as u64));
        assert_eq!(p.column.as_deref(), Some("ma_buoi"));
        let first = &records.meetings[0].id;
        assert!(
            p.message.starts_with(&format!(
                "no meeting `{first}` in buoi_sinh_hoat.csv from line "
            )) && p.message.contains(
                " on: fix the id, or keep the rows of each meeting together and in the order of buoi_sinh_hoat.csv"
            ),
            "{}",
            p.message
        );

        // A row naming no meeting at all, at the end: reported like read_folder does it, at
        // its line, with the reason it may be out of step.
        let dir = scratch("roll-unknown");
        write_folder(&records, &dir).unwrap();
        reorder(&dir, "diem_danh.csv", |rows| {
            rows.push("khong-co,a1-1,present".into());
        });
        let whole = match read_folder(&dir) {
            Err(e) => e.problems,
            Ok(_) => panic!("read"),
        };
        let streamed = read_streamed(&dir).unwrap_err();
        assert_eq!(whole.len(), 1);
        assert_eq!(streamed.len(), 1);
        assert_eq!(
            (&streamed[0].file, streamed[0].line, &streamed[0].column),
            (&whole[0].file, whole[0].line, &whole[0].column)
        );
        assert!(
            streamed[0]
                .message
                .starts_with("no meeting `khong-co` in buoi_sinh_hoat.csv")
        );
    }

    #[test]
    fn row_problems_are_the_same_streamed() {
        let dir = scratch("row-problems");
        write_folder(&faulty(), &dir).unwrap();
        let edit = |file: &str, from: &str, to: &str| {
            let path = dir.join(file);
            let text = fs::read_to_string(&path).unwrap();
            assert!(text.contains(from), "{file}: {from}");
            fs::write(&path, text.replacen(from, to, 1)).unwrap();
        };
        edit("dang_vien.csv", "2010-05-19", "19/05/2010");
        edit("bien_dong.csv", "a1-2,sinh-hoat", "a1-9,sinh-hoat");
        edit("diem_danh.csv", ",present", ",muon");
        edit("xep_loai.csv", "dang-vien", "dang vien x");
        edit("ket_nap.csv", "2021-09-01", "");
        reorder(&dir, "bien_dong.csv", |rows| rows.reverse());
        let whole = match read_folder(&dir) {
            Err(e) => e.problems,
            Ok(_) => panic!("read"),
        };
        assert!(whole.len() >= 5, "{whole:#?}");
        assert_eq!(read_streamed(&dir).unwrap_err(), whole);
    }
}
