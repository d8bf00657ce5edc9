//! CSV folders (thư mục CSV): the records as a folder of spreadsheets, one file per record kind,
//! laid out the way registers and minutes books are kept (format version 1, `docs/format.md`).
//!
//! | File | Holds (sổ) | One row per | Columns |
//! |---|---|---|---|
//! | `to_chuc.csv` | organisations (tổ chức đảng) | organisation or cell | `ma, ten, cap, ma_cap_tren, loai_hinh, ngay_thanh_lap, ngay_giai_the` |
//! | `dang_vien.csv` | members (đảng viên) | member | `ma, ho_ten, ngay_vao_dang, ngay_chinh_thuc, ngay_ra, ly_do_ra` |
//! | `bien_dong.csv` | status changes (biến động) | posting or leave | `ma_dang_vien, loai, ma_chi_bo, tu_ngay, den_ngay` |
//! | `buoi_sinh_hoat.csv` | meetings (sổ biên bản) | meeting | `ma, ma_chi_bo, ngay, loai, thoi_luong_phut, chuan_bi_noi_dung, chi_uy_hop, du_thao_nghi_quyet, gui_tai_lieu_truoc, ghi_bien_ban, dung_nguyen_tac, thuc_hien_ket_luan, phai_du, co_mat, vang_co_ly_do, vang_khong_ly_do, dung_chuong_trinh, danh_gia_thang_truoc, so_nhiem_vu, nhiem_vu_cu_the, lien_he, cu_the_hoa_chi_dao, tu_danh_gia, muc_chat_luong, diem` |
//! | `diem_danh.csv` | roll calls (điểm danh) | member at a meeting | `ma_buoi, ma_dang_vien, tinh_trang` |
//! | `xep_loai.csv` | ratings (xếp loại) | subject and year | `doi_tuong, ma, nam, muc, ly_do_khong_xep_loai, bi_ky_luat` |
//! | `ket_nap.csv` | admissions (kết nạp) | admission | `ma_dang_vien, ma_chi_bo, ngay` |
//!
//! - `to_chuc.csv` must be there; a missing other file means no records of that kind. Another
//!   `.csv` file in the folder is a problem (a misspelt name would otherwise drop its records).
//! - Every column of the file must be in its header row, in any order; unknown columns are
//!   problems. Headers are ASCII; `Ngày vào Đảng` or `ngay vao dang` are read as `ngay_vao_dang`.
//! - Cells are trimmed; an empty cell is "none" for an optional field. Dates are `YYYY-MM-DD`.
//!   Booleans are `co`/`có`/`1`/`true` or `khong`/`không`/`0`/`false`, any case. Enum cells take
//!   the stable code (`regular`) or the Vietnamese label (`sinh hoạt thường kỳ`). Lists
//!   (`lien_he`) are codes separated by `;`.
//! - Files are UTF-8 (a byte-order mark is allowed), comma-separated; a header row without
//!   commas but with semicolons or tabs sets that separator instead.
//! - A meeting's attendance is its rows in `diem_danh.csv` (a roll call) if it has any, else
//!   its totals `phai_du, co_mat, vang_co_ly_do, vang_khong_ly_do`; with neither it is an empty
//!   roll call, which [`crate::Dataset::build`] then reports member by member.
//! - [`read_folder`] and [`write_folder`] go through [`Records`] in memory. For a folder too
//!   large for that (a country's), [`read_folder_into`] reads it record by record into a
//!   [`crate::DatasetBuilder`] (the rows of `diem_danh.csv` grouped by meeting, in the meetings'
//!   order), and [`FolderWriter`] writes one record by record.
//!
//! Reading goes row by row and collects every problem, each with its file, line and column:
//!
//! ```no_run
//! match chibo::csv::read_folder("du-lieu/huyen") {
//!     Ok(records) => println!("{} meetings", records.meetings.len()),
//!     Err(e) => {
//!         for p in &e.problems {
//!             eprintln!("{p}"); // du-lieu/huyen/dang_vien.csv:12: column `ngay_vao_dang`: ...
//!         }
//!     }
//! }
//! ```

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, sync_channel};
use std::thread::JoinHandle;

use chrono::NaiveDate;

use crate::model::{
    AdmissionRecord, Attendance, AttendanceCounts, CellKind, Content, Exit, ExitReason, Leave,
    LeaveKind, MeetingKind, MeetingQuality, MeetingRecord, MemberRecord, NotRatedReason, OrgLevel,
    OrganisationRecord, Posting, Preparation, Presence, RatingLevel, RatingRecord, RatingResult,
    RatingSubject, RecordSink, Records, Reference, RollCallEntry, SelfAssessment,
};

/// The version of the data format (phiên bản định dạng) this module reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// Organisations (tổ chức đảng).
pub const ORGANISATIONS: &str = "to_chuc.csv";
/// Members (đảng viên).
pub const MEMBERS: &str = "dang_vien.csv";
/// Postings and leaves (biến động sinh hoạt).
pub const CHANGES: &str = "bien_dong.csv";
/// Meetings (buổi sinh hoạt).
pub const MEETINGS: &str = "buoi_sinh_hoat.csv";
/// Roll-call lines (điểm danh).
pub const ROLL_CALLS: &str = "diem_danh.csv";
/// Ratings (xếp loại).
pub const RATINGS: &str = "xep_loai.csv";
/// Admissions (kết nạp).
pub const ADMISSIONS: &str = "ket_nap.csv";

const ORG_COLUMNS: &[&str] = &[
    "ma",
    "ten",
    "cap",
    "ma_cap_tren",
    "loai_hinh",
    "ngay_thanh_lap",
    "ngay_giai_the",
];
const MEMBER_COLUMNS: &[&str] = &[
    "ma",
    "ho_ten",
    "ngay_vao_dang",
    "ngay_chinh_thuc",
    "ngay_ra",
    "ly_do_ra",
];
const CHANGE_COLUMNS: &[&str] = &["ma_dang_vien", "loai", "ma_chi_bo", "tu_ngay", "den_ngay"];
const MEETING_COLUMNS: &[&str] = &[
    "ma",
    "ma_chi_bo",
    "ngay",
    "loai",
    "thoi_luong_phut",
    "chuan_bi_noi_dung",
    "chi_uy_hop",
    "du_thao_nghi_quyet",
    "gui_tai_lieu_truoc",
    "ghi_bien_ban",
    "dung_nguyen_tac",
    "thuc_hien_ket_luan",
    "phai_du",
    "co_mat",
    "vang_co_ly_do",
    "vang_khong_ly_do",
    "dung_chuong_trinh",
    "danh_gia_thang_truoc",
    "so_nhiem_vu",
    "nhiem_vu_cu_the",
    "lien_he",
    "cu_the_hoa_chi_dao",
    "tu_danh_gia",
    "muc_chat_luong",
    "diem",
];
const ROLL_COLUMNS: &[&str] = &["ma_buoi", "ma_dang_vien", "tinh_trang"];
const RATING_COLUMNS: &[&str] = &[
    "doi_tuong",
    "ma",
    "nam",
    "muc",
    "ly_do_khong_xep_loai",
    "bi_ky_luat",
];
const ADMISSION_COLUMNS: &[&str] = &["ma_dang_vien", "ma_chi_bo", "ngay"];

/// Every file of the layout with its columns, in the order they are read and written.
pub const LAYOUT: &[(&str, &[&str])] = &[
    (ORGANISATIONS, ORG_COLUMNS),
    (MEMBERS, MEMBER_COLUMNS),
    (CHANGES, CHANGE_COLUMNS),
    (MEETINGS, MEETING_COLUMNS),
    (ROLL_CALLS, ROLL_COLUMNS),
    (RATINGS, RATING_COLUMNS),
    (ADMISSIONS, ADMISSION_COLUMNS),
];

/// One problem in a CSV folder: where it is and what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CsvProblem {
    /// The file at fault (the folder, for a problem with the folder itself).
    pub file: PathBuf,
    /// The line in the file, 1 for the header row; `None` for the whole file.
    pub line: Option<u64>,
    /// The column, as named in the layout; `None` for a whole row or file.
    pub column: Option<String>,
    /// What is wrong and what to do, in lowercase.
    pub message: String,
}

impl fmt::Display for CsvProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ": column `{column}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for CsvProblem {}

