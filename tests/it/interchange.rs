//! Interchange: the JSON file and the CSV folder hold the same records; CSV problems say where
//! they are; write → read round-trips; the examples in docs/format.md parse and build.

use std::fs;
use std::path::{Path, PathBuf};

use chibo::csv::{CsvError, CsvProblem, LAYOUT, read_folder, write_folder};
use chibo::{
    AdmissionRecord, Attendance, AttendanceCounts, CellKind, Content, CriteriaSet, Criterion,
    Dataset, Detail, Evaluation, Exit, ExitReason, Leave, LeaveKind, MeetingKind, MeetingQuality,
    MeetingRecord, MemberRecord, Month, NotRatedReason, OrgLevel, OrganisationRecord, Overrides,
    Period, Posting, Preparation, Presence, RatingLevel, RatingRecord, RatingResult, RatingSubject,
    Records, Reference, RollCallEntry, SelfAssessment, Verdict, evaluate,
};
use chrono::NaiveDate;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

use crate::fixtures::*;

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("interchange")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// A folder holding `files` (name, content).
fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = scratch(name);
    for (file, content) in files {
        fs::write(dir.join(file), content).unwrap();
    }
    dir
}

fn read_json(path: &Path) -> Records {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn year_2021() -> Period {
    Period::new(d(2021, 1, 1), d(2021, 12, 31)).unwrap()
}

fn evaluation(records: &Records, period: Period) -> Evaluation<'static> {
    // The evaluation borrows its dataset, which lives as long as the tests.
    let dataset: &'static Dataset = Box::leak(Box::new(
        Dataset::build(records).unwrap_or_else(|e| panic!("{e}")),
    ));
    evaluate(dataset, &CriteriaSet::de_an_16(), period, None).unwrap()
}

/// The problems of a read that must fail.
#[track_caller]
fn problems(dir: &Path) -> Vec<CsvProblem> {
    match read_folder(dir) {
        Ok(r) => panic!("read without problems: {r:?}"),
        Err(CsvError { problems }) => problems,
    }
}

/// The problem in `file` at `line` and `column`, panicking with every problem if none.
#[track_caller]
fn find<'a>(
    all: &'a [CsvProblem],
    file: &str,
    line: Option<u64>,
    column: Option<&str>,
) -> &'a CsvProblem {
    all.iter()
        .find(|p| p.file.ends_with(file) && p.line == line && p.column.as_deref() == column)
        .unwrap_or_else(|| {
            let list: Vec<String> = all.iter().map(ToString::to_string).collect();
            panic!(
                "no problem at {file}:{line:?} column {column:?}; got:\n{}",
                list.join("\n")
            )
        })
}

// --- The example data --------------------------------------------------------------------