/// Every problem found while reading a CSV folder, in file order, then line order.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CsvError {
    /// The problems.
    pub problems: Vec<CsvProblem>,
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} problem(s) in the CSV files", self.problems.len())?;
        for p in &self.problems {
            write!(f, "\n{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CsvError {}

/// Reads the CSV folder `dir` into [`Records`], following the layout in the module docs.
///
/// Files are read row by row; nothing is checked beyond what the layout needs (ids, dates and
/// hierarchy are [`crate::Dataset::build`]'s job). The rows of `bien_dong.csv` and
/// `diem_danh.csv` may come in any order. For a folder too large to hold as [`Records`], see
/// [`read_folder_into`].
///
/// # Errors
/// [`CsvError`] with every problem found in every file: an unreadable folder or file, a missing
/// `to_chuc.csv`, an unknown file, a missing, unknown or repeated column, a cell that does not
/// parse, a row that refers to a member or meeting missing from its file, totals that disagree
/// with the roll call.
pub fn read_folder(dir: impl AsRef<Path>) -> Result<Records, CsvError> {
    let mut records = Records::default();
    read(dir.as_ref(), &mut records, RollCalls::InMemory)?;
    Ok(records)
}

/// Reads the CSV folder `dir` record by record (đọc từng bản ghi) into `sink`, usually a
/// [`crate::DatasetBuilder`], without holding the records: every organisation, then every member,
/// then meetings, ratings and admissions, the order a builder takes them in.
///
/// Memory grows with the dataset, not with the files: the members' status changes
/// (`bien_dong.csv`, in any order) are held in a compact form until their members are read,
/// and the roll calls are read in step with the meetings. That needs the rows of
/// `diem_danh.csv` grouped by meeting, the groups in the order of the meetings in
/// `buoi_sinh_hoat.csv` (meetings without rows are skipped), as [`write_folder`] and
/// [`FolderWriter`] write them. A row out of that order is reported (with the number of rows
/// after it, which cannot be placed either); [`read_folder`] takes any order.
///
/// Otherwise the problems are those of [`read_folder`], and on a folder that reads without
/// problems `sink` gets the records [`read_folder`] returns, in the same order. On an error the
/// records handed over so far are incomplete: drop the sink.
///
/// `diem_danh.csv` is parsed on a thread of its own, ahead of the meetings; `sink` is only
/// called on the calling thread.
///
/// ```no_run
/// let mut builder = chibo::Dataset::builder();
/// chibo::csv::read_folder_into("du-lieu/ca-nuoc", &mut builder)?;
/// let dataset = builder.finish()?;
/// println!("{} meetings", dataset.counts().meetings);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`CsvError`] with every problem found, as for [`read_folder`].
pub fn read_folder_into(dir: impl AsRef<Path>, sink: &mut impl RecordSink) -> Result<(), CsvError> {
    read(dir.as_ref(), sink, RollCalls::InStep)
}

/// How roll-call rows find their meetings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RollCalls {
    /// Every meeting is held until `diem_danh.csv` has been read: rows in any order.
    InMemory,
    /// `diem_danh.csv` is read alongside `buoi_sinh_hoat.csv`: rows grouped by meeting, in the
    /// meetings' order.
    InStep,
}

fn read(dir: &Path, sink: &mut impl RecordSink, roll_calls: RollCalls) -> Result<(), CsvError> {
    let mut cx = Reader {
        dir,
        problems: Vec::new(),
    };
    cx.check_folder();

    cx.read(ORGANISATIONS, true, |row| {
        if let Some(o) = organisation(row) {
            sink.organisation(o);
        }
    });

    // Status changes first, held compactly, so that each member goes out whole as it is read.
    let mut changes = Changes::default();
    cx.read(CHANGES, false, |row| {
        if let Some((id, change)) = change(row) {
            changes.add(id, row.line, change);
        }
    });
    changes.sort();
    // Ids of rows that did not read: lines referring to them are not reported again.
    let mut failed_members: HashSet<String> = HashSet::new();
    cx.read(MEMBERS, false, |row| match member(row) {
        Some(mut m) => {
            changes.attach(&mut m);
            sink.member(m);
        }
        None => {
            failed_members.insert(row.peek("ma"));
        }
    });
    for (id, line) in changes.left() {
        if !failed_members.contains(id) {
            let p = Local {
                line,
                column: Some("ma_dang_vien"),
                message: format!("no member `{id}` in {MEMBERS}: fix the id or add the member"),
            };
            cx.problems.push(cx.at(CHANGES, p));
        }
    }
    drop(changes);
    drop(failed_members);

    match roll_calls {
        RollCalls::InMemory => meetings_in_memory(&mut cx, sink),
        RollCalls::InStep => meetings_in_step(&mut cx, sink),
    }

    cx.read(RATINGS, false, |row| {
        if let Some(r) = rating(row) {
            sink.rating(r);
        }
    });
    cx.read(ADMISSIONS, false, |row| {
        if let Some(a) = admission(row) {
            sink.admission(a);
        }
    });

    if cx.problems.is_empty() {
        return Ok(());
    }
    let rank = |p: &CsvProblem| {
        let name = p.file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let file = LAYOUT
            .iter()
            .position(|(f, _)| *f == name)
            .map_or(0, |i| i.saturating_add(1));
        (file, p.line.unwrap_or(0))
    };
    let mut problems = cx.problems;
    problems.sort_by_key(rank);
    Err(CsvError { problems })
}

/// Meetings with their roll calls, every meeting held until `diem_danh.csv` is read.
fn meetings_in_memory(cx: &mut Reader<'_>, sink: &mut impl RecordSink) {
    let mut pending: Vec<PendingMeeting> = Vec::new();
    let mut failed_meetings: HashSet<String> = HashSet::new();
    cx.read(MEETINGS, false, |row| match meeting(row) {
        Some(m) => pending.push(m),
        None => {
            failed_meetings.insert(row.peek("ma"));
        }
    });
    let mut meeting_ix: HashMap<String, usize> = HashMap::new();
    for (i, m) in pending.iter().enumerate() {
        meeting_ix.entry(m.record.id.clone()).or_insert(i);
    }
    cx.read(ROLL_CALLS, false, |row| {
        let id = row.text("ma_buoi");
        let entry = roll_call_entry(row);
        let (Some(id), Some(entry)) = (id, entry) else {
            return;
        };
        match meeting_ix.get(&id).and_then(|&i| pending.get_mut(i)) {
            Some(m) => m.roll.push(entry),
            None if failed_meetings.contains(&id) => {}
            None => row.problem(
                "ma_buoi",
                format!("no meeting `{id}` in {MEETINGS}: fix the id or add the meeting"),
            ),
        }
    });
    for m in pending {
        match finish_meeting(m) {
            Ok(record) => sink.meeting(record),
            Err(p) => cx.problems.push(cx.at(MEETINGS, p)),
        }
    }
}

/// Meetings with their roll calls, `diem_danh.csv` read alongside `buoi_sinh_hoat.csv`: each
/// meeting takes the roll-call rows that follow while they name it, and goes out.
fn meetings_in_step(cx: &mut Reader<'_>, sink: &mut impl RecordSink) {
    let mut roll = RollCursor::new(cx.open(ROLL_CALLS, false));
    // The rows of meetings that did not read.
    let mut scrap = Vec::new();
    cx.read(MEETINGS, false, |row| {
        let line = row.line;
        match meeting(row) {
            Some(mut m) => {
                roll.take(&m.record.id, line, &mut m.roll);
                match finish_meeting(m) {
                    Ok(record) => sink.meeting(record),
                    Err(p) => row.problems.push(p),
                }
            }
            None => {
                // Its rows are not reported again.
                roll.take(&row.peek("ma"), line, &mut scrap);
                scrap.clear();
            }
        }
    });
    if let Some(rows) = roll.finish() {
        cx.close(ROLL_CALLS, rows);
    }
}

/// How many rows of `diem_danh.csv` go from its reader to the meetings at a time.
const ROLL_BATCH: usize = 4096;
/// How many batches its reader may have ready ahead of the meetings.
const ROLL_BATCHES_AHEAD: usize = 4;

/// Rows of `diem_danh.csv`, in file order, read ahead of their meetings. Their ids are kept
/// in one buffer, so that the thread taking them allocates the `String`s it hands on (and
/// that are freed on its side) while a batch is only a few allocations.
struct RollBatch {
    /// The rows, in runs of rows that name the same meeting.
    runs: Vec<RollRun>,
    /// The rows' member ids (in `text`) and marks, `None` for those that did not read.
    marks: Vec<Option<(Range<usize>, Presence)>>,
    /// The meeting and member ids, one after the other.
    text: String,
}

/// Rows of `diem_danh.csv` that follow each other and name the same meeting.
struct RollRun {
    /// The meeting id in [`RollBatch::text`], `None` for rows where it did not read.
    meeting: Option<Range<usize>>,
    /// The line of its first row.
    line: Option<u64>,
    /// Where its rows are in [`RollBatch::marks`].
    rows: Range<usize>,
}

impl RollBatch {
    fn new() -> RollBatch {
        RollBatch {
            runs: Vec::new(),
            marks: Vec::with_capacity(ROLL_BATCH),
            text: String::new(),
        }
    }

    /// The next rows of `rows`, up to a batch, and whether the file may have more (reading
    /// stops for good at its end, or at a broken quote or a failed read).
    fn fill(rows: &mut Rows) -> (RollBatch, bool) {
        let mut batch = RollBatch::new();
        let mut more = true;
        while more && batch.marks.len() < ROLL_BATCH {
            more = batch.read(rows);
        }
        (batch, more)
    }

    /// Reads the next row of `rows` into the batch; `false` at the end of the file.
    fn read(&mut self, rows: &mut Rows) -> bool {
        let RollBatch { runs, marks, text } = self;
        rows.next(|row| {
            let meeting = row.req_str("ma_buoi");
            marks.push(roll_call(row).map(|(member, presence)| (keep(text, member), presence)));
            let end = marks.len();
            match runs.last_mut() {
                Some(run) if run.meeting.clone().and_then(|m| text.get(m)) == meeting => {
                    run.rows.end = end;
                }
                _ => runs.push(RollRun {
                    meeting: meeting.map(|m| keep(text, m)),
                    line: row.line,
                    rows: end.saturating_sub(1)..end,
                }),
            }
        })
        .is_some()
    }

    /// Text `at` in the batch's buffer.
    fn text(&self, at: &Range<usize>) -> &str {
        self.text.get(at.clone()).unwrap_or_default()
    }
}

/// Adds `s` to `text`, giving where it is.
fn keep(text: &mut String, s: &str) -> Range<usize> {
    let start = text.len();
    text.push_str(s);
    start..text.len()
}

/// Reads the rows of `diem_danh.csv` on a thread of its own, so that parsing them overlaps with
/// the meetings and the sink, and hands them over in batches, in file order; or, where no
/// thread can be started, on the caller's thread as they are needed.
enum RollReader {
    Apart {
        batches: Receiver<RollBatch>,
        /// Gives back the file's rows when it is done, with the problems found in them.
        done: JoinHandle<Option<Rows>>,
    },
    Here {
        rows: Box<Rows>,
        ended: bool,
    },
}

impl RollReader {
    fn spawn(rows: Rows) -> RollReader {
        let (send, batches) = sync_channel(ROLL_BATCHES_AHEAD);
        // The rows go to the thread once it has started, so that they stay here if it cannot.
        let (give, take) = sync_channel::<Rows>(1);
        let started = std::thread::Builder::new()
            .name("chibo diem_danh.csv".to_owned())
            .spawn(move || {
                let mut rows = take.recv().ok()?;
                loop {
                    let (batch, more) = RollBatch::fill(&mut rows);
                    // Stop at the end of the file, or when the meetings are no longer read.
                    if batch.marks.is_empty() || send.send(batch).is_err() || !more {
                        break;
                    }
                }
                Some(rows)
            });
        match started {
            Ok(done) => match give.send(rows) {
                Ok(()) => RollReader::Apart { batches, done },
                Err(back) => RollReader::here(back.0),
            },
            Err(_) => RollReader::here(rows),
        }
    }

    fn here(rows: Rows) -> RollReader {
        RollReader::Here {
            rows: Box::new(rows),
            ended: false,
        }
    }

    /// The next batch; `None` at the end of the file.
    fn next(&mut self) -> Option<RollBatch> {
        match self {
            RollReader::Apart { batches, .. } => batches.recv().ok(),
            RollReader::Here { ended: true, .. } => None,
            RollReader::Here { rows, ended } => {
                let (batch, more) = RollBatch::fill(rows);
                *ended = !more;
                (!batch.marks.is_empty()).then_some(batch)
            }
        }
    }

    /// Waits for the reader to finish and gives back the rows.
    fn join(self) -> Option<Rows> {
        match self {
            RollReader::Apart { batches, done } => {
                drop(batches);
                match done.join() {
                    Ok(rows) => rows,
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            RollReader::Here { rows, .. } => Some(*rows),
        }
    }
}

/// Where reading `diem_danh.csv` alongside the meetings stands.
struct RollCursor {
    /// `None` when the file is missing or cannot be opened.
    reader: Option<RollReader>,
    /// The batch being taken from, and its next run.
    batch: RollBatch,
    run: usize,
    /// The line of the first meeting the next run did not belong to.
    since: Option<u64>,
}

impl RollCursor {
    fn new(rows: Option<Rows>) -> RollCursor {
        RollCursor {
            reader: rows.map(RollReader::spawn),
            batch: RollBatch::new(),
            run: 0,
            since: None,
        }
    }

    /// The next run not yet taken, with its batch; `None` at the end of the file.
    fn peek(&mut self) -> Option<(&RollRun, &RollBatch)> {
        while self.run >= self.batch.runs.len() {
            self.batch = self.reader.as_mut()?.next()?;
            self.run = 0;
        }
        let run = self.batch.runs.get(self.run)?;
        Some((run, &self.batch))
    }

    /// Takes the rows that follow while they name meeting `id` (on `line` of the meetings).
    fn take(&mut self, id: &str, line: Option<u64>, roll: &mut Vec<RollCallEntry>) {
        while let Some((run, batch)) = self.peek() {
            match &run.meeting {
                Some(m) if batch.text(m) == id => {
                    let marks = batch.marks.get(run.rows.clone()).unwrap_or_default();
                    // A meeting's rows are usually one run: its roll call gets its size at once.
                    roll.reserve_exact(marks.len());
                    roll.extend(
                        marks
                            .iter()
                            .flatten()
                            .map(|(member, presence)| RollCallEntry {
                                member: batch.text(member).to_owned(),
                                presence: *presence,
                            }),
                    );
                    self.since = None;
                }
                // The id did not read: reported already.
                None => {}
                Some(_) => {
                    if self.since.is_none() {
                        self.since = line;
                    }
                    return;
                }
            }
            self.run = self.run.saturating_add(1);
        }
    }

    /// Reports the first row no meeting took, if any, with how many follow it; gives back the
    /// file's rows with their problems, `None` if it was not read.
    fn finish(mut self) -> Option<Rows> {
        let since = self.since;
        let first = self.peek().map(|(run, batch)| {
            let id = run.meeting.as_ref().map_or("", |m| batch.text(m));
            (id.to_owned(), run.line)
        });
        let mut left = 0usize;
        while let Some((run, _)) = self.peek() {
            left = left.saturating_add(run.rows.len());
            self.run = self.run.saturating_add(1);
        }
        let mut rows = self.reader?.join()?;
        if let Some((id, line)) = first {
            let place = since.map_or_else(String::new, |l| format!(" from line {l} on"));
            let rest = match left.saturating_sub(1) {
                0 => String::new(),
                1 => " (and the row after it)".to_owned(),
                n => format!(" (and the {n} rows after it)"),
            };
            let message = format!(
                "no meeting `{id}` in {MEETINGS}{place}{rest}: fix the id, or keep the rows of each meeting together and in the order of {MEETINGS}, as reading in step with the meetings needs (read_folder takes any order)"
            );
            rows.problems.push(Local {
                line,
                column: Some("ma_buoi"),
                message,
            });
        }
        Some(rows)
    }
}

/// Status changes read from `bien_dong.csv`, held until their members are read: sorted by
/// member, cells interned.
#[derive(Default)]
struct Changes {
    rows: Vec<HeldChange>,
    cells: Vec<String>,
    cell_ix: HashMap<String, u32>,
}

struct HeldChange {
    member: Box<str>,
    line: Option<u64>,
    change: HeldKind,
    taken: bool,
}

enum HeldKind {
    Posting {
        cell: u32,
        from: NaiveDate,
        until: Option<NaiveDate>,
        temporary: bool,
    },
    Leave(Leave),
}

impl Changes {
    fn add(&mut self, member: String, line: Option<u64>, change: Change) {
        let change = match change {
            Change::Leave(l) => HeldKind::Leave(l),
            Change::Posting(p) => {
                let cell = match self.cell_ix.get(&p.cell) {
                    Some(&i) => i,
                    None => {
                        let i = u32::try_from(self.cells.len()).unwrap_or(u32::MAX);
                        self.cell_ix.insert(p.cell.clone(), i);
                        self.cells.push(p.cell);
                        i
                    }
                };
                HeldKind::Posting {
                    cell,
                    from: p.from,
                    until: p.until,
                    temporary: p.temporary,
                }
            }
        };
        self.rows.push(HeldChange {
            member: member.into(),
            line,
            change,
            taken: false,
        });
    }

    /// Sorts by member, keeping each member's rows in file order.
    fn sort(&mut self) {
        self.rows
            .sort_unstable_by(|a, b| (&a.member, a.line).cmp(&(&b.member, b.line)));
        self.cell_ix = HashMap::new();
    }

    /// Gives `m` the postings and leaves of its id, unless a member with that id took them.
    fn attach(&mut self, m: &mut MemberRecord) {
        let start = self.rows.partition_point(|r| *r.member < *m.id);
        let Some(group) = self.rows.get_mut(start..) else {
            return;
        };
        for r in group.iter_mut().take_while(|r| *r.member == *m.id) {
            if r.taken {
                return;
            }
            r.taken = true;
            match &r.change {
                HeldKind::Posting {
                    cell,
                    from,
                    until,
                    temporary,
                } => m.postings.push(Posting {
                    cell: self.cells.get(*cell as usize).cloned().unwrap_or_default(),
                    from: *from,
                    until: *until,
                    temporary: *temporary,
                }),
                HeldKind::Leave(l) => m.leaves.push(l.clone()),
            }
        }
    }

    /// The member ids and lines of the rows no member took.
    fn left(&self) -> impl Iterator<Item = (&str, Option<u64>)> {
        self.rows
            .iter()
            .filter(|r| !r.taken)
            .map(|r| (&*r.member, r.line))
    }
}

/// Writes `records` to the folder `dir` in the layout of the module docs, creating the folder
/// if needed and replacing the seven files (every file is written, with its header row, even
/// when it has no rows). Other files in the folder are left alone. [`FolderWriter`] writes the
/// same files from records given one at a time.
///
/// [`read_folder`] reads back records equal to `records` when ids are unique within their
/// kind (roll-call and posting rows attach to the first meeting or member with their id), texts
/// have no surrounding spaces (cells are trimmed) and optional texts are not empty (an empty
/// cell reads as none).
///
/// # Errors
/// Any I/O error creating the folder or writing a file.
pub fn write_folder(records: &Records, dir: impl AsRef<Path>) -> io::Result<()> {
    let mut w = FolderWriter::create(dir)?;
    for o in &records.organisations {
        w.write_organisation(o);
    }
    for m in &records.members {
        w.write_member(m);
    }
    for m in &records.meetings {
        w.write_meeting(m);
    }
    for r in &records.ratings {
        w.write_rating(r);
    }
    for a in &records.admissions {
        w.write_admission(a);
    }
    w.finish()
}

/// Writes records to a CSV folder as they come (ghi thư mục CSV), holding none: a
/// [`RecordSink`], so `synth` can write a country-size folder.
///
/// [`FolderWriter::create`] creates the folder if needed and the seven files with their header
/// rows (replacing files of those names; other files are left alone); each record then adds its
/// rows (a member's postings and leaves to `bien_dong.csv` after them, a meeting's roll call
/// to `diem_danh.csv`), and [`FolderWriter::finish`] flushes the files. Given the records of a
/// [`Records`] in order, the files are those [`write_folder`] writes, roll calls in the order
/// [`read_folder_into`] reads.
///
/// The first I/O error stops the writing; later records are dropped and
/// [`FolderWriter::finish`] returns the error.
///
/// ```no_run
/// use chibo::synth::SynthConfig;
///
/// let mut writer = chibo::csv::FolderWriter::create("du-lieu/ca-nuoc")?;
/// SynthConfig::country().generate_into(&mut writer);
/// writer.finish()?;
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct FolderWriter {
    files: Files,
    error: Option<io::Error>,
}

struct Files {
    organisations: ::csv::Writer<File>,
    members: ::csv::Writer<File>,
    changes: ::csv::Writer<File>,
    meetings: ::csv::Writer<File>,
    roll_calls: ::csv::Writer<File>,
    ratings: ::csv::Writer<File>,
    admissions: ::csv::Writer<File>,
}

impl fmt::Debug for FolderWriter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FolderWriter")
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

impl FolderWriter {
    /// Creates the folder `dir` if needed, and in it the seven files with their header rows.
    ///
    /// # Errors
    /// Any I/O error creating the folder or a file.
    pub fn create(dir: impl AsRef<Path>) -> io::Result<FolderWriter> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir)?;
        let open = |name: &str, columns: &[&str]| -> io::Result<::csv::Writer<File>> {
            let mut w = ::csv::Writer::from_path(dir.join(name))?;
            w.write_record(columns)?;
            Ok(w)
        };
        Ok(FolderWriter {
            files: Files {
                organisations: open(ORGANISATIONS, ORG_COLUMNS)?,
                members: open(MEMBERS, MEMBER_COLUMNS)?,
                changes: open(CHANGES, CHANGE_COLUMNS)?,
                meetings: open(MEETINGS, MEETING_COLUMNS)?,
                roll_calls: open(ROLL_CALLS, ROLL_COLUMNS)?,
                ratings: open(RATINGS, RATING_COLUMNS)?,
                admissions: open(ADMISSIONS, ADMISSION_COLUMNS)?,
            },
            error: None,
        })
    }

    /// Flushes every file.
    ///
    /// # Errors
    /// The first I/O error met while writing or flushing.
    pub fn finish(self) -> io::Result<()> {
        let FolderWriter { mut files, error } = self;
        if let Some(e) = error {
            return Err(e);
        }
        for w in [
            &mut files.organisations,
            &mut files.members,
            &mut files.changes,
            &mut files.meetings,
            &mut files.roll_calls,
            &mut files.ratings,
            &mut files.admissions,
        ] {
            w.flush()?;
        }
        Ok(())
    }

    /// Runs `write` unless an error stopped the writing; keeps its error.
    fn attempt(&mut self, write: impl FnOnce(&mut Files) -> ::csv::Result<()>) {
        if self.error.is_none() {
            if let Err(e) = write(&mut self.files) {
                self.error = Some(e.into());
            }
        }
    }

    fn write_organisation(&mut self, o: &OrganisationRecord) {
        self.attempt(|f| {
            f.organisations.write_record([
                o.id.as_str(),
                &o.name,
                o.level.code(),
                o.parent.as_deref().unwrap_or(""),
                o.kind.map_or("", CellKind::code),
                &opt_date(o.founded_on),
                &opt_date(o.dissolved_on),
            ])
        });
    }

    fn write_member(&mut self, m: &MemberRecord) {
        self.attempt(|f| {
            f.members.write_record([
                m.id.as_str(),
                m.name.as_deref().unwrap_or(""),
                &date(m.admitted_on),
                &opt_date(m.official_on),
                &opt_date(m.exit.as_ref().map(|e| e.on)),
                m.exit.as_ref().map_or("", |e| e.reason.code()),
            ])?;
            for p in &m.postings {
                let kind = if p.temporary {
                    ChangeKind::Temporary
                } else {
                    ChangeKind::Posting
                };
                f.changes.write_record([
                    m.id.as_str(),
                    kind.code(),
                    &p.cell,
                    &date(p.from),
                    &opt_date(p.until),
                ])?;
            }
            for l in &m.leaves {
                let kind = match l.kind {
                    LeaveKind::Exempted => ChangeKind::Exempted,
                    LeaveKind::Suspended => ChangeKind::Suspended,
                };
                f.changes.write_record([
                    m.id.as_str(),
                    kind.code(),
                    "",
                    &date(l.from),
                    &opt_date(l.until),
                ])?;
            }
            Ok(())
        });
    }

    fn write_meeting(&mut self, m: &MeetingRecord) {
        self.attempt(|f| {
            let counts = match &m.attendance {
                Attendance::Counts(c) => [
                    c.expected.to_string(),
                    c.present.to_string(),
                    c.absent_with_reason.to_string(),
                    c.absent_without_reason.to_string(),
                ],
                Attendance::RollCall(_) => Default::default(),
            };
            let [expected, present, with_reason, without_reason] = &counts;
            let p = &m.preparation;
            let c = &m.content;
            let linked: Vec<&str> = c.linked_to.iter().map(|r| r.code()).collect();
            let sa = m.self_assessment;
            f.meetings.write_record([
                m.id.as_str(),
                &m.cell,
                &date(m.date),
                m.kind.code(),
                &m.duration_minutes.to_string(),
                yes_no(p.content_prepared),
                opt_yes_no(p.committee_met),
                yes_no(p.draft_resolution),
                yes_no(p.documents_sent_ahead),
                yes_no(m.minutes_kept),
                yes_no(m.principles_observed),
                yes_no(m.conclusion_carried_out),
                expected,
                present,
                with_reason,
                without_reason,
                yes_no(c.follows_programme),
                yes_no(c.last_month_reviewed),
                &c.tasks.to_string(),
                &c.tasks_with_owner_and_deadline.to_string(),
                &linked.join(";"),
                opt_yes_no(c.directives_adapted),
                yes_no(sa.is_some()),
                sa.and_then(|s| s.level).map_or("", MeetingQuality::code),
                &sa.and_then(|s| s.score)
                    .map_or_else(String::new, |s| s.to_string()),
            ])?;
            if let Attendance::RollCall(entries) = &m.attendance {
                for e in entries {
                    f.roll_calls
                        .write_record([m.id.as_str(), &e.member, e.presence.code()])?;
                }
            }
            Ok(())
        });
    }

    fn write_rating(&mut self, r: &RatingRecord) {
        self.attempt(|f| {
            let (subject, id) = match &r.subject {
                RatingSubject::Member(id) => (SubjectKind::Member, id),
                RatingSubject::Organisation(id) => (SubjectKind::Organisation, id),
            };
            let (level, reason) = match r.result {
                RatingResult::Rated(l) => (l.code(), ""),
                RatingResult::NotRated(n) => ("", n.code()),
            };
            f.ratings.write_record([
                subject.code(),
                id.as_str(),
                &r.year.to_string(),
                level,
                reason,
                opt_yes_no(r.disciplined),
            ])
        });
    }

    fn write_admission(&mut self, a: &AdmissionRecord) {
        self.attempt(|f| {
            f.admissions
                .write_record([a.member.as_str(), &a.cell, &date(a.date)])
        });
    }
}

/// Writes each record's rows as it comes.
impl RecordSink for FolderWriter {
    fn organisation(&mut self, record: OrganisationRecord) {
        self.write_organisation(&record);
    }
    fn member(&mut self, record: MemberRecord) {
        self.write_member(&record);
    }
    fn meeting(&mut self, record: MeetingRecord) {
        self.write_meeting(&record);
    }
    fn rating(&mut self, record: RatingRecord) {
        self.write_rating(&record);
    }
    fn admission(&mut self, record: AdmissionRecord) {
        self.write_admission(&record);
    }
}

fn date(d: NaiveDate) -> String {
    d.to_string()
}

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map_or_else(String::new, date)
}