#[test]
fn example_json_and_csv_hold_the_same_records() {
    let json = read_json(&manifest().join("examples/data/district.json"));
    let csv =
        read_folder(manifest().join("examples/data/district")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(csv, json);
    let (a, b) = (
        Dataset::build(&json).unwrap(),
        Dataset::build(&csv).unwrap(),
    );
    assert_eq!(a.counts(), b.counts());
    assert_eq!(
        evaluation(&json, year_2021()),
        evaluation(&csv, year_2021())
    );
}

#[test]
fn example_data_shows_a_few_shortcomings() {
    let records = read_json(&manifest().join("examples/data/district.json"));
    let e = evaluation(&records, year_2021());
    let top = |c: Criterion| e.findings_for(c, "huyen-ms").next().unwrap();

    let monthly = top(Criterion::MonthlyRegularMeeting);
    assert_eq!(monthly.verdict, Verdict::Shortcoming);
    assert_eq!(&*monthly.shortfalls.first().unwrap().unit, "khuoi-phay");
    assert_eq!(
        monthly.shortfalls.first().unwrap().detail,
        Detail::MissingMonths(vec![Month::new(2021, 8).unwrap()])
    );
    assert_eq!(top(Criterion::QuarterlyThematicMeeting).shortfalls.len(), 1);
    assert_eq!(
        top(Criterion::RegularMeetingsCorrect).measure,
        chibo::Measure::new(3, 5)
    );
    assert_eq!(
        &*top(Criterion::AbsenceTrigger)
            .shortfalls
            .first()
            .unwrap()
            .unit,
        "ban-chang"
    );
    assert_eq!(top(Criterion::Admissions).total, Some(2));
    // And strengths too.
    assert_eq!(top(Criterion::Participation).verdict, Verdict::Strength);
    assert_eq!(top(Criterion::MinimumCellSize).verdict, Verdict::Strength);
    // Both attendance shapes are used.
    assert!(
        records
            .meetings
            .iter()
            .any(|m| matches!(m.attendance, Attendance::Counts(_)))
    );
}

#[test]
fn example_targets_apply() {
    let text = fs::read_to_string(manifest().join("examples/data/targets.json")).unwrap();
    let overrides: Overrides = serde_json::from_str(&text).unwrap();
    let set = CriteriaSet::with_overrides(&overrides).unwrap();
    assert!(!set.settings(Criterion::ExcellentCap).enabled);
    assert_eq!(
        set.settings(Criterion::ReviewNotLinked).references,
        vec![
            Reference::NqTw4KhoaXi,
            Reference::NqTw4KhoaXii,
            Reference::ChiThi05
        ]
    );
}

// --- Round trips ---------------------------------------------------------------------------

#[test]
fn fixture_round_trips_through_a_folder() {
    let records = small_district();
    let dir = scratch("fixture");
    write_folder(&records, &dir).unwrap();
    let back = read_folder(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, records);
    assert_eq!(
        evaluation(&back, q1_2021()),
        evaluation(&records, q1_2021())
    );
    // Writing again over the same folder gives the same files.
    let first: Vec<String> = LAYOUT
        .iter()
        .map(|(f, _)| fs::read_to_string(dir.join(f)).unwrap())
        .collect();
    write_folder(&back, &dir).unwrap();
    for ((f, _), before) in LAYOUT.iter().zip(first) {
        assert_eq!(fs::read_to_string(dir.join(f)).unwrap(), before, "{f}");
    }
}

#[test]
fn every_optional_shape_round_trips() {
    let mut r = small_district();
    // Texts that need quoting.
    r.organisations[0].name = "Đảng bộ huyện \"Lâm Bình\", Tuyên Quang\nkhóa XX".into();
    r.organisations[0].dissolved_on = Some(d(2040, 1, 1));
    r.members[0].name = None;
    r.members[1].official_on = None;
    r.members[2].exit = Some(Exit {
        on: d(2030, 1, 1),
        reason: ExitReason::Expelled,
    });
    let m = &mut r.meetings[0];
    m.self_assessment = Some(SelfAssessment::default());
    m.preparation.committee_met = None;
    m.preparation.documents_sent_ahead = false;
    m.content.linked_to = Reference::ALL.to_vec();
    m.content.directives_adapted = Some(false);
    let m = &mut r.meetings[1];
    m.self_assessment = None;
    m.preparation.committee_met = Some(false);
    m.content.linked_to.clear();
    m.content.directives_adapted = None;
    let m = &mut r.meetings[2];
    m.self_assessment = Some(SelfAssessment {
        level: None,
        score: Some(0),
    });
    m.attendance = Attendance::Counts(AttendanceCounts::default());
    let m = &mut r.meetings[3];
    m.self_assessment = Some(SelfAssessment {
        level: Some(MeetingQuality::Poor),
        score: None,
    });
    m.kind = MeetingKind::Other;
    m.attendance = Attendance::RollCall(Vec::new());
    r.ratings[0].disciplined = Some(true);
    r.ratings[1].disciplined = None;
    r.ratings.push(RatingRecord {
        subject: RatingSubject::Organisation("a1".into()),
        year: -44,
        result: RatingResult::NotRated(NotRatedReason::NewOrDissolved),
        disciplined: None,
    });
    r.members[3].leaves.push(Leave {
        kind: LeaveKind::Suspended,
        from: d(2022, 1, 1),
        until: None,
    });
    let dir = scratch("optional-shapes");
    write_folder(&r, &dir).unwrap();
    assert_eq!(read_folder(&dir).unwrap_or_else(|e| panic!("{e}")), r);

    let empty = scratch("empty-records");
    write_folder(&Records::default(), &empty).unwrap();
    assert_eq!(read_folder(&empty).unwrap(), Records::default());
}

// --- docs/format.md ------------------------------------------------------------------------

/// The fenced block that follows `marker` in docs/format.md.
fn doc_block(doc: &str, marker: &str) -> String {
    let at = doc
        .find(marker)
        .unwrap_or_else(|| panic!("no `{marker}` in docs/format.md"));
    let rest = &doc[at + marker.len()..];
    let open = rest.find("```").unwrap();
    let body = &rest[open..];
    let start = body.find('\n').unwrap() + 1;
    let end = body[start..].find("```").unwrap();
    body[start..start + end].to_owned()
}

fn format_doc() -> String {
    fs::read_to_string(manifest().join("docs/format.md")).unwrap()
}

#[test]
fn doc_json_example_parses_and_builds() {
    let doc = format_doc();
    let records: Records = serde_json::from_str(&doc_block(&doc, "<!-- dataset example -->"))
        .unwrap_or_else(|e| panic!("the dataset example does not parse: {e}"));
    Dataset::build(&records).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(records.organisations.len(), 3);
    assert_eq!(records.members.len(), 7);
    assert_eq!(records.meetings.len(), 2);
    assert_eq!(records.ratings.len(), 3);
    assert_eq!(records.admissions.len(), 1);

    // The same records as the CSV blocks of the doc.
    let dir = scratch("doc-example");
    for (file, _) in LAYOUT {
        let block = doc_block(&doc, &format!("<!-- file: {file} -->"));
        fs::write(dir.join(file), block).unwrap();
    }
    assert_eq!(read_folder(&dir).unwrap_or_else(|e| panic!("{e}")), records);
    // And they are what write_folder writes.
    let written = scratch("doc-example-written");
    write_folder(&records, &written).unwrap();
    for (file, _) in LAYOUT {
        assert_eq!(
            fs::read_to_string(written.join(file)).unwrap(),
            fs::read_to_string(dir.join(file)).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn doc_finding_and_targets_examples_parse() {
    let doc = format_doc();
    let finding: serde_json::Value =
        serde_json::from_str(&doc_block(&doc, "<!-- finding example -->")).unwrap();
    assert_eq!(finding["criterion"], "I01");
    // It is, field for field, the finding the example data gives.
    let records = read_json(&manifest().join("examples/data/district.json"));
    let e = evaluation(&records, year_2021());
    let given = e
        .findings_for(Criterion::MonthlyRegularMeeting, "huyen-ms")
        .next()
        .unwrap();
    assert_eq!(serde_json::to_value(given).unwrap(), finding);
    let targets: Overrides =
        serde_json::from_str(&doc_block(&doc, "<!-- targets example -->")).unwrap();
    let file: Overrides = serde_json::from_str(
        &fs::read_to_string(manifest().join("examples/data/targets.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(targets, file);
}

#[test]
fn doc_lists_every_file_and_column() {
    let doc = format_doc();
    assert!(doc.contains("format version 1"));
    assert_eq!(chibo::csv::FORMAT_VERSION, 1);
    for (file, columns) in LAYOUT {
        assert!(doc.contains(&format!("### `{file}`")), "{file}");
        for c in *columns {
            assert!(doc.contains(&format!("| `{c}` |")), "{file}: {c}");
        }
    }
    for code in MeetingKind::ALL.iter().map(|k| k.code()) {
        assert!(doc.contains(&format!("| `{code}` |")), "{code}");
    }
    for code in NotRatedReason::ALL.iter().map(|k| k.code()) {
        assert!(doc.contains(&format!("| `{code}` |")), "{code}");
    }
}

// --- Problems ------------------------------------------------------------------------------

const ORGS: &str = "ma,ten,cap,ma_cap_tren,loai_hinh,ngay_thanh_lap,ngay_giai_the\n\
                    xa,Xã,party-committee,,,,\n\
                    cb,Chi bộ,cell,xa,village,,\n";
const MEETING_HEADER: &str = "ma,ma_chi_bo,ngay,loai,thoi_luong_phut,chuan_bi_noi_dung,chi_uy_hop,du_thao_nghi_quyet,gui_tai_lieu_truoc,ghi_bien_ban,dung_nguyen_tac,thuc_hien_ket_luan,phai_du,co_mat,vang_co_ly_do,vang_khong_ly_do,dung_chuong_trinh,danh_gia_thang_truoc,so_nhiem_vu,nhiem_vu_cu_the,lien_he,cu_the_hoa_chi_dao,tu_danh_gia,muc_chat_luong,diem";

#[test]
fn every_problem_is_reported_in_one_read() {
    let members = "ma,ho_ten,ngay_vao_dang,ngay_chinh_thuc,ngay_ra,ly_do_ra\n\
                   a,,2010-01-01,2011-01-01,,\n\
                   b,,05/01/2021,,,\n\
                   c,,2010-01-01,,,\n";
    // No `thoi_luong_phut` column.
    let meetings = "ma,ma_chi_bo,ngay,loai,chuan_bi_noi_dung,chi_uy_hop,du_thao_nghi_quyet,gui_tai_lieu_truoc,ghi_bien_ban,dung_nguyen_tac,thuc_hien_ket_luan,phai_du,co_mat,vang_co_ly_do,vang_khong_ly_do,dung_chuong_trinh,danh_gia_thang_truoc,so_nhiem_vu,nhiem_vu_cu_the,lien_he,cu_the_hoa_chi_dao,tu_danh_gia,muc_chat_luong,diem\n\
                    m1,cb,2021-01-05,regularr,co,,co,co,co,co,co,,,,,co,co,1,1,,,,,\n\
                    m2,cb,2021-02-05,regular,co,,co,co,maybe,co,co,,,,,co,co,1,1,,,,,\n";
    let roll = "ma_buoi,ma_dang_vien,tinh_trang\nm2,a,present\nm2,c,late\n";
    let ratings = "doi_tuong,ma,nam,muc,ly_do_khong_xep_loai,bi_ky_luat\n\
                   dang-vien,a,2021,good,,x\n";
    let dir = folder(
        "all-problems",
        &[
            ("to_chuc.csv", ORGS),
            ("dang_vien.csv", members),
            ("buoi_sinh_hoat.csv", meetings),
            ("diem_danh.csv", roll),
            ("xep_loai.csv", ratings),
        ],
    );
    let all = problems(&dir);

    let date = find(&all, "dang_vien.csv", Some(3), Some("ngay_vao_dang"));
    assert_eq!(
        date.message,
        "`05/01/2021` is not a date: write it as YYYY-MM-DD (2021-01-05)"
    );
    let column = find(&all, "buoi_sinh_hoat.csv", Some(1), Some("thoi_luong_phut"));
    assert!(
        column.message.starts_with("the column is missing"),
        "{column}"
    );
    let code = find(&all, "buoi_sinh_hoat.csv", Some(2), Some("loai"));
    assert_eq!(
        code.message,
        "`regularr` is not a meeting kind (loai sinh hoat): write one of regular, thematic, combined, other"
    );
    let boolean = find(&all, "buoi_sinh_hoat.csv", Some(3), Some("ghi_bien_ban"));
    assert!(
        boolean
            .message
            .starts_with("`maybe` is not yes or no: write co or khong")
    );
    let mark = find(&all, "diem_danh.csv", Some(3), Some("tinh_trang"));
    assert!(
        mark.message
            .contains("present, absent-with-reason, absent-without-reason")
    );
    let disciplined = find(&all, "xep_loai.csv", Some(2), Some("bi_ky_luat"));
    assert!(disciplined.message.starts_with("`x` is not yes or no"));
    // Exactly these; every message lowercase; sorted by file, then line.
    assert_eq!(all.len(), 6, "{all:#?}");
    for p in &all {
        assert!(!p.message.starts_with(char::is_uppercase), "{p}");
    }
    let order: Vec<(String, Option<u64>)> = all
        .iter()
        .map(|p| {
            (
                p.file.file_name().unwrap().to_string_lossy().into_owned(),
                p.line,
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            ("dang_vien.csv", Some(3)),
            ("buoi_sinh_hoat.csv", Some(1)),
            ("buoi_sinh_hoat.csv", Some(2)),
            ("buoi_sinh_hoat.csv", Some(3)),
            ("diem_danh.csv", Some(3)),
            ("xep_loai.csv", Some(2)),
        ]
        .map(|(f, l)| (f.to_owned(), l))
    );
    // Displayed with its place first, ready for an editor.
    assert_eq!(
        date.to_string(),
        format!(
            "{}:3: column `ngay_vao_dang`: `05/01/2021` is not a date: write it as YYYY-MM-DD (2021-01-05)",
            dir.join("dang_vien.csv").display()
        )
    );
}

#[test]
fn header_problems() {
    let dir = folder(
        "header-problems",
        &[
            ("to_chuc.csv", ORGS),
            (
                "dang_vien.csv",
                "ma,ho_ten,ngay_vao_dang,ngay_chinh_thuc,ngay_ra,ly_do_ra,ghi_chu,ma\n",
            ),
            ("ket_nap.csv", ""),
            ("dangvien.csv", "ma\n"),
        ],
    );
    let all = problems(&dir);
    let unknown = find(&all, "dang_vien.csv", Some(1), None);
    assert!(
        unknown.message.starts_with("unknown column `ghi_chu`"),
        "{unknown}"
    );
    let twice = find(&all, "dang_vien.csv", Some(1), Some("ma"));
    assert!(twice.message.contains("appears twice"), "{twice}");
    let empty = find(&all, "ket_nap.csv", Some(1), None);
    assert!(empty.message.starts_with("file is empty"), "{empty}");
    let file = find(&all, "dangvien.csv", None, None);
    assert!(file.message.starts_with("unknown file"), "{file}");
    assert_eq!(all.len(), 4, "{all:#?}");
}

#[test]
fn missing_folder_and_missing_organisations() {
    let all = problems(&manifest().join("no-such-folder"));
    assert_eq!(all.len(), 1);
    assert!(all[0].message.starts_with("cannot read the folder"));

    let dir = folder(
        "no-orgs",
        &[("ket_nap.csv", "ma_dang_vien,ma_chi_bo,ngay\n")],
    );
    let all = problems(&dir);
    let p = find(&all, "to_chuc.csv", None, None);
    assert!(p.message.starts_with("file is missing"), "{p}");
}

#[test]
fn missing_optional_files_mean_no_records() {
    let dir = folder("orgs-only", &[("to_chuc.csv", ORGS)]);
    let r = read_folder(&dir).unwrap();
    assert_eq!(r.organisations.len(), 2);
    assert!(r.members.is_empty() && r.meetings.is_empty() && r.ratings.is_empty());
    assert!(r.admissions.is_empty());
    Dataset::build(&r).unwrap();
}

#[test]
fn spreadsheet_habits_are_read() {
    // A byte-order mark, semicolons, Vietnamese headers, CRLF, labels instead of codes, "Có",
    // trailing empty columns and blank rows.
    let orgs = "\u{feff}Mã;Tên;Cấp;Mã cấp trên;Loại hình;Ngày thành lập;Ngày giải thể;;\r\n\
                xa;Xã An Phú;Đảng bộ cơ sở;;;;;;\r\n\
                ;;;;;;;;\r\n\
                cb; Chi bộ thôn Nà Làng ;chi bộ trực thuộc;xa;Thôn, bản, tổ dân phố;;;;\r\n";
    let changes = "ma_dang_vien,loai,ma_chi_bo,tu_ngay,den_ngay\n\
                   a,sinh hoạt,cb,2010-01-01,\n\
                   a,Miễn,,2019-01-01,\n";
    let members = "ma,ho_ten,ngay_vao_dang,ngay_chinh_thuc,ngay_ra,ly_do_ra\n\
                   a,\"Hoàng, Văn A\",2010-01-01,2011-01-01,,\n";
    let meetings = format!(
        "{MEETING_HEADER}\nm1,cb,2021-01-05,Sinh hoạt thường kỳ,90,Có,,TRUE,1,co,có,CÓ,1,1,0,0,co,co,0,0,\"nq-tw4-xi; Chỉ thị số 05-CT/TW\",,,Tốt,\n"
    );
    let dir = folder(
        "habits",
        &[
            ("to_chuc.csv", orgs),
            ("dang_vien.csv", members),
            ("bien_dong.csv", changes),
            ("buoi_sinh_hoat.csv", &meetings),
        ],
    );
    let r = read_folder(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.organisations[1].name, "Chi bộ thôn Nà Làng");
    assert_eq!(r.organisations[1].level, chibo::OrgLevel::Cell);
    assert_eq!(r.organisations[1].kind, Some(chibo::CellKind::Village));
    assert_eq!(r.members[0].name.as_deref(), Some("Hoàng, Văn A"));
    assert_eq!(r.members[0].leaves[0].kind, LeaveKind::Exempted);
    let m = &r.meetings[0];
    assert_eq!(m.kind, MeetingKind::Regular);
    assert!(m.preparation.draft_resolution && m.conclusion_carried_out);
    assert_eq!(
        m.content.linked_to,
        vec![Reference::NqTw4KhoaXi, Reference::ChiThi05]
    );
    assert_eq!(
        m.self_assessment,
        Some(SelfAssessment {
            level: Some(MeetingQuality::Good),
            score: None
        })
    );
    Dataset::build(&r).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn row_problems() {
    let members = "ma,ho_ten,ngay_vao_dang,ngay_chinh_thuc,ngay_ra,ly_do_ra\n\
                   a,,2010-01-01,2011-01-01,2021-01-01,\n\
                   b,,2010-01-01,,,died\n\
                   ,,2010-01-01,,,,\n\
                   d,,2010-01-01,,,,,extra\n";
    let changes = "ma_dang_vien,loai,ma_chi_bo,tu_ngay,den_ngay\n\
                   zz,sinh-hoat,cb,2010-01-01,\n\
                   a,sinh-hoat,,2010-01-01,\n\
                   a,dinh-chi,cb,2010-01-01,\n\
                   a,chuyen,cb,2010-01-01,\n";
    let meetings = format!(
        "{MEETING_HEADER}\n\
         m1,cb,2021-01-05,regular,90,co,,co,co,co,co,co,3,3,,,co,co,1,1,,,,,\n\
         m2,cb,2021-02-05,regular,90,co,,co,co,co,co,co,2,2,0,0,co,co,1,1,,,,,\n\
         m3,cb,2021-03-05,regular,90,co,,co,co,co,co,co,,,,,co,co,1,1,nq-tw4-xi;nq5,,khong,good,\n\
         m4,cb,2021-04-05,regular,-5,co,,co,co,co,co,co,,,,,co,co,1,1,,,,,300\n"
    );
    let roll = "ma_buoi,ma_dang_vien,tinh_trang\n\
                m2,a,present\n\
                m2,b,absent-with-reason\n\
                m9,a,present\n";
    let ratings = "doi_tuong,ma,nam,muc,ly_do_khong_xep_loai,bi_ky_luat\n\
                   dang-vien,a,2021,,,\n\
                   dang-vien,b,2021,good,exempted,\n\
                   chi-bo,cb,hai nghin,good,,\n";
    let dir = folder(
        "row-problems",
        &[
            ("to_chuc.csv", ORGS),
            ("dang_vien.csv", members),
            ("bien_dong.csv", changes),
            ("buoi_sinh_hoat.csv", &meetings),
            ("diem_danh.csv", roll),
            ("xep_loai.csv", ratings),
        ],
    );
    let all = problems(&dir);
    let has = |file: &str, line: u64, column: Option<&str>, text: &str| {
        let p = find(&all, file, Some(line), column);
        assert!(p.message.contains(text), "{p}");
    };
    has("dang_vien.csv", 2, Some("ly_do_ra"), "fill both or neither");
    has("dang_vien.csv", 3, Some("ngay_ra"), "fill both or neither");
    has("dang_vien.csv", 4, Some("ma"), "the cell is empty");
    has("dang_vien.csv", 5, None, "more than the 6 columns");
    has("bien_dong.csv", 2, Some("ma_dang_vien"), "no member `zz`");
    has("bien_dong.csv", 3, Some("ma_chi_bo"), "needs the cell's id");
    has("bien_dong.csv", 4, Some("ma_chi_bo"), "leave it empty");
    has(
        "bien_dong.csv",
        5,
        Some("loai"),
        "sinh-hoat, tam-thoi, mien, dinh-chi",
    );
    has(
        "buoi_sinh_hoat.csv",
        2,
        Some("vang_co_ly_do"),
        "fill all four totals",
    );
    has(
        "buoi_sinh_hoat.csv",
        2,
        Some("vang_khong_ly_do"),
        "fill all four totals",
    );
    has(
        "buoi_sinh_hoat.csv",
        3,
        Some("phai_du"),
        "disagree with the 2 lines",
    );
    has(
        "buoi_sinh_hoat.csv",
        4,
        Some("lien_he"),
        "`nq5` is not a document",
    );
    has(
        "buoi_sinh_hoat.csv",
        5,
        Some("thoi_luong_phut"),
        "from 0 to 65535",
    );
    has("buoi_sinh_hoat.csv", 5, Some("diem"), "from 0 to 255");
    has("diem_danh.csv", 4, Some("ma_buoi"), "no meeting `m9`");
    has("xep_loai.csv", 2, Some("muc"), "give the level");
    has("xep_loai.csv", 3, Some("ly_do_khong_xep_loai"), "keep one");
    has("xep_loai.csv", 4, Some("doi_tuong"), "dang-vien, to-chuc");
    has(
        "xep_loai.csv",
        4,
        Some("nam"),
        "`hai nghin` is not a whole number",
    );
    has(
        "buoi_sinh_hoat.csv",
        4,
        Some("tu_danh_gia"),
        "write co or empty those cells",
    );
    assert_eq!(all.len(), 20, "{all:#?}");
}

#[test]
fn invalid_utf8_is_reported_at_its_cell() {
    let mut bytes = b"ma,ten,cap,ma_cap_tren,loai_hinh,ngay_thanh_lap,ngay_giai_the\nxa,X".to_vec();
    bytes.extend_from_slice(&[0xE3, 0x28]); // Windows-1258, not UTF-8
    bytes.extend_from_slice(b",party-committee,,,,\n");
    let dir = scratch("not-utf8");
    fs::write(dir.join("to_chuc.csv"), bytes).unwrap();
    let all = problems(&dir);
    let p = find(&all, "to_chuc.csv", Some(2), Some("ten"));
    assert!(p.message.contains("CSV UTF-8"), "{p}");
}

#[test]
fn build_problems_follow_a_clean_read() {
    // Reading checks the layout; references between records are Dataset::build's job.
    let dir = scratch("build-problems");
    let mut r = small_district();
    r.meetings[0].cell = "nowhere".into();
    if let Attendance::RollCall(entries) = &mut r.meetings[1].attendance {
        entries.push(RollCallEntry {
            member: "ghost".into(),
            presence: Presence::Present,
        });
    }
    write_folder(&r, &dir).unwrap();
    let back = read_folder(&dir).unwrap();
    assert_eq!(back, r);
    let err = Dataset::build(&back).unwrap_err();
    assert_eq!(err.problems.len(), 2, "{err}");
}

// --- Any records round-trip --------------------------------------------------------------------

/// Texts with what CSV must quote (commas, semicolons, quotes, line breaks) and Vietnamese letters,
/// without surrounding spaces.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9àáạảãâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ ,;\"'\n-]{0,12}"
        .prop_map(|s| s.trim().to_owned())
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    option::of(text()).prop_map(|t| t.filter(|t| !t.is_empty()))
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        20 => (0u64..40_000).prop_map(|n| d(1950, 1, 1) + chrono::Days::new(n)),
        1 => select(vec![NaiveDate::MIN, NaiveDate::MAX, d(0, 1, 1), d(9999, 12, 31)]),
    ]
}

fn any_org() -> impl Strategy<Value = OrganisationRecord> {
    (
        text(),
        select(OrgLevel::ALL),
        opt_text(),
        option::of(select(CellKind::ALL)),
        option::of(any_date()),
        option::of(any_date()),
    )
        .prop_map(
            |(name, level, parent, kind, founded_on, dissolved_on)| OrganisationRecord {
                id: String::new(),
                name,
                level,
                parent,
                kind,
                founded_on,
                dissolved_on,
            },
        )
}

fn any_member() -> impl Strategy<Value = MemberRecord> {
    let posting = (text(), any_date(), option::of(any_date()), any::<bool>()).prop_map(
        |(cell, from, until, temporary)| Posting {
            cell: if cell.is_empty() { "cb".into() } else { cell },
            from,
            until,
            temporary,
        },
    );
    let leave = (select(LeaveKind::ALL), any_date(), option::of(any_date()))
        .prop_map(|(kind, from, until)| Leave { kind, from, until });
    let exit = (any_date(), select(ExitReason::ALL)).prop_map(|(on, reason)| Exit { on, reason });
    (
        opt_text(),
        any_date(),
        option::of(any_date()),
        vec(posting, 0..3),
        vec(leave, 0..3),
        option::of(exit),
    )
        .prop_map(
            |(name, admitted_on, official_on, postings, leaves, exit)| MemberRecord {
                id: String::new(),
                name,
                admitted_on,
                official_on,
                postings,
                leaves,
                exit,
            },
        )
}

fn any_meeting() -> impl Strategy<Value = MeetingRecord> {
    let attendance = prop_oneof![
        vec(("[a-z0-9]{1,4}", select(Presence::ALL)), 0..4).prop_map(|roll| {
            Attendance::RollCall(
                roll.into_iter()
                    .map(|(member, presence)| RollCallEntry { member, presence })
                    .collect(),
            )
        }),
        any::<[u32; 4]>().prop_map(|[expected, present, with, without]| {
            Attendance::Counts(AttendanceCounts {
                expected,
                present,
                absent_with_reason: with,
                absent_without_reason: without,
            })
        }),
    ];
    let preparation = (
        any::<bool>(),
        option::of(any::<bool>()),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(a, b, c, e)| Preparation {
            content_prepared: a,
            committee_met: b,
            draft_resolution: c,
            documents_sent_ahead: e,
        });
    let content = (
        any::<[bool; 2]>(),
        any::<[u16; 2]>(),
        vec(select(Reference::ALL), 0..6),
        option::of(any::<bool>()),
    )
        .prop_map(|([f, l], [t, c], linked_to, directives_adapted)| Content {
            follows_programme: f,
            last_month_reviewed: l,
            tasks: t,
            tasks_with_owner_and_deadline: c,
            linked_to,
            directives_adapted,
        });
    let assessment = option::of(
        (
            option::of(select(MeetingQuality::ALL)),
            option::of(any::<u8>()),
        )
            .prop_map(|(level, score)| SelfAssessment { level, score }),
    );
    (
        (
            "[a-z0-9]{1,4}",
            any_date(),
            select(MeetingKind::ALL),
            any::<u16>(),
        ),
        preparation,
        any::<[bool; 3]>(),
        attendance,
        content,
        assessment,
    )
        .prop_map(
            |((cell, date, kind, minutes), preparation, [k, p, c], attendance, content, sa)| {
                MeetingRecord {
                    id: String::new(),
                    cell,
                    date,
                    kind,
                    duration_minutes: minutes,
                    preparation,
                    minutes_kept: k,
                    principles_observed: p,
                    conclusion_carried_out: c,
                    attendance,
                    content,
                    self_assessment: sa,
                }
            },
        )
}

fn any_rating() -> impl Strategy<Value = RatingRecord> {
    (
        "[a-z0-9]{1,4}",
        any::<bool>(),
        any::<i32>(),
        prop_oneof![
            select(RatingLevel::ALL).prop_map(RatingResult::Rated),
            select(NotRatedReason::ALL).prop_map(RatingResult::NotRated),
        ],
        option::of(any::<bool>()),
    )
        .prop_map(|(id, member, year, result, disciplined)| RatingRecord {
            subject: if member {
                RatingSubject::Member(id)
            } else {
                RatingSubject::Organisation(id)
            },
            year,
            result,
            disciplined,
        })
}

/// Any records whose ids are unique in their kind: `<kind><index><text>`, so they may hold
/// anything a text may, without surrounding spaces.
fn any_records() -> impl Strategy<Value = Records> {
    (
        (text(), vec(any_org(), 0..4)),
        (text(), vec(any_member(), 0..4)),
        (text(), vec(any_meeting(), 0..4)),
        vec(any_rating(), 0..4),
        vec(("[a-z0-9]{1,4}", "[a-z0-9]{1,4}", any_date()), 0..3),
    )
        .prop_map(
            |((o, mut orgs), (m, mut members), (s, mut meetings), ratings, adm)| {
                for (i, x) in orgs.iter_mut().enumerate() {
                    x.id = format!("o{i}{o}");
                }
                for (i, x) in members.iter_mut().enumerate() {
                    x.id = format!("m{i}{m}");
                }
                for (i, x) in meetings.iter_mut().enumerate() {
                    x.id = format!("s{i}{s}");
                }
                Records {
                    organisations: orgs,
                    members,
                    meetings,
                    ratings,
                    admissions: adm
                        .into_iter()
                        .map(|(member, cell, date)| AdmissionRecord { member, cell, date })
                        .collect(),
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// write_folder then read_folder gives back the records, whatever they hold.
    #[test]
    fn any_records_round_trip(records in any_records()) {
        let dir = scratch(&format!("prop-{}", std::thread::current().name().unwrap_or("x").replace("::", "-")));
        write_folder(&records, &dir).unwrap();
        let back = read_folder(&dir).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, records);
    }
}