fn yes_no(b: bool) -> &'static str {
    if b { "co" } else { "khong" }
}

fn opt_yes_no(b: Option<bool>) -> &'static str {
    b.map_or("", yes_no)
}

// ---------------------------------------------------------------------------------------------
// Reading files

struct Reader<'d> {
    dir: &'d Path,
    problems: Vec<CsvProblem>,
}

/// A problem inside a file, before the file's path is known.
struct Local {
    line: Option<u64>,
    column: Option<&'static str>,
    message: String,
}

impl Reader<'_> {
    fn at(&self, file: &str, p: Local) -> CsvProblem {
        CsvProblem {
            file: self.dir.join(file),
            line: p.line,
            column: p.column.map(str::to_owned),
            message: p.message,
        }
    }

    fn folder_problem(&mut self, message: String) {
        self.problems.push(CsvProblem {
            file: self.dir.to_path_buf(),
            line: None,
            column: None,
            message,
        });
    }

    /// The folder exists and holds no `.csv` file outside the layout.
    fn check_folder(&mut self) {
        let entries = match std::fs::read_dir(self.dir) {
            Ok(e) => e,
            Err(e) => {
                self.folder_problem(format!(
                    "cannot read the folder ({e}): give the path of a folder of CSV files"
                ));
                return;
            }
        };
        let mut unknown = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let is_csv = Path::new(&*name)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            if is_csv && !LAYOUT.iter().any(|(f, _)| *f == name) {
                unknown.push(name.into_owned());
            }
        }
        unknown.sort();
        let expected: Vec<&str> = LAYOUT.iter().map(|(f, _)| *f).collect();
        for name in unknown {
            self.problems.push(CsvProblem {
                file: self.dir.join(&name),
                line: None,
                column: None,
                message: format!(
                    "unknown file: rename it to one of {} or move it out of the folder",
                    expected.join(", ")
                ),
            });
        }
    }

    /// Reads `file` row by row, calling `on_row` for every row that is not blank.
    fn read(&mut self, file: &'static str, required: bool, mut on_row: impl FnMut(&mut Row<'_>)) {
        if let Some(mut rows) = self.open(file, required) {
            while rows.next(&mut on_row).is_some() {}
            self.close(file, rows);
        }
    }

    /// Opens `file` and reads its header row; `None` if it is missing (a problem if it is
    /// `required`) or cannot be opened (a problem).
    fn open(&mut self, file: &'static str, required: bool) -> Option<Rows> {
        let columns = LAYOUT
            .iter()
            .find(|(f, _)| *f == file)
            .map_or(&[][..], |(_, c)| *c);
        let path = self.dir.join(file);
        match File::open(&path) {
            Ok(h) => Some(Rows::new(h, columns)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if required && path.parent().is_some_and(Path::is_dir) {
                    self.problems.push(self.at(
                        file,
                        Local {
                            line: None,
                            column: None,
                            message: format!(
                                "file is missing: a folder needs at least {ORGANISATIONS}, with its organisations and cells"
                            ),
                        },
                    ));
                }
                None
            }
            Err(e) => {
                let p = Local {
                    line: None,
                    column: None,
                    message: format!("cannot open the file ({e}): check it is readable"),
                };
                self.problems.push(self.at(file, p));
                None
            }
        }
    }

    /// Files the problems found reading `file`.
    fn close(&mut self, file: &'static str, rows: Rows) {
        for p in rows.problems {
            self.problems.push(self.at(file, p));
        }
    }
}

/// How many bytes of a file are read at a time.
const READ_BUFFER: usize = 1 << 16;

/// The rows of one file, read one at a time, and the problems found in them.
struct Rows {
    reader: ::csv::Reader<BufReader<File>>,
    record: Record,
    columns: &'static [&'static str],
    /// `None` once nothing more can be read.
    index: Option<HeaderIndex>,
    problems: Vec<Local>,
}

impl Rows {
    /// Reads the header row.
    fn new(handle: File, columns: &'static [&'static str]) -> Rows {
        let mut buffered = BufReader::new(handle);
        let delimiter = match buffered.fill_buf() {
            Ok(buf) => sniff_delimiter(buf),
            Err(_) => b',',
        };
        let reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            // Reads past the first buffer bypass it, in chunks of this size.
            .buffer_capacity(READ_BUFFER)
            .from_reader(buffered);
        let mut rows = Rows {
            reader,
            record: Record::Empty,
            columns,
            index: None,
            problems: Vec::new(),
        };
        match rows.record.read(&mut rows.reader) {
            Ok(true) => {
                if let Some(header) = rows.record.bytes() {
                    rows.index = header_index(header, columns, &mut rows.problems);
                }
            }
            Ok(false) => rows.problems.push(Local {
                line: Some(1),
                column: None,
                message: format!(
                    "file is empty: write the header row ({}), or delete the file",
                    columns.join(",")
                ),
            }),
            Err(e) => rows.problems.push(csv_failure(&e)),
        }
        rows
    }

    /// Calls `on_row` with the next row that is not blank; `None` at the end of the file.
    fn next<T>(&mut self, on_row: impl FnOnce(&mut Row<'_>) -> T) -> Option<T> {
        let Rows {
            reader,
            record,
            columns,
            index,
            problems,
        } = self;
        let header = index.as_ref()?;
        loop {
            match record.read(reader) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    problems.push(csv_failure(&e));
                    // A broken quote or an I/O error: the rest of the file cannot be trusted.
                    if !matches!(e.kind(), ::csv::ErrorKind::Utf8 { .. }) {
                        break;
                    }
                    continue;
                }
            }
            let Some(bytes) = record.bytes() else {
                continue;
            };
            if bytes.iter().all(|f| f.trim_ascii().is_empty()) {
                continue;
            }
            let line = bytes.position().map(::csv::Position::line);
            if bytes
                .iter()
                .skip(header.width)
                .any(|f| !f.trim_ascii().is_empty())
            {
                problems.push(Local {
                    line,
                    column: None,
                    message: format!(
                        "the row has {} cells, more than the {} columns of the header: delete the extra cells or name their column",
                        bytes.len(),
                        header.width
                    ),
                });
            }
            let mut row = Row {
                record,
                line,
                columns,
                index: &header.positions,
                hint: 0,
                problems,
            };
            return Some(on_row(&mut row));
        }
        *index = None;
        None
    }
}

/// The row just read: as text when it is UTF-8 throughout (the usual case: its cells need no
/// further check), else as bytes, each cell then checked as it is read.
enum Record {
    /// No row yet, or the next one being read.
    Empty,
    Text(::csv::StringRecord),
    Bytes(::csv::ByteRecord),
}

impl Record {
    /// Reads the next row into this one, reusing its buffers; `false` at the end of the file.
    fn read(&mut self, reader: &mut ::csv::Reader<BufReader<File>>) -> ::csv::Result<bool> {
        // Moving the record out and back neither copies nor allocates.
        let mut bytes = match std::mem::replace(self, Record::Empty) {
            Record::Empty => ::csv::ByteRecord::new(),
            Record::Text(text) => text.into_byte_record(),
            Record::Bytes(bytes) => bytes,
        };
        let read = reader.read_byte_record(&mut bytes);
        *self = match ::csv::StringRecord::from_byte_record(bytes) {
            Ok(text) => Record::Text(text),
            Err(e) => Record::Bytes(e.into_byte_record()),
        };
        read
    }

    fn bytes(&self) -> Option<&::csv::ByteRecord> {
        match self {
            Record::Empty => None,
            Record::Text(text) => Some(text.as_byte_record()),
            Record::Bytes(bytes) => Some(bytes),
        }
    }

    /// Cell `at` with its surrounding spaces trimmed: empty past the end of the row, `Err` if it
    /// is not UTF-8.
    fn cell(&self, at: usize) -> Result<&str, std::str::Utf8Error> {
        let cell = match self {
            Record::Empty => "",
            Record::Text(text) => text.get(at).unwrap_or(""),
            Record::Bytes(bytes) => std::str::from_utf8(bytes.get(at).unwrap_or(&[]))?,
        };
        Ok(trim(cell))
    }
}

/// `s` without surrounding whitespace, as [`str::trim`], quick when there is none.
fn trim(s: &str) -> &str {
    let bytes = s.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

fn csv_failure(e: &::csv::Error) -> Local {
    let line = e.position().map(::csv::Position::line);
    let message = match e.kind() {
        ::csv::ErrorKind::Io(io) => format!("cannot read the file ({io}): check it is readable"),
        ::csv::ErrorKind::Utf8 { .. } => {
            "the row is not valid UTF-8: save the file as \"CSV UTF-8\"".to_owned()
        }
        _ => format!("the file cannot be read as CSV ({e}): check its quotes and separators"),
    };
    Local {
        line,
        column: None,
        message,
    }
}

/// `,` unless the header row has none and has `;` or tabs.
fn sniff_delimiter(buf: &[u8]) -> u8 {
    let first = buf.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let has = |c: u8| first.contains(&c);
    if has(b',') {
        b','
    } else if has(b';') {
        b';'
    } else if has(b'\t') {
        b'\t'
    } else {
        b','
    }
}

/// Where each layout column sits in the file, and how wide the header is.
struct HeaderIndex {
    positions: Vec<Option<usize>>,
    width: usize,
}

fn header_index(
    header: &::csv::ByteRecord,
    columns: &'static [&'static str],
    problems: &mut Vec<Local>,
) -> Option<HeaderIndex> {
    let mut positions: Vec<Option<usize>> = vec![None; columns.len()];
    let cells: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(i, raw)| {
            let raw = if i == 0 {
                raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw)
            } else {
                raw
            };
            String::from_utf8_lossy(raw).trim().to_owned()
        })
        .collect();
    // Trailing empty header cells (left by spreadsheets) do not count.
    let width = cells
        .iter()
        .rposition(|c| !c.is_empty())
        .map_or(0, |i| i.saturating_add(1));
    let mut ok = true;
    let line = Some(1);
    for (i, cell) in cells.iter().enumerate().take(width) {
        if cell.is_empty() {
            ok = false;
            problems.push(Local {
                line,
                column: None,
                message: format!(
                    "header cell {} is empty: name the column or delete it",
                    i.saturating_add(1)
                ),
            });
            continue;
        }
        let key = header_key(cell);
        match columns.iter().position(|c| *c == key) {
            Some(pos) => match positions.get_mut(pos) {
                Some(slot @ None) => *slot = Some(i),
                Some(Some(_)) => {
                    ok = false;
                    problems.push(Local {
                        line,
                        column: columns.get(pos).copied(),
                        message: "the column appears twice in the header: keep one".to_owned(),
                    });
                }
                None => {}
            },
            None => {
                ok = false;
                problems.push(Local {
                    line,
                    column: None,
                    message: format!(
                        "unknown column `{cell}`: rename it to one of {} or delete it",
                        columns.join(", ")
                    ),
                });
            }
        }
    }
    for (pos, column) in columns.iter().enumerate() {
        if positions.get(pos).copied().flatten().is_none() {
            problems.push(Local {
                line,
                column: Some(column),
                message: "the column is missing: add it to the header row (its cells may be empty where the value is optional)".to_owned(),
            });
        }
    }
    // Rows are still read with a flawed header, to report their problems in the same pass;
    // a header with no known column at all is probably not this file's.
    (ok || positions.iter().any(Option::is_some)).then_some(HeaderIndex { positions, width })
}

/// A header cell as a layout column name: lowercase ASCII, diacritics dropped, words joined by `_`.
fn header_key(cell: &str) -> String {
    fold(cell)
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// A cell as a code key: lowercase, diacritics dropped, words joined by single spaces.
fn code_key(cell: &str) -> String {
    fold(cell)
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lowercase with Vietnamese diacritics removed (`Đảng` → `dang`), for composed or decomposed
/// text.
fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ'
            | 'ẩ' | 'ẫ' | 'ậ' => 'a',
            'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' => {
                'e'
            }
            'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
            'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ'
            | 'ở' | 'ỡ' | 'ợ' => 'o',
            'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => {
                'u'
            }
            'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
            'đ' => 'd',
            c => c,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Rows and cells

/// One row of a file, with typed getters that record a problem and return `None` on failure.
struct Row<'r> {
    record: &'r Record,
    line: Option<u64>,
    columns: &'static [&'static str],
    index: &'r [Option<usize>],
    /// Where in `columns` the next column asked for probably is: just after the last one found.
    hint: usize,
    problems: &'r mut Vec<Local>,
}

impl<'r> Row<'r> {
    fn problem(&mut self, column: &'static str, message: String) {
        self.problems.push(Local {
            line: self.line,
            column: Some(column),
            message,
        });
    }

    /// Where `column` sits in the file; `None` when it is missing from the header.
    #[inline]
    fn position(&mut self, column: &'static str) -> Option<usize> {
        // The record readers ask for the columns in layout order, with the layout's own names
        // (equal literals are merged): comparing the address with the column after the last
        // one found mostly settles it without searching or comparing text.
        let pos = match self.columns.get(self.hint) {
            Some(c) if std::ptr::eq(*c, column) => self.hint,
            _ => self.columns.iter().position(|c| *c == column)?,
        };
        self.hint = pos.saturating_add(1);
        *self.index.get(pos)?
    }

    /// The trimmed cell as text, without reporting anything; empty when it cannot be read.
    fn peek(&mut self, column: &'static str) -> String {
        self.position(column)
            .and_then(|at| self.record.cell(at).ok())
            .map_or_else(String::new, str::to_owned)
    }

    /// The trimmed cell; `None` when the column is missing from the header (already reported)
    /// or the cell is not UTF-8.
    fn raw(&mut self, column: &'static str) -> Option<&'r str> {
        let at = self.position(column)?;
        match self.record.cell(at) {
            Ok(s) => Some(s),
            Err(_) => {
                self.problem(
                    column,
                    "the cell is not valid UTF-8: save the file as \"CSV UTF-8\"".to_owned(),
                );
                None
            }
        }
    }

    /// An optional cell parsed by `parse`: `Some(None)` when empty, `None` on failure.
    fn opt<T>(
        &mut self,
        column: &'static str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<Option<T>> {
        let text = self.raw(column)?;
        if text.is_empty() {
            return Some(None);
        }
        match parse(text) {
            Ok(v) => Some(Some(v)),
            Err(message) => {
                self.problem(column, message);
                None
            }
        }
    }

    /// A required cell as it is, borrowed from the row.
    fn req_str(&mut self, column: &'static str) -> Option<&'r str> {
        let text = self.raw(column)?;
        if text.is_empty() {
            self.problem(
                column,
                "the cell is empty: fill it in, this value is required".to_owned(),
            );
            return None;
        }
        Some(text)
    }

    /// A required cell parsed by `parse`.
    fn req<T>(
        &mut self,
        column: &'static str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let text = self.req_str(column)?;
        match parse(text) {
            Ok(v) => Some(v),
            Err(message) => {
                self.problem(column, message);
                None
            }
        }
    }

    /// A required text (an id).
    fn text(&mut self, column: &'static str) -> Option<String> {
        self.req_str(column).map(str::to_owned)
    }

    /// An optional text.
    fn opt_text(&mut self, column: &'static str) -> Option<Option<String>> {
        self.opt(column, |s| Ok(s.to_owned()))
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    // The usual case, without going through chrono's general parser.
    if let Some(d) = plain_date(s.as_bytes()) {
        return Ok(d);
    }
    // Exactly the form dates are written in: YYYY-MM-DD (a sign before years past 9999).
    if let Ok(d) = s.parse::<NaiveDate>() {
        if date(d) == s {
            return Ok(d);
        }
    }
    // Suggest the ISO form of a day-first date, the way Vietnamese documents write them.
    let hint = NaiveDate::parse_from_str(s, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d-%m-%Y"))
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .map(|d| format!(" ({})", date(d)))
        .unwrap_or_default();
    Err(format!("`{s}` is not a date: write it as YYYY-MM-DD{hint}"))
}

/// A date written `YYYY-MM-DD` with four digits for the year, as [`date`] writes years 0 to
/// 9999; `None` for anything else, left to [`parse_date`]'s general path.
fn plain_date(s: &[u8]) -> Option<NaiveDate> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *s else {
        return None;
    };
    let year = digits(&[y0, y1, y2, y3])?;
    let month = digits(&[m0, m1])?;
    let day = digits(&[d0, d1])?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// The value of a few ASCII digits; `None` if one is not a digit.
fn digits(s: &[u8]) -> Option<u32> {
    s.iter().try_fold(0u32, |n, &b| {
        let d = b.checked_sub(b'0').filter(|d| *d < 10)?;
        n.checked_mul(10)?.checked_add(u32::from(d))
    })
}

fn parse_bool(s: &str) -> Result<bool, String> {
    let word = |w: &str| match w {
        "co" | "1" | "true" => Some(true),
        "khong" | "0" | "false" => Some(false),
        _ => None,
    };
    // The codes as written first, before folding case and diacritics.
    word(s).or_else(|| word(&code_key(s))).ok_or_else(|| {
        format!(
            "`{s}` is not yes or no: write co or khong (có, không, 1, 0, true and false also do)"
        )
    })
}

fn parse_number<T: std::str::FromStr + Bounded>(s: &str) -> Result<T, String> {
    s.parse().map_err(|_| {
        format!(
            "`{s}` is not a whole number from {} to {}: write digits only",
            T::MIN_TEXT,
            T::MAX_TEXT
        )
    })
}

/// Number types' ranges, for messages.
trait Bounded {
    const MIN_TEXT: &'static str;
    const MAX_TEXT: &'static str;
}

impl Bounded for u8 {
    const MIN_TEXT: &'static str = "0";
    const MAX_TEXT: &'static str = "255";
}
impl Bounded for u16 {
    const MIN_TEXT: &'static str = "0";
    const MAX_TEXT: &'static str = "65535";
}
impl Bounded for u32 {
    const MIN_TEXT: &'static str = "0";
    const MAX_TEXT: &'static str = "4294967295";
}
impl Bounded for i32 {
    const MIN_TEXT: &'static str = "-2147483648";
    const MAX_TEXT: &'static str = "2147483647";
}

/// An enum read from its code or its Vietnamese label.
trait Coded: Copy + 'static {
    /// What it is, in a message: "organisation level".
    const WHAT: &'static str;
    fn all() -> &'static [Self];
    fn code(self) -> &'static str;
    fn label(self) -> &'static str;
}

macro_rules! coded {
    ($($t:ident => $what:literal,)+) => {$(
        impl Coded for $t {
            const WHAT: &'static str = $what;
            fn all() -> &'static [Self] { $t::ALL }
            fn code(self) -> &'static str { $t::code(self) }
            fn label(self) -> &'static str { $t::label(self) }
        }
    )+};
}

coded! {
    OrgLevel => "organisation level (cap)",
    CellKind => "cell kind (loai hinh)",
    ExitReason => "reason for leaving (ly do ra)",
    MeetingKind => "meeting kind (loai sinh hoat)",
    Presence => "roll-call mark (tinh trang)",
    Reference => "document (lien he)",
    MeetingQuality => "meeting quality (muc chat luong)",
    RatingLevel => "rating level (muc xep loai)",
    NotRatedReason => "reason for not rating (ly do khong xep loai)",
}

fn parse_code<T: Coded>(s: &str) -> Result<T, String> {
    if let Some(&v) = T::all().iter().find(|v| v.code() == s) {
        return Ok(v);
    }
    let key = code_key(s);
    T::all()
        .iter()
        .copied()
        .find(|v| code_key(v.code()) == key || code_key(v.label()) == key)
        .ok_or_else(|| {
            let codes: Vec<&str> = T::all().iter().map(|v| v.code()).collect();
            format!(
                "`{s}` is not a {}: write one of {}",
                T::WHAT,
                codes.join(", ")
            )
        })
}

fn parse_list<T: Coded>(s: &str) -> Result<Vec<T>, String> {
    s.split([';', ','])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(parse_code)
        .collect::<Result<Vec<T>, String>>()
        .map_err(|e| format!("{e}, separated by `;`"))
}

// ---------------------------------------------------------------------------------------------
// Records

fn organisation(row: &mut Row<'_>) -> Option<OrganisationRecord> {
    let id = row.text("ma");
    let name = row.raw("ten").map(str::to_owned);
    let level = row.req("cap", parse_code::<OrgLevel>);
    let parent = row.opt_text("ma_cap_tren");
    let kind = row.opt("loai_hinh", parse_code::<CellKind>);
    let founded_on = row.opt("ngay_thanh_lap", parse_date);
    let dissolved_on = row.opt("ngay_giai_the", parse_date);
    Some(OrganisationRecord {
        id: id?,
        name: name?,
        level: level?,
        parent: parent?,
        kind: kind?,
        founded_on: founded_on?,
        dissolved_on: dissolved_on?,
    })
}

fn member(row: &mut Row<'_>) -> Option<MemberRecord> {
    let id = row.text("ma");
    let name = row.opt_text("ho_ten");
    let admitted_on = row.req("ngay_vao_dang", parse_date);
    let official_on = row.opt("ngay_chinh_thuc", parse_date);
    let exit_on = row.opt("ngay_ra", parse_date);
    let reason = row.opt("ly_do_ra", parse_code::<ExitReason>);
    let exit = match (exit_on?, reason?) {
        (Some(on), Some(reason)) => Some(Exit { on, reason }),
        (None, None) => None,
        (Some(_), None) => {
            row.problem(
                "ly_do_ra",
                "the reason is empty but `ngay_ra` is filled: fill both or neither".to_owned(),
            );
            return None;
        }
        (None, Some(_)) => {
            row.problem(
                "ngay_ra",
                "the date is empty but `ly_do_ra` is filled: fill both or neither".to_owned(),
            );
            return None;
        }
    };
    Some(MemberRecord {
        id: id?,
        name: name?,
        admitted_on: admitted_on?,
        official_on: official_on?,
        postings: Vec::new(),
        leaves: Vec::new(),
        exit,
    })
}

/// The kinds of row in `bien_dong.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ChangeKind {
    Posting,
    Temporary,
    Exempted,
    Suspended,
}

impl ChangeKind {
    const ALL: &'static [ChangeKind] = &[
        ChangeKind::Posting,
        ChangeKind::Temporary,
        ChangeKind::Exempted,
        ChangeKind::Suspended,
    ];

    const fn code(self) -> &'static str {
        match self {
            ChangeKind::Posting => "sinh-hoat",
            ChangeKind::Temporary => "tam-thoi",
            ChangeKind::Exempted => "mien",
            ChangeKind::Suspended => "dinh-chi",
        }
    }

    const fn label(self) -> &'static str {
        match self {
            ChangeKind::Posting => "sinh hoạt",
            ChangeKind::Temporary => "sinh hoạt tạm thời",
            ChangeKind::Exempted => "miễn sinh hoạt",
            ChangeKind::Suspended => "đình chỉ sinh hoạt",
        }
    }
}

coded! {
    ChangeKind => "status change (loai bien dong)",
    SubjectKind => "subject (doi tuong)",
}

/// Who a row of `xep_loai.csv` rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SubjectKind {
    Member,
    Organisation,
}

impl SubjectKind {
    const ALL: &'static [SubjectKind] = &[SubjectKind::Member, SubjectKind::Organisation];

    const fn code(self) -> &'static str {
        match self {
            SubjectKind::Member => "dang-vien",
            SubjectKind::Organisation => "to-chuc",
        }
    }

    const fn label(self) -> &'static str {
        match self {
            SubjectKind::Member => "đảng viên",
            SubjectKind::Organisation => "tổ chức",
        }
    }
}

enum Change {
    Posting(Posting),
    Leave(Leave),
}

fn change(row: &mut Row<'_>) -> Option<(String, Change)> {
    let id = row.text("ma_dang_vien");
    let kind = row.req("loai", parse_code::<ChangeKind>);
    let cell = row.opt_text("ma_chi_bo");
    let from = row.req("tu_ngay", parse_date);
    let until = row.opt("den_ngay", parse_date);
    let (id, kind, cell, from, until) = (id?, kind?, cell?, from?, until?);
    let change = match (kind, cell) {
        (ChangeKind::Posting | ChangeKind::Temporary, Some(cell)) => Change::Posting(Posting {
            cell,
            from,
            until,
            temporary: kind == ChangeKind::Temporary,
        }),
        (ChangeKind::Posting | ChangeKind::Temporary, None) => {
            row.problem(
                "ma_chi_bo",
                "the cell is empty: a posting (sinh-hoat, tam-thoi) needs the cell's id".to_owned(),
            );
            return None;
        }
        (ChangeKind::Exempted | ChangeKind::Suspended, Some(_)) => {
            row.problem(
                "ma_chi_bo",
                "an exemption or suspension (mien, dinh-chi) takes no cell: leave it empty"
                    .to_owned(),
            );
            return None;
        }
        (ChangeKind::Exempted, None) => Change::Leave(Leave {
            kind: LeaveKind::Exempted,
            from,
            until,
        }),
        (ChangeKind::Suspended, None) => Change::Leave(Leave {
            kind: LeaveKind::Suspended,
            from,
            until,
        }),
    };
    Some((id, change))
}

/// A meeting whose roll call is still being read.
struct PendingMeeting {
    record: MeetingRecord,
    line: Option<u64>,
    counts: Option<AttendanceCounts>,
    roll: Vec<RollCallEntry>,
}

fn meeting(row: &mut Row<'_>) -> Option<PendingMeeting> {
    let id = row.text("ma");
    let cell = row.text("ma_chi_bo");
    let date = row.req("ngay", parse_date);
    let kind = row.req("loai", parse_code::<MeetingKind>);
    let duration = row.req("thoi_luong_phut", parse_number::<u16>);
    let content_prepared = row.req("chuan_bi_noi_dung", parse_bool);
    let committee_met = row.opt("chi_uy_hop", parse_bool);
    let draft_resolution = row.req("du_thao_nghi_quyet", parse_bool);
    let documents_sent_ahead = row.opt("gui_tai_lieu_truoc", parse_bool);
    let minutes_kept = row.req("ghi_bien_ban", parse_bool);
    let principles_observed = row.req("dung_nguyen_tac", parse_bool);
    let conclusion_carried_out = row.req("thuc_hien_ket_luan", parse_bool);
    let totals = [
        ("phai_du", row.opt("phai_du", parse_number::<u32>)),
        ("co_mat", row.opt("co_mat", parse_number::<u32>)),
        (
            "vang_co_ly_do",
            row.opt("vang_co_ly_do", parse_number::<u32>),
        ),
        (
            "vang_khong_ly_do",
            row.opt("vang_khong_ly_do", parse_number::<u32>),
        ),
    ];
    let follows_programme = row.req("dung_chuong_trinh", parse_bool);
    let last_month_reviewed = row.req("danh_gia_thang_truoc", parse_bool);
    let tasks = row.req("so_nhiem_vu", parse_number::<u16>);
    let concrete = row.req("nhiem_vu_cu_the", parse_number::<u16>);
    let linked_to = row.opt("lien_he", parse_list::<Reference>);
    let directives_adapted = row.opt("cu_the_hoa_chi_dao", parse_bool);
    let assessed = row.opt("tu_danh_gia", parse_bool);
    let level = row.opt("muc_chat_luong", parse_code::<MeetingQuality>);
    let score = row.opt("diem", parse_number::<u8>);

    let counts = match totals {
        [
            (_, Some(Some(expected))),
            (_, Some(Some(present))),
            (_, Some(Some(absent_with_reason))),
            (_, Some(Some(absent_without_reason))),
        ] => Some(AttendanceCounts {
            expected,
            present,
            absent_with_reason,
            absent_without_reason,
        }),
        [
            (_, Some(None)),
            (_, Some(None)),
            (_, Some(None)),
            (_, Some(None)),
        ] => None,
        _ => {
            // Report the empty ones when some are filled; failures are already reported.
            let failed = totals.iter().any(|(_, v)| v.is_none());
            if !failed {
                for (column, v) in totals {
                    if v == Some(None) {
                        row.problem(
                            column,
                            "the cell is empty but other totals are filled: fill all four totals (phai_du, co_mat, vang_co_ly_do, vang_khong_ly_do) or none".to_owned(),
                        );
                    }
                }
            }
            return None;
        }
    };

    let (level, score) = (level?, score?);
    let self_assessment = match assessed? {
        Some(true) => Some(SelfAssessment { level, score }),
        None if level.is_some() || score.is_some() => Some(SelfAssessment { level, score }),
        None => None,
        Some(false) if level.is_none() && score.is_none() => None,
        Some(false) => {
            row.problem(
                "tu_danh_gia",
                "the cell says khong, but `muc_chat_luong` or `diem` is filled: write co or empty those cells"
                    .to_owned(),
            );
            return None;
        }
    };

    let record = MeetingRecord {
        id: id?,
        cell: cell?,
        date: date?,
        kind: kind?,
        duration_minutes: duration?,
        preparation: Preparation {
            content_prepared: content_prepared?,
            committee_met: committee_met?,
            draft_resolution: draft_resolution?,
            documents_sent_ahead: documents_sent_ahead?.unwrap_or(false),
        },
        minutes_kept: minutes_kept?,
        principles_observed: principles_observed?,
        conclusion_carried_out: conclusion_carried_out?,
        attendance: Attendance::RollCall(Vec::new()),
        content: Content {
            follows_programme: follows_programme?,
            last_month_reviewed: last_month_reviewed?,
            tasks: tasks?,
            tasks_with_owner_and_deadline: concrete?,
            linked_to: linked_to?.unwrap_or_default(),
            directives_adapted: directives_adapted?,
        },
        self_assessment,
    };
    Some(PendingMeeting {
        record,
        line: row.line,
        counts,
        roll: Vec::new(),
    })
}

/// A roll-call row's member id and mark.
fn roll_call<'r>(row: &mut Row<'r>) -> Option<(&'r str, Presence)> {
    let member = row.req_str("ma_dang_vien");
    let presence = row.req("tinh_trang", parse_code::<Presence>);
    Some((member?, presence?))
}

fn roll_call_entry(row: &mut Row<'_>) -> Option<RollCallEntry> {
    let (member, presence) = roll_call(row)?;
    Some(RollCallEntry {
        member: member.to_owned(),
        presence,
    })
}

/// The meeting with its attendance: the roll call if it has lines, else the totals.
fn finish_meeting(m: PendingMeeting) -> Result<MeetingRecord, Local> {
    let PendingMeeting {
        mut record,
        line,
        counts,
        roll,
    } = m;
    if roll.is_empty() {
        record.attendance = counts.map_or(Attendance::RollCall(Vec::new()), Attendance::Counts);
        return Ok(record);
    }
    if let Some(c) = counts {
        let mut tally = AttendanceCounts::default();
        for e in &roll {
            let slot = match e.presence {
                Presence::Present => &mut tally.present,
                Presence::AbsentWithReason => &mut tally.absent_with_reason,
                Presence::AbsentWithoutReason => &mut tally.absent_without_reason,
            };
            *slot = slot.saturating_add(1);
            tally.expected = tally.expected.saturating_add(1);
        }
        if tally != c {
            return Err(Local {
                line,
                column: Some("phai_du"),
                message: format!(
                    "the totals ({}, {}, {}, {}) disagree with the {} lines of {ROLL_CALLS} ({}, {}, {}, {}): correct them or leave the four totals empty",
                    c.expected,
                    c.present,
                    c.absent_with_reason,
                    c.absent_without_reason,
                    roll.len(),
                    tally.expected,
                    tally.present,
                    tally.absent_with_reason,
                    tally.absent_without_reason,
                ),
            });
        }
    }
    record.attendance = Attendance::RollCall(roll);
    Ok(record)
}

fn rating(row: &mut Row<'_>) -> Option<RatingRecord> {
    let subject = row.req("doi_tuong", parse_code::<SubjectKind>);
    let id = row.text("ma");
    let year = row.req("nam", parse_number::<i32>);
    let level = row.opt("muc", parse_code::<RatingLevel>);
    let reason = row.opt("ly_do_khong_xep_loai", parse_code::<NotRatedReason>);
    let disciplined = row.opt("bi_ky_luat", parse_bool);
    let result = match (level?, reason?) {
        (Some(l), None) => RatingResult::Rated(l),
        (None, Some(r)) => RatingResult::NotRated(r),
        (None, None) => {
            row.problem(
                "muc",
                "the cell is empty: give the level, or the reason for not rating in `ly_do_khong_xep_loai`".to_owned(),
            );
            return None;
        }
        (Some(_), Some(_)) => {
            row.problem(
                "ly_do_khong_xep_loai",
                "both a level and a reason for not rating are given: keep one".to_owned(),
            );
            return None;
        }
    };
    let id = id?;
    Some(RatingRecord {
        subject: match subject? {
            SubjectKind::Member => RatingSubject::Member(id),
            SubjectKind::Organisation => RatingSubject::Organisation(id),
        },
        year: year?,
        result,
        disciplined: disciplined?,
    })
}

fn admission(row: &mut Row<'_>) -> Option<AdmissionRecord> {
    let member = row.text("ma_dang_vien");
    let cell = row.text("ma_chi_bo");
    let date = row.req("ngay", parse_date);
    Some(AdmissionRecord {
        member: member?,
        cell: cell?,
        date: date?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(header_key("Ngày vào Đảng"), "ngay_vao_dang");
        assert_eq!(header_key(" ma-cap-tren "), "ma_cap_tren");
        // Decomposed "có" and "không".
        assert_eq!(parse_bool("co\u{301}"), Ok(true));
        assert_eq!(parse_bool("kho\u{302}ng"), Ok(false));
        assert_eq!(parse_bool("KHÔNG"), Ok(false));
        assert_eq!(parse_bool("TRUE"), Ok(true));
        assert!(parse_bool("yes").is_err());
    }

    #[test]
    fn codes_and_labels() {
        assert_eq!(parse_code::<OrgLevel>("cell"), Ok(OrgLevel::Cell));
        assert_eq!(
            parse_code::<OrgLevel>("Chi bộ trực thuộc"),
            Ok(OrgLevel::Cell)
        );
        assert_eq!(
            parse_code::<ChangeKind>("tạm thời"),
            Ok(ChangeKind::Temporary)
        );
        assert_eq!(
            parse_code::<ChangeKind>("chuyen"),
            Err("`chuyen` is not a status change (loai bien dong): write one of sinh-hoat, tam-thoi, mien, dinh-chi".to_owned())
        );
        assert_eq!(
            parse_code::<ChangeKind>("sinh hoạt tạm thời"),
            Ok(ChangeKind::Temporary)
        );
        assert_eq!(
            parse_list::<Reference>("nq-tw4-xi; ct-05"),
            Ok(vec![Reference::NqTw4KhoaXi, Reference::ChiThi05])
        );
    }

    #[test]
    fn dates() {
        assert!(parse_date("2021-01-05").is_ok());
        assert_eq!(
            parse_date("05/01/2021"),
            Err("`05/01/2021` is not a date: write it as YYYY-MM-DD (2021-01-05)".to_owned())
        );
        assert!(parse_date("2021-1-5").is_err());
        assert!(parse_date("2021-02-30").is_err());
        for d in [NaiveDate::MIN, NaiveDate::MAX] {
            assert_eq!(parse_date(&date(d)), Ok(d));
        }
    }

    /// Everything a roll-call reader hands over, batch by batch, and the problems it found.
    fn drained(mut reader: RollReader) -> (Vec<String>, Vec<String>) {
        let mut seen = Vec::new();
        while let Some(batch) = reader.next() {
            for run in &batch.runs {
                let meeting = run.meeting.as_ref().map(|m| batch.text(m));
                let marks: Vec<_> = batch
                    .marks
                    .get(run.rows.clone())
                    .unwrap_or_default()
                    .iter()
                    .map(|m| m.as_ref().map(|(id, p)| (batch.text(id), *p)))
                    .collect();
                seen.push(format!("{meeting:?} {:?} {marks:?}", run.line));
            }
        }
        let problems = reader.join().map_or_else(Vec::new, |rows| {
            rows.problems
                .iter()
                .map(|p| format!("{:?} {:?} {}", p.line, p.column, p.message))
                .collect()
        });
        (seen, problems)
    }

    /// The roll calls read on a thread of their own are those read on the caller's, when no
    /// thread can be started: in batches across a long file, and stopping at a broken quote.
    #[test]
    fn roll_calls_read_apart_or_here_alike() -> Result<(), Box<dyn std::error::Error>> {
        let dir = std::env::temp_dir().join(format!("chibo-roll-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let mut text = String::from("ma_buoi,ma_dang_vien,tinh_trang\n");
        for i in 0..(ROLL_BATCH * 2 + 7) {
            let mark = ["present", "excused", "bogus"]
                .get(i % 3)
                .copied()
                .unwrap_or("");
            text.push_str(&format!("m{},d{i},{mark}\n", i / 13));
        }
        text.push_str("m-last,\"broken,present\nm-after,d1,present\n");
        let path = dir.join(ROLL_CALLS);
        std::fs::write(&path, text)?;
        let open =
            || -> Result<Rows, std::io::Error> { Ok(Rows::new(File::open(&path)?, ROLL_COLUMNS)) };
        let apart = RollReader::spawn(open()?);
        assert!(matches!(apart, RollReader::Apart { .. }));
        let (seen, problems) = drained(apart);
        assert_eq!(
            drained(RollReader::here(open()?)),
            (seen.clone(), problems.clone())
        );
        assert!(seen.len() > ROLL_BATCH * 2 / 13);
        assert!(problems.iter().any(|p| p.contains("bogus")));
        assert!(!seen.iter().any(|s| s.contains("m-after")));
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }

    #[test]
    fn delimiter() {
        assert_eq!(sniff_delimiter(b"ma;ten;cap\na,b,c"), b';');
        assert_eq!(sniff_delimiter(b"ma,ten"), b',');
        assert_eq!(sniff_delimiter(b"ma\tten"), b'\t');
    }
}
