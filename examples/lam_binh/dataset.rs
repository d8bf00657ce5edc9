//! A district shaped like Lâm Bình (Tuyên Quang), 01/01/2020 – 30/09/2022, record by record:
//! evaluated with `CriteriaSet::de_an_16()` at [`DISTRICT`], it reproduces the figures of the
//! Huyện ủy's two-year review of Đề án 16-ĐA/TU (29/11/2022).
//!
//! The article publishes rates, not counts. Only three counts are published: 2,815 members
//! (2020 congress), 8 communes, 179 admissions. **Every other count below is assumed by this
//! example.** The data are built from fixed tables and index rules, so each figure holds by
//! construction; a fixed hash (splitmix64) only picks names and old admission dates.
//!
//! # Organisations: 25 grassroots organisations (TCCSĐ), 150 cells, 2,815 members on 01/01/2020
//!
//! | Grassroots organisation | Cells | Kinds of cell | Members |
//! |---|---:|---|---:|
//! | Đảng bộ xã Lăng Can | 15 | 13 thôn, cơ quan xã, trường học | 339 |
//! | Đảng bộ xã Thượng Lâm | 14 | 12 thôn, cơ quan xã, trường học | 309 |
//! | Đảng bộ xã Khuôn Hà | 13 | 11 thôn, cơ quan xã, trường học | 272 |
//! | Đảng bộ xã Phúc Yên | 11 | 9 thôn, cơ quan xã, trường học | 218 |
//! | Đảng bộ xã Xuân Lập | 13 | 11 thôn, cơ quan xã, trường học | 278 |
//! | Đảng bộ xã Bình An | 10 | 8 thôn, cơ quan xã, trường học | 207 |
//! | Đảng bộ xã Hồng Quang | 14 | 12 thôn, cơ quan xã, trường học | 301 |
//! | Đảng bộ xã Thổ Bình | 14 | 12 thôn, cơ quan xã, trường học | 320 |
//! | Đảng bộ Cơ quan Chính quyền huyện | 16 | 13 agencies, 3 public service | 160 |
//! | Đảng bộ Cơ quan Đảng - Đoàn thể huyện | 7 | 6 agencies, 1 public service | 70 |
//! | Đảng bộ Quân sự huyện | 4 | armed forces | 52 |
//! | Đảng bộ Công an huyện | 6 | armed forces | 105 |
//! | 13 chi bộ cơ sở | 13 | 3 schools, health centre, GDNN-GDTX, BHXH; 6 agencies; 1 bank | 184 |
//! | **Total** | **150** | 88 villages, 16 commune cơ quan and schools, 46 others | **2,815** |
//!
//! Cells have 8 to 30 members (table `GRASSROOTS`). Village names are illustrative: the real
//! list of thôn was not checked. Ids: `huyen-lam-binh`, `db-…` (đảng bộ cơ sở), `cb-…` (chi
//! bộ), `dv-00001`… (members, numbered cell by cell in table order), `sh-<cell>-<yyyy>-<mm>`
//! (regular meetings), `cd-<cell>-<yyyy>-q<n>` (thematic meetings).
//!
//! # Members: 2,994 records, 2,972 on the lists on 30/09/2022
//!
//! - 2,815 on 01/01/2020, 50 of them still probationary (the first member of every third cell,
//!   admitted in 2019, official in 2020).
//! - Exempted (miễn sinh hoạt) elderly members, 94 in all (3.3%): 71 since before 2020 (the last
//!   member of each village cell of 20 or more), 23 more from 01/01/2021 (the second-to-last in
//!   villages of 24 or more). They are not on roll calls, except that about half of them (every
//!   other record) come to each December meeting: present, so counted as expected and present.
//! - Exits: 10 deaths (exempted elderly members, table `DEATHS`) and 12 transfers out of the
//!   district (`TRANSFERS_OUT`); 6 moves between cells inside the district (`MOVES`).
//! - Admissions: 179 (68 in 2020, 63 in 2021, 48 in 01–09/2022) by 119 cells (every cell of
//!   12 or more members except the five S02 villages), each at the cell's regular meeting of
//!   its month; official 12 months later, so 63 are still probationary on 30/09/2022.
//!
//! # Meetings: 6,600, all with a roll call
//!
//! - 4,950 regular meetings (150 cells × 33 months, on day 3–8) and 1,650 thematic meetings
//!   (150 × 11 quarters, day 15–20 of the quarter's second month). Every one lasts 95–144
//!   minutes, is prepared (chi ủy met in cells of 9 or more), minutes kept, self-assessed
//!   ("tốt" 90–98 or "khá"), except the faults below.
//! - Absent with reason: by a 12-meeting cycle of 2–9% of those due (rounded), never more than
//!   one in ten (`ABSENCE_PERCENT`): about 5% overall, every meeting at 90% or more.
//! - Review linked each quarter to NQ TW4 XI and XII (first month), Chỉ thị 05 (second month
//!   and the thematic meeting), QĐ 37 and nêu gương (third month); directives discussed and
//!   adapted at each quarter's first meeting; 3–5 tasks, each with owner and deadline.
//!
//! # Faults, and the cells each criterion names
//!
//! - I03, 4 cells (146/150 = 97.33% → 97%): a 70-minute meeting during the floods
//!   (cb-xuan-lap-07, 07/2021); no draft resolution (cb-hong-quang-04, 10/2020); a member absent
//!   without reason three months of a year, whom R02 names (cb-binh-an-05 in 2020,
//!   cb-tho-binh-09 in 2021; table `UNEXCUSED`).
//! - I04, 16 cells (134/150 = 89.33% → 89%): one thematic meeting each, too short (8), without
//!   draft conclusion (4), unprepared (2) or with incomplete minutes (2) (`THEMATIC_FAULTS`).
//! - S01, 6 cells: content below the programme at 1–2 meetings (`OFF_PROGRAMME`).
//! - S02, 5 remote villages of 10–12 members: one member absent with reason from every regular
//!   meeting, so 90–91.7% (`LOW_ATTENDANCE`).
//! - S03, 5 cells (4 commune cơ quan, Phòng Nông nghiệp): directives not adapted once
//!   (`NOT_ADAPTED`).
//! - S04, 7 cells: one quarter whose review left out QĐ 37 and nêu gương (`UNLINKED`).
//! - S05, 6 cells: tasks without owner or deadline, or last month not reviewed (`VAGUE`).
//!
//! # Ratings, 2020 and 2021 (2022 is rated after the period)
//!
//! - Cells: 10 rated "hoàn thành nhiệm vụ" in 2020 and 8 in 2021 (`CELLS_COMPLETED`), the
//!   rest "tốt", one in seven "xuất sắc" (19 and 20). Party committees: Công an and Quân sự
//!   "xuất sắc", the other ten "tốt".
//! - Members on a list on 31 December: exempted ones not rated (68 in 2020, 87 in 2021); the
//!   two R02 members "không hoàn thành"; every 8th of a cell's list "hoàn thành" (287, 283);
//!   15% of the rest of each cell, rounded down, "xuất sắc" (320, 326: within HD 21's 20% cap
//!   in every TCCSĐ); the rest "tốt".
//!
//! # Figures at the district (the test `tests/it/lam_binh.rs` asserts each)
//!
//! | Indicator | Measured | Article |
//! |---|---|---|
//! | I01, I02 | 150/150 cells in 2020, 2021 and 01–09/2022 | 100% every year |
//! | I03 | 146/150 = 97.33% | 97% |
//! | I04 | 134/150 = 89.33% | 89% or more |
//! | I05 | 6,600/6,600 meetings at 90% or more | from 90% up |
//! | I06 | 117,655/124,070 attendances = 94.83% | 93% or more |
//! | I07 | 150/150 cells | 100% |
//! | I08 | 179 admitted | 179 |
//! | I09 | 140/150 = 93.33% (2020), 142/150 = 94.67% (2021) | over 90% |
//! | I10 | 2,520/2,808 = 89.74% (2020), 2,559/2,843 = 90.01% (2021) | over 85% |

use std::collections::HashMap;

use chibo::{
    AdmissionRecord, Attendance, CellKind, Content, Exit, ExitReason, Leave, LeaveKind,
    MeetingKind, MeetingQuality, MeetingRecord, MemberRecord, NotRatedReason, OrgLevel,
    OrganisationRecord, Period, Posting, Preparation, Presence, RatingLevel, RatingRecord,
    RatingResult, RatingSubject, Records, Reference, RollCallEntry, SelfAssessment,
};
use chrono::{Datelike, Months, NaiveDate};

/// The district party organisation (Đảng bộ huyện Lâm Bình), the scope of the review.
pub const DISTRICT: &str = "huyen-lam-binh";

/// The period the review covers: 01/01/2020 to 30/09/2022.
pub fn period() -> Period {
    // PERIOD_START precedes PERIOD_END, so `Period::new` cannot fail.
    Period::new(PERIOD_START, PERIOD_END).unwrap_or_else(|e| unreachable!("{e}"))
}

/// Every record of the district: organisations, members, meetings, ratings and admissions.
pub fn records() -> Records {
    let mut district = District::new();
    district.apply_exits();
    district.apply_exemptions();
    district.admit();
    district.index_rosters();
    Records {
        organisations: organisations(),
        meetings: district.meetings(),
        ratings: district.ratings(),
        admissions: district.admissions.clone(),
        members: district.members,
    }
}

// ---------------------------------------------------------------------------------------------
// The organisations (tổ chức đảng) and their cells, with the members of each on 01/01/2020.
// ---------------------------------------------------------------------------------------------

/// One cell (chi bộ): id, name after "Chi bộ ", kind, and members on its list on 01/01/2020.
struct CellSpec {
    id: &'static str,
    name: &'static str,
    kind: CellKind,
    members: usize,
}

/// A grassroots party organisation (tổ chức cơ sở đảng) directly under the district.
enum Grassroots {
    /// A đảng bộ cơ sở with its cells (chi bộ trực thuộc).
    Committee {
        id: &'static str,
        name: &'static str,
        cells: &'static [CellSpec],
    },
    /// A chi bộ cơ sở: a cell that is a grassroots organisation on its own.
    Cell(CellSpec),
}

const fn cell(id: &'static str, name: &'static str, kind: CellKind, members: usize) -> CellSpec {
    CellSpec {
        id,
        name,
        kind,
        members,
    }
}

const fn village(id: &'static str, name: &'static str, members: usize) -> CellSpec {
    cell(id, name, CellKind::Village, members)
}

const fn agency(id: &'static str, name: &'static str, members: usize) -> CellSpec {
    cell(id, name, CellKind::Agency, members)
}

const fn service(id: &'static str, name: &'static str, members: usize) -> CellSpec {
    cell(id, name, CellKind::PublicService, members)
}

const fn armed(id: &'static str, name: &'static str, members: usize) -> CellSpec {
    cell(id, name, CellKind::ArmedForces, members)
}

const fn committee(id: &'static str, name: &'static str, cells: &'static [CellSpec]) -> Grassroots {
    Grassroots::Committee { id, name, cells }
}

/// The district's 25 grassroots organisations and 150 cells, with their members on 01/01/2020
/// (2,815 in all). Village names are illustrative: the real list of thôn was not checked.
const GRASSROOTS: &[Grassroots] = &[
    committee(
        "db-lang-can",
        "Đảng bộ xã Lăng Can",
        &[
            village("cb-lang-can-01", "thôn Bản Chợ", 28),
            village("cb-lang-can-02", "thôn Nà Khà", 24),
            village("cb-lang-can-03", "thôn Nà Đông", 26),
            village("cb-lang-can-04", "thôn Bản Khiển", 21),
            village("cb-lang-can-05", "thôn Khuổi Củng", 23),
            village("cb-lang-can-06", "thôn Nặm Đíp", 20),
            village("cb-lang-can-07", "thôn Phiêng Luông", 25),
            village("cb-lang-can-08", "thôn Nà Tông", 27),
            village("cb-lang-can-09", "thôn Khau Quang", 22),
            village("cb-lang-can-10", "thôn Nà Mèn", 19),
            village("cb-lang-can-11", "thôn Bản Bó", 24),
            village("cb-lang-can-12", "thôn Lũng Giang", 11),
            village("cb-lang-can-13", "thôn Nà Coóc", 21),
            agency("cb-lang-can-co-quan", "Cơ quan xã Lăng Can", 30),
            service("cb-lang-can-truong-hoc", "Trường học xã Lăng Can", 18),
        ],
    ),
    committee(
        "db-thuong-lam",
        "Đảng bộ xã Thượng Lâm",
        &[
            village("cb-thuong-lam-01", "thôn Nà Thác", 26),
            village("cb-thuong-lam-02", "thôn Nà Liềm", 22),
            village("cb-thuong-lam-03", "thôn Khuổi Ẻn", 20),
            village("cb-thuong-lam-04", "thôn Bản Piát", 23),
            village("cb-thuong-lam-05", "thôn Nà Va", 21),
            village("cb-thuong-lam-06", "thôn Nà Lòa", 25),
            village("cb-thuong-lam-07", "thôn Bản Bó", 19),
            village("cb-thuong-lam-08", "thôn Phiêng Mơ", 24),
            village("cb-thuong-lam-09", "thôn Nà Bản", 22),
            village("cb-thuong-lam-10", "thôn Nà Cọn", 18),
            village("cb-thuong-lam-11", "thôn Bản Tấu", 21),
            village("cb-thuong-lam-12", "thôn Khuổi Pồng", 23),
            agency("cb-thuong-lam-co-quan", "Cơ quan xã Thượng Lâm", 29),
            service("cb-thuong-lam-truong-hoc", "Trường học xã Thượng Lâm", 16),
        ],
    ),
    committee(
        "db-khuon-ha",
        "Đảng bộ xã Khuôn Hà",
        &[
            village("cb-khuon-ha-01", "thôn Nà Muông", 24),
            village("cb-khuon-ha-02", "thôn Phiêng Ban", 21),
            village("cb-khuon-ha-03", "thôn Khuổi Nhừ", 23),
            village("cb-khuon-ha-04", "thôn Nà Kẹm", 22),
            village("cb-khuon-ha-05", "thôn Bản Luông", 20),
            village("cb-khuon-ha-06", "thôn Khau Đồn", 26),
            village("cb-khuon-ha-07", "thôn Nà Thuôn", 19),
            village("cb-khuon-ha-08", "thôn Bản Bung", 23),
            village("cb-khuon-ha-09", "thôn Tát Ten", 21),
            village("cb-khuon-ha-10", "thôn Nà Lum", 12),
            village("cb-khuon-ha-11", "thôn Bản Thàng", 18),
            agency("cb-khuon-ha-co-quan", "Cơ quan xã Khuôn Hà", 28),
            service("cb-khuon-ha-truong-hoc", "Trường học xã Khuôn Hà", 15),
        ],
    ),
    committee(
        "db-phuc-yen",
        "Đảng bộ xã Phúc Yên",
        &[
            village("cb-phuc-yen-01", "thôn Khuổi Khít", 22),
            village("cb-phuc-yen-02", "thôn Phiêng Mơ", 20),
            village("cb-phuc-yen-03", "thôn Nà Co", 24),
            village("cb-phuc-yen-04", "thôn Bản Tâng", 21),
            village("cb-phuc-yen-05", "thôn Khuổi Trang", 19),
            village("cb-phuc-yen-06", "thôn Nà Ngoa", 23),
            village("cb-phuc-yen-07", "thôn Thẳm Hon", 18),
            village("cb-phuc-yen-08", "thôn Bản Phú", 10),
            village("cb-phuc-yen-09", "thôn Nà Lừa", 20),
            agency("cb-phuc-yen-co-quan", "Cơ quan xã Phúc Yên", 27),
            service("cb-phuc-yen-truong-hoc", "Trường học xã Phúc Yên", 14),
        ],
    ),
    committee(
        "db-xuan-lap",
        "Đảng bộ xã Xuân Lập",
        &[
            village("cb-xuan-lap-01", "thôn Nà Mụ", 25),
            village("cb-xuan-lap-02", "thôn Nà Pồng", 22),
            village("cb-xuan-lap-03", "thôn Khau Đao", 11),
            village("cb-xuan-lap-04", "thôn Nà Chang", 23),
            village("cb-xuan-lap-05", "thôn Pác Pạo", 21),
            village("cb-xuan-lap-06", "thôn Khuôn Nhòa", 24),
            village("cb-xuan-lap-07", "thôn Bản Dạ", 22),
            village("cb-xuan-lap-08", "thôn Nà Đứa", 20),
            village("cb-xuan-lap-09", "thôn Nà Lầu", 26),
            village("cb-xuan-lap-10", "thôn Phai Tre", 19),
            village("cb-xuan-lap-11", "thôn Bản Khâm", 21),
            agency("cb-xuan-lap-co-quan", "Cơ quan xã Xuân Lập", 28),
            service("cb-xuan-lap-truong-hoc", "Trường học xã Xuân Lập", 16),
        ],
    ),
    committee(
        "db-binh-an",
        "Đảng bộ xã Bình An",
        &[
            village("cb-binh-an-01", "thôn Nà Ta", 21),
            village("cb-binh-an-02", "thôn Khuổi Hẻ", 23),
            village("cb-binh-an-03", "thôn Nà Lẹ", 20),
            village("cb-binh-an-04", "thôn Bản Chòn", 22),
            village("cb-binh-an-05", "thôn Pác Hóp", 24),
            village("cb-binh-an-06", "thôn Nà Khán", 19),
            village("cb-binh-an-07", "thôn Khuôn Hẻ", 18),
            village("cb-binh-an-08", "thôn Nặm Chá", 21),
            agency("cb-binh-an-co-quan", "Cơ quan xã Bình An", 26),
            service("cb-binh-an-truong-hoc", "Trường học xã Bình An", 13),
        ],
    ),
    committee(
        "db-hong-quang",
        "Đảng bộ xã Hồng Quang",
        &[
            village("cb-hong-quang-01", "thôn Nà Va", 24),
            village("cb-hong-quang-02", "thôn Khuổi Hỏi", 22),
            village("cb-hong-quang-03", "thôn Bản Thàng", 21),
            village("cb-hong-quang-04", "thôn Nà Mỵ", 23),
            village("cb-hong-quang-05", "thôn Pác Khoang", 20),
            village("cb-hong-quang-06", "thôn Khau Mút", 25),
            village("cb-hong-quang-07", "thôn Bản Bó", 22),
            village("cb-hong-quang-08", "thôn Nà Pết", 19),
            village("cb-hong-quang-09", "thôn Phiêng Ten", 26),
            village("cb-hong-quang-10", "thôn Nà Tà", 21),
            village("cb-hong-quang-11", "thôn Bản Dạ", 12),
            village("cb-hong-quang-12", "thôn Nà Bó", 23),
            agency("cb-hong-quang-co-quan", "Cơ quan xã Hồng Quang", 28),
            service("cb-hong-quang-truong-hoc", "Trường học xã Hồng Quang", 15),
        ],
    ),
    committee(
        "db-tho-binh",
        "Đảng bộ xã Thổ Bình",
        &[
            village("cb-tho-binh-01", "thôn Bản Pước", 27),
            village("cb-tho-binh-02", "thôn Nà Bó", 23),
            village("cb-tho-binh-03", "thôn Nà Chang", 21),
            village("cb-tho-binh-04", "thôn Khuôn Hẻ", 24),
            village("cb-tho-binh-05", "thôn Nà Kém", 22),
            village("cb-tho-binh-06", "thôn Bản Thàng", 20),
            village("cb-tho-binh-07", "thôn Nà Mèn", 25),
            village("cb-tho-binh-08", "thôn Nà Thuôn", 19),
            village("cb-tho-binh-09", "thôn Nà Tâng", 26),
            village("cb-tho-binh-10", "thôn Bản Khiển", 23),
            village("cb-tho-binh-11", "thôn Khuổi Pinh", 21),
            village("cb-tho-binh-12", "thôn Phiêng Lang", 22),
            agency("cb-tho-binh-co-quan", "Cơ quan xã Thổ Bình", 30),
            service("cb-tho-binh-truong-hoc", "Trường học xã Thổ Bình", 17),
        ],
    ),
    committee(
        "db-co-quan-chinh-quyen",
        "Đảng bộ Cơ quan Chính quyền huyện",
        &[
            agency("cb-ccq-van-phong", "Văn phòng HĐND và UBND huyện", 14),
            agency("cb-ccq-tai-chinh", "Phòng Tài chính - Kế hoạch", 10),
            agency("cb-ccq-noi-vu", "Phòng Nội vụ", 9),
            agency("cb-ccq-giao-duc", "Phòng Giáo dục và Đào tạo", 11),
            agency("cb-ccq-nong-nghiep", "Phòng Nông nghiệp và PTNT", 12),
            agency("cb-ccq-tai-nguyen", "Phòng Tài nguyên và Môi trường", 9),
            agency("cb-ccq-kinh-te-ha-tang", "Phòng Kinh tế và Hạ tầng", 9),
            agency(
                "cb-ccq-lao-dong",
                "Phòng Lao động - Thương binh và Xã hội",
                8,
            ),
            agency("cb-ccq-van-hoa", "Phòng Văn hóa và Thông tin", 10),
            agency("cb-ccq-tu-phap", "Phòng Tư pháp", 8),
            agency("cb-ccq-thanh-tra", "Thanh tra huyện", 8),
            agency("cb-ccq-dan-toc", "Phòng Dân tộc", 8),
            agency("cb-ccq-y-te", "Phòng Y tế", 8),
            service(
                "cb-ccq-trung-tam-vhtt",
                "Trung tâm Văn hóa, Truyền thông và Thể thao",
                12,
            ),
            service(
                "cb-ccq-dich-vu-nong-nghiep",
                "Trung tâm Dịch vụ nông nghiệp",
                14,
            ),
            service(
                "cb-ccq-quan-ly-du-an",
                "Ban Quản lý dự án đầu tư xây dựng",
                10,
            ),
        ],
    ),
    committee(
        "db-co-quan-dang-doan-the",
        "Đảng bộ Cơ quan Đảng - Đoàn thể huyện",
        &[
            agency("cb-ddt-van-phong-huyen-uy", "Văn phòng Huyện ủy", 12),
            agency(
                "cb-ddt-to-chuc-kiem-tra",
                "Ban Tổ chức - Ủy ban Kiểm tra",
                11,
            ),
            agency(
                "cb-ddt-tuyen-giao-dan-van",
                "Ban Tuyên giáo - Ban Dân vận",
                10,
            ),
            agency("cb-ddt-mat-tran", "Ủy ban MTTQ huyện", 9),
            agency("cb-ddt-hoi-doan-the", "Các hội đoàn thể huyện", 12),
            agency("cb-ddt-doan-thanh-nien", "Huyện đoàn", 8),
            service("cb-ddt-trung-tam-chinh-tri", "Trung tâm Chính trị huyện", 8),
        ],
    ),
    committee(
        "db-quan-su",
        "Đảng bộ Quân sự huyện",
        &[
            armed("cb-qs-chi-huy", "Chỉ huy", 10),
            armed("cb-qs-tham-muu", "Tham mưu", 14),
            armed("cb-qs-chinh-tri-hau-can", "Chính trị - Hậu cần", 12),
            armed("cb-qs-dan-quan", "Dân quân thường trực", 16),
        ],
    ),
    committee(
        "db-cong-an",
        "Đảng bộ Công an huyện",
        &[
            armed("cb-ca-an-ninh", "An ninh", 14),
            armed(
                "cb-ca-canh-sat-hinh-su",
                "Cảnh sát hình sự - kinh tế - ma túy",
                16,
            ),
            armed("cb-ca-tong-hop", "Tổng hợp - Xây dựng lực lượng", 18),
            armed("cb-ca-csgt-trat-tu", "Cảnh sát giao thông - trật tự", 15),
            armed(
                "cb-ca-quan-ly-hanh-chinh",
                "Cảnh sát quản lý hành chính",
                12,
            ),
            armed("cb-ca-cong-an-xa", "Công an các xã", 30),
        ],
    ),
    Grassroots::Cell(service("cb-thpt-lam-binh", "Trường THPT Lâm Bình", 29)),
    Grassroots::Cell(service("cb-thpt-thuong-lam", "Trường THPT Thượng Lâm", 19)),
    Grassroots::Cell(service(
        "cb-ptdtnt-lam-binh",
        "Trường PTDTNT THCS và THPT Lâm Bình",
        24,
    )),
    Grassroots::Cell(service("cb-trung-tam-y-te", "Trung tâm Y tế huyện", 30)),
    Grassroots::Cell(service("cb-gdnn-gdtx", "Trung tâm GDNN - GDTX huyện", 10)),
    Grassroots::Cell(agency(
        "cb-vien-kiem-sat",
        "Viện Kiểm sát nhân dân huyện",
        9,
    )),
    Grassroots::Cell(agency("cb-toa-an", "Tòa án nhân dân huyện", 8)),
    Grassroots::Cell(agency("cb-thi-hanh-an", "Chi cục Thi hành án dân sự", 8)),
    Grassroots::Cell(agency("cb-chi-cuc-thue", "Chi cục Thuế khu vực", 9)),
    Grassroots::Cell(agency("cb-kho-bac", "Kho bạc Nhà nước huyện", 8)),
    Grassroots::Cell(service("cb-bhxh", "Bảo hiểm xã hội huyện", 8)),
    Grassroots::Cell(cell(
        "cb-ngan-hang-csxh",
        "Phòng giao dịch Ngân hàng Chính sách xã hội",
        CellKind::Enterprise,
        9,
    )),
    Grassroots::Cell(agency("cb-hat-kiem-lam", "Hạt Kiểm lâm huyện", 13)),
];

/// Grassroots organisations rated "hoàn thành xuất sắc nhiệm vụ" in 2020 and 2021; every other
/// party committee is rated "hoàn thành tốt nhiệm vụ".
const COMMITTEES_EXCELLENT: &[&str] = &["db-cong-an", "db-quan-su"];

fn organisations() -> Vec<OrganisationRecord> {
    let org = |id: &str, name: String, level, parent: Option<&str>, kind| OrganisationRecord {
        id: id.to_owned(),
        name,
        level,
        parent: parent.map(str::to_owned),
        kind,
        founded_on: None,
        dissolved_on: None,
    };
    let mut out = vec![org(
        DISTRICT,
        "Đảng bộ huyện Lâm Bình".to_owned(),
        OrgLevel::District,
        None,
        None,
    )];
    for g in GRASSROOTS {
        match g {
            Grassroots::Committee { id, name, cells } => {
                out.push(org(
                    id,
                    (*name).to_owned(),
                    OrgLevel::PartyCommittee,
                    Some(DISTRICT),
                    None,
                ));
                for c in *cells {
                    out.push(org(
                        c.id,
                        format!("Chi bộ {}", c.name),
                        OrgLevel::Cell,
                        Some(id),
                        Some(c.kind),
                    ));
                }
            }
            Grassroots::Cell(c) => out.push(org(
                c.id,
                format!("Chi bộ {}", c.name),
                OrgLevel::GrassrootsCell,
                Some(DISTRICT),
                Some(c.kind),
            )),
        }
    }
    out
}

/// Every cell, in table order, with its position (used to stagger dates and rotations).
fn cells() -> impl Iterator<Item = &'static CellSpec> {
    GRASSROOTS.iter().flat_map(|g| match g {
        Grassroots::Committee { cells, .. } => cells.iter(),
        Grassroots::Cell(c) => std::slice::from_ref(c).iter(),
    })
}

// ---------------------------------------------------------------------------------------------
// Calendar.
// ---------------------------------------------------------------------------------------------

/// A month: (year, month 1–12).
type Ym = (i32, u32);
/// A quarter: (year, quarter 1–4).
type Yq = (i32, u32);

const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => NaiveDate::MIN,
    }
}

const PERIOD_START: NaiveDate = date(2020, 1, 1);
const PERIOD_END: NaiveDate = date(2022, 9, 30);
/// Years rated inside the period (31 December within it).
const RATED_YEARS: [i32; 2] = [2020, 2021];
/// Regular meetings fall on day `REGULAR_DAY + position % DAY_SPREAD` of the month.
const REGULAR_DAY: u32 = 3;
/// Thematic meetings fall on day `THEMATIC_DAY + position % DAY_SPREAD` of a quarter's
/// second month.
const THEMATIC_DAY: u32 = 15;
const DAY_SPREAD: usize = 6;

/// The months of the period, 01/2020 to 09/2022.
fn months() -> impl Iterator<Item = Ym> {
    (PERIOD_START.year()..=PERIOD_END.year())
        .flat_map(|y| (1..=12).map(move |m| (y, m)))
        .filter(|&(y, m)| date(y, m, 1) <= PERIOD_END)
}

/// The quarters of the period, quý I/2020 to quý III/2022.
fn quarters() -> impl Iterator<Item = Yq> {
    months()
        .filter(|&(_, m)| m % 3 == 1)
        .map(|(y, m)| (y, (m / 3).saturating_add(1)))
}

/// Months since 01/2020 (0-based).
fn month_index((y, m): Ym) -> usize {
    let years = usize::try_from(y.saturating_sub(PERIOD_START.year())).unwrap_or(0);
    years
        .saturating_mul(12)
        .saturating_add(usize::try_from(m).unwrap_or(1).saturating_sub(1))
}

fn offset_day(first: u32, position: usize) -> u32 {
    first.saturating_add(u32::try_from(position % DAY_SPREAD).unwrap_or(0))
}

fn regular_date(position: usize, (y, m): Ym) -> NaiveDate {
    date(y, m, offset_day(REGULAR_DAY, position))
}

fn thematic_date(position: usize, (y, q): Yq) -> NaiveDate {
    date(
        y,
        q.saturating_mul(3).saturating_sub(1),
        offset_day(THEMATIC_DAY, position),
    )
}

// ---------------------------------------------------------------------------------------------
// Faults: what went wrong where. Every other meeting meets every standard.
// ---------------------------------------------------------------------------------------------

/// A regular meeting that missed the HD 12 standard (I03 fails for its cell).
enum RegularFault {
    /// It lasted less than 90 minutes.
    TooShort(u16),
    /// No draft resolution was prepared.
    NoDraftResolution,
}

/// I03: the two regular meetings that missed the standard for a reason other than an
/// unexcused absence.
const REGULAR_FAULTS: &[(&str, Ym, RegularFault)] = &[
    // Held in a hurry during the July floods.
    ("cb-xuan-lap-07", (2021, 7), RegularFault::TooShort(70)),
    (
        "cb-hong-quang-04",
        (2020, 10),
        RegularFault::NoDraftResolution,
    ),
];

/// I03 and R02: members absent without reason from the regular meeting of three months of one
/// year: (cell, position of the member on the cell's list on 01/01/2020, months).
const UNEXCUSED: &[(&str, usize, [Ym; 3])] = &[
    ("cb-binh-an-05", 2, [(2020, 4), (2020, 8), (2020, 11)]),
    ("cb-tho-binh-09", 1, [(2021, 3), (2021, 6), (2021, 10)]),
];

/// A thematic meeting that missed the standard (I04 fails for its cell).
enum ThematicFault {
    /// It lasted less than 90 minutes.
    TooShort(u16),
    /// No draft conclusion was prepared.
    NoDraftConclusion,
    /// The content was not prepared beforehand.
    NotPrepared,
    /// The minutes book was not fully kept.
    MinutesIncomplete,
}

/// I04: the sixteen cells with a thematic meeting that missed the standard.
const THEMATIC_FAULTS: &[(&str, Yq, ThematicFault)] = &[
    ("cb-lang-can-11", (2020, 2), ThematicFault::TooShort(75)),
    ("cb-thuong-lam-03", (2021, 1), ThematicFault::TooShort(70)),
    (
        "cb-thuong-lam-09",
        (2020, 3),
        ThematicFault::NoDraftConclusion,
    ),
    ("cb-khuon-ha-02", (2021, 3), ThematicFault::TooShort(80)),
    ("cb-khuon-ha-08", (2020, 4), ThematicFault::NotPrepared),
    ("cb-phuc-yen-06", (2021, 2), ThematicFault::TooShort(60)),
    ("cb-xuan-lap-07", (2021, 3), ThematicFault::TooShort(75)),
    (
        "cb-xuan-lap-10",
        (2021, 4),
        ThematicFault::NoDraftConclusion,
    ),
    ("cb-binh-an-03", (2020, 1), ThematicFault::MinutesIncomplete),
    ("cb-hong-quang-04", (2020, 4), ThematicFault::TooShort(70)),
    (
        "cb-hong-quang-10",
        (2022, 1),
        ThematicFault::NoDraftConclusion,
    ),
    ("cb-tho-binh-05", (2021, 2), ThematicFault::TooShort(65)),
    ("cb-tho-binh-12", (2020, 2), ThematicFault::NotPrepared),
    (
        "cb-lang-can-truong-hoc",
        (2022, 2),
        ThematicFault::TooShort(80),
    ),
    (
        "cb-ccq-dan-toc",
        (2021, 1),
        ThematicFault::NoDraftConclusion,
    ),
    (
        "cb-ddt-hoi-doan-the",
        (2022, 3),
        ThematicFault::MinutesIncomplete,
    ),
];

/// Which meeting of a cell.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Regular(Ym),
    Thematic(Yq),
}

/// S01: meetings whose content fell below the planned programme (six cells).
const OFF_PROGRAMME: &[(&str, Slot)] = &[
    ("cb-thuong-lam-09", Slot::Regular((2020, 5))),
    ("cb-thuong-lam-09", Slot::Regular((2021, 9))),
    ("cb-khuon-ha-08", Slot::Regular((2020, 8))),
    ("cb-khuon-ha-08", Slot::Thematic((2021, 2))),
    ("cb-phuc-yen-02", Slot::Regular((2021, 3))),
    ("cb-binh-an-03", Slot::Regular((2020, 11))),
    ("cb-hong-quang-10", Slot::Regular((2022, 2))),
    ("cb-tho-binh-12", Slot::Regular((2021, 6))),
];

/// S02: remote villages where members work away (đi làm ăn xa): a tenth of the members (one
/// of 10–12) is absent, with reason, from every regular meeting, so each meeting reaches 90%
/// but the cell's regular-meeting participation stays below 92%.
const LOW_ATTENDANCE: &[&str] = &[
    "cb-lang-can-12",
    "cb-khuon-ha-10",
    "cb-phuc-yen-08",
    "cb-xuan-lap-03",
    "cb-hong-quang-11",
];

/// S03: meetings where upper-level directives were discussed without adapting them to local
/// conditions (five cells).
const NOT_ADAPTED: &[(&str, Ym)] = &[
    ("cb-lang-can-co-quan", (2020, 4)),
    ("cb-khuon-ha-co-quan", (2021, 1)),
    ("cb-binh-an-co-quan", (2020, 7)),
    ("cb-tho-binh-co-quan", (2022, 4)),
    ("cb-ccq-nong-nghiep", (2021, 10)),
];

/// S04: quarters in which the review was not linked to QĐ 37 and nêu gương (the third month's
/// meeting, which usually covers them, left them out) (seven cells).
const UNLINKED: &[(&str, Yq)] = &[
    ("cb-lang-can-05", (2020, 3)),
    ("cb-thuong-lam-06", (2021, 2)),
    ("cb-phuc-yen-04", (2020, 2)),
    ("cb-xuan-lap-09", (2022, 1)),
    ("cb-hong-quang-07", (2021, 4)),
    ("cb-tho-binh-02", (2020, 4)),
    ("cb-ca-cong-an-xa", (2021, 3)),
];

/// How a monthly review was too generic (chung chung).
enum Vague {
    /// Next month's tasks set without owner or deadline (one of them concrete).
    TasksWithoutOwner,
    /// Last month's work not reviewed.
    LastMonthNotReviewed,
}

/// S05: regular meetings whose review was too generic (six cells).
const VAGUE: &[(&str, Ym, Vague)] = &[
    ("cb-lang-can-08", (2020, 6), Vague::TasksWithoutOwner),
    ("cb-lang-can-08", (2020, 7), Vague::TasksWithoutOwner),
    ("cb-khuon-ha-04", (2021, 2), Vague::LastMonthNotReviewed),
    ("cb-xuan-lap-07", (2021, 8), Vague::TasksWithoutOwner),
    ("cb-binh-an-05", (2020, 9), Vague::TasksWithoutOwner),
    ("cb-hong-quang-02", (2022, 5), Vague::LastMonthNotReviewed),
    ("cb-tho-binh-09", (2021, 11), Vague::TasksWithoutOwner),
];

/// I09: cells rated "hoàn thành nhiệm vụ" (below "tốt"), by year: the cells whose faults fell
/// in that year, and a few others. Every other cell is rated "tốt" or "xuất sắc".
const CELLS_COMPLETED: &[(i32, &[&str])] = &[
    (
        2020,
        &[
            "cb-lang-can-11",
            "cb-thuong-lam-09",
            "cb-khuon-ha-08",
            "cb-phuc-yen-08",
            "cb-xuan-lap-03",
            "cb-binh-an-03",
            "cb-binh-an-05",
            "cb-hong-quang-04",
            "cb-hong-quang-10",
            "cb-tho-binh-12",
        ],
    ),
    (
        2021,
        &[
            "cb-lang-can-12",
            "cb-khuon-ha-02",
            "cb-phuc-yen-06",
            "cb-xuan-lap-07",
            "cb-xuan-lap-10",
            "cb-hong-quang-11",
            "cb-tho-binh-05",
            "cb-tho-binh-09",
        ],
    ),
];
/// Cells not rated "hoàn thành nhiệm vụ" are rated "xuất sắc" when `(position + year) %
/// CELL_EXCELLENT_EVERY == 0`, else "tốt".
const CELL_EXCELLENT_EVERY: usize = 7;

// ---------------------------------------------------------------------------------------------
// Members: who is on which list when.
// ---------------------------------------------------------------------------------------------

/// Members on the district's lists on 01/01/2020 (Đại hội Đảng bộ huyện 2020).
const MEMBERS_AT_START: usize = 2_815;
/// A cell with at least this many members elects a chi ủy (committee), which meets before each
/// meeting; smaller cells have only a secretary (unverified).
const CHI_UY_MIN_MEMBERS: usize = 9;
/// In village cells of at least this many members, the oldest member (last on the list) has
/// been exempted (miễn sinh hoạt) since before 2020.
const EXEMPT_SINCE_BEFORE_MIN: usize = 20;
/// In village cells of at least this many members, a second elderly member (second-to-last)
/// is exempted from 01/01/2021.
const EXEMPT_FROM_2021_MIN: usize = 24;
const EXEMPT_FROM_2021: NaiveDate = date(2021, 1, 1);
/// Every `PROBATIONARY_EVERY`th cell's first member was admitted in 2019: still probationary
/// (dự bị) on 01/01/2020, official during 2020.
const PROBATIONARY_EVERY: usize = 3;
/// Members of non-village cells have been posted there since this day at the earliest.
const AGENCY_POSTED_SINCE: NaiveDate = date(2015, 6, 1);

/// Deaths (từ trần): the oldest member of each cell (exempted) died on the day given.
const DEATHS: &[(&str, NaiveDate)] = &[
    ("cb-lang-can-03", date(2020, 3, 12)),
    ("cb-thuong-lam-01", date(2020, 9, 20)),
    ("cb-tho-binh-07", date(2020, 12, 10)),
    ("cb-khuon-ha-06", date(2021, 1, 25)),
    ("cb-phuc-yen-03", date(2021, 5, 8)),
    ("cb-xuan-lap-01", date(2021, 8, 14)),
    ("cb-binh-an-02", date(2021, 12, 2)),
    ("cb-hong-quang-09", date(2022, 2, 17)),
    ("cb-tho-binh-01", date(2022, 4, 22)),
    ("cb-lang-can-08", date(2022, 6, 30)),
];

/// Position on the list of the member who moves away in `TRANSFERS_OUT`.
const LEAVER_POSITION: usize = 2;
/// Transfers out of the district (chuyển sinh hoạt đi), from the day given.
const TRANSFERS_OUT: &[(&str, NaiveDate)] = &[
    ("cb-kho-bac", date(2020, 5, 18)),
    ("cb-ccq-tai-chinh", date(2020, 8, 15)),
    ("cb-thpt-lam-binh", date(2020, 9, 1)),
    ("cb-qs-tham-muu", date(2020, 12, 20)),
    ("cb-trung-tam-y-te", date(2021, 3, 10)),
    ("cb-ca-an-ninh", date(2021, 6, 15)),
    ("cb-ccq-giao-duc", date(2021, 8, 20)),
    ("cb-thpt-thuong-lam", date(2021, 9, 1)),
    ("cb-ddt-doan-thanh-nien", date(2021, 11, 12)),
    ("cb-ca-tong-hop", date(2022, 1, 10)),
    ("cb-qs-chi-huy", date(2022, 4, 12)),
    ("cb-ptdtnt-lam-binh", date(2022, 8, 25)),
];

/// Position on the list of the member who moves in `MOVES`.
const MOVER_POSITION: usize = 3;
/// Moves inside the district (chuyển sinh hoạt nội bộ): from one cell to another on the day
/// given (commune staff promoted to the district, district staff sent to communes).
const MOVES: &[(&str, &str, NaiveDate)] = &[
    ("cb-lang-can-co-quan", "cb-ccq-van-phong", date(2020, 7, 1)),
    ("cb-ccq-van-hoa", "cb-xuan-lap-co-quan", date(2020, 11, 1)),
    ("cb-thuong-lam-co-quan", "cb-ccq-noi-vu", date(2021, 2, 1)),
    (
        "cb-khuon-ha-co-quan",
        "cb-ddt-to-chuc-kiem-tra",
        date(2021, 10, 1),
    ),
    ("cb-phuc-yen-co-quan", "cb-ccq-tai-nguyen", date(2022, 3, 1)),
    ("cb-ddt-mat-tran", "cb-hong-quang-co-quan", date(2022, 6, 1)),
];

/// Members admitted (kết nạp) each year, and over how many months of it: 179 in all.
const ADMISSIONS: [(i32, usize, u32); 3] = [(2020, 68, 12), (2021, 63, 12), (2022, 48, 9)];
/// Cells of fewer members admit no one in this example (small agencies recruit members).
const ADMITTING_MIN_MEMBERS: usize = 12;
/// The n-th admission goes to admitting cell `n * ADMISSION_STRIDE` (mod their number).
const ADMISSION_STRIDE: usize = 37;
/// Probation (dự bị) lasts 12 months (Điều lệ Art. 5).
const PROBATION_MONTHS: u32 = 12;

// ---------------------------------------------------------------------------------------------
// Attendance.
// ---------------------------------------------------------------------------------------------

/// Share of the members due (in percent, rounded) absent with reason, by meeting, cycled;
/// never more than a tenth of those due, so every meeting reaches 90% (about 5% absent).
const ABSENCE_PERCENT: [usize; 12] = [3, 7, 5, 9, 2, 6, 4, 8, 6, 3, 7, 5];
/// At most one member in this many due may be absent from a meeting (I05: ≥ 90%).
const MAX_ABSENT_ONE_IN: usize = 10;

// ---------------------------------------------------------------------------------------------
// Ratings.
// ---------------------------------------------------------------------------------------------

/// Every `COMPLETED_EVERY`th member on a cell's list at year end is rated "hoàn thành nhiệm vụ".
const COMPLETED_EVERY: usize = 8;
/// Members rated "xuất sắc" in a cell: this percentage (rounded down) of those rated "tốt" or
/// better, within the 20% cap of HD 21.
const EXCELLENT_PERCENT: usize = 15;

// ---------------------------------------------------------------------------------------------
// The generator.
// ---------------------------------------------------------------------------------------------

/// The splitmix64 mixer: a fixed pseudo-random number from `x` (names and old dates only).
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `x % n`, or 0 when `n` is 0.
fn rem(x: usize, n: usize) -> usize {
    x.checked_rem(n).unwrap_or(0)
}

/// `mix(seed) % n` as a `usize` (0 when `n` is 0).
fn pick(seed: usize, n: usize) -> usize {
    let r = mix(u64::try_from(seed).unwrap_or(0));
    u64::try_from(n)
        .ok()
        .and_then(|n| r.checked_rem(n))
        .and_then(|x| usize::try_from(x).ok())
        .unwrap_or(0)
}

const SURNAMES: &[&str] = &[
    "Ma", "Hoàng", "Nông", "Quan", "Lý", "Bàn", "Triệu", "Đặng", "Nguyễn", "Lộc", "Chẩu", "Hà",
    "Lương", "Vi", "Giàng", "Sùng",
];
const MEN: &[&str] = &[
    "Sình",
    "Thắng",
    "Hùng",
    "Dũng",
    "Tuấn",
    "Hải",
    "Nam",
    "Phong",
    "Quang",
    "Cường",
    "Minh",
    "Trường",
    "Lợi",
    "Khánh",
    "Chung",
    "Tiến",
];
const WOMEN: &[&str] = &[
    "Hoa", "Lan", "Hương", "Mai", "Thủy", "Nga", "Huyền", "Liên", "Thơm", "Dung", "Hạnh", "Nhung",
    "Xuân", "Thêm",
];

/// A Vietnamese name for member number `n`.
fn name(n: usize) -> String {
    let from = |list: &[&'static str], salt: usize| -> &'static str {
        list.get(pick(n.wrapping_mul(4).wrapping_add(salt), list.len()))
            .copied()
            .unwrap_or_default()
    };
    let surname = from(SURNAMES, 0);
    let woman = pick(n.wrapping_mul(4).wrapping_add(1), 5) < 2;
    let (middle, given) = if woman {
        ("Thị", from(WOMEN, 2))
    } else if matches!(surname, "Giàng" | "Sùng") {
        ("A", from(MEN, 3))
    } else {
        ("Văn", from(MEN, 3))
    };
    format!("{surname} {middle} {given}")
}

/// A cell while the records are generated.
struct Cell {
    spec: &'static CellSpec,
    /// Position in the table (0-based): staggers dates and rotations.
    position: usize,
    /// Members on its list on 01/01/2020, by position: indexes into `District::members`.
    founders: Vec<usize>,
    /// Everyone ever posted here, in order: indexes into `District::members`.
    roster: Vec<usize>,
}

/// The whole district while its records are generated.
struct District {
    cells: Vec<Cell>,
    by_id: HashMap<&'static str, usize>,
    members: Vec<MemberRecord>,
    admissions: Vec<AdmissionRecord>,
}

/// Where a member stands with a cell on a day.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Standing {
    Due,
    Exempted,
    NotListed,
}

fn standing(m: &MemberRecord, cell: &str, day: NaiveDate) -> Standing {
    let member = m.admitted_on <= day && m.exit.as_ref().is_none_or(|e| day < e.on);
    let posted = m
        .postings
        .iter()
        .any(|p| p.cell == cell && p.from <= day && p.until.is_none_or(|u| day <= u));
    if !(member && posted) {
        return Standing::NotListed;
    }
    let exempted = m.leaves.iter().any(|l| {
        l.kind == LeaveKind::Exempted && l.from <= day && l.until.is_none_or(|u| day <= u)
    });
    if exempted {
        Standing::Exempted
    } else {
        Standing::Due
    }
}

fn is_village(spec: &CellSpec) -> bool {
    spec.kind == CellKind::Village
}

impl District {
    /// The cells and the 2,815 members on their lists on 01/01/2020.
    fn new() -> District {
        let mut district = District {
            cells: Vec::new(),
            by_id: HashMap::new(),
            members: Vec::with_capacity(MEMBERS_AT_START),
            admissions: Vec::new(),
        };
        for (position, spec) in cells().enumerate() {
            district.by_id.insert(spec.id, position);
            let founders = (0..spec.members)
                .map(|slot| {
                    let member = district.founder(spec, position, slot);
                    district.members.push(member);
                    district.members.len().saturating_sub(1)
                })
                .collect();
            district.cells.push(Cell {
                spec,
                position,
                founders,
                roster: Vec::new(),
            });
        }
        district
    }

    /// The member at `slot` of a cell's list on 01/01/2020.
    fn founder(&self, spec: &CellSpec, position: usize, slot: usize) -> MemberRecord {
        let number = self.members.len().saturating_add(1);
        let oldest = slot.saturating_add(1) == spec.members;
        let exempted = is_village(spec) && oldest && spec.members >= EXEMPT_SINCE_BEFORE_MIN;
        let month = u32::try_from(position % 12).unwrap_or(0).saturating_add(1);
        let admitted_on = if exempted {
            // Elderly members, admitted in the 1960s and 1970s.
            let year = 1962_i32.saturating_add(i32::try_from(position % 14).unwrap_or(0));
            date(year, month, 3)
        } else if slot == 0 && position % PROBATIONARY_EVERY == 0 {
            date(2019, month, 10)
        } else {
            let year = 1978_i32.saturating_add(i32::try_from(pick(number, 41)).unwrap_or(0));
            let m = u32::try_from(pick(number.wrapping_add(7), 12)).unwrap_or(0);
            let d = u32::try_from(pick(number.wrapping_add(13), 28)).unwrap_or(0);
            date(year, m.saturating_add(1), d.saturating_add(1))
        };
        let from = if is_village(spec) {
            admitted_on
        } else {
            admitted_on.max(AGENCY_POSTED_SINCE)
        };
        let leaves = if exempted {
            let year = 2016_i32.saturating_add(i32::try_from(position % 4).unwrap_or(0));
            vec![Leave {
                kind: LeaveKind::Exempted,
                from: date(year, 1, 15),
                until: None,
            }]
        } else {
            Vec::new()
        };
        MemberRecord {
            id: format!("dv-{number:05}"),
            name: Some(name(number)),
            admitted_on,
            official_on: admitted_on.checked_add_months(Months::new(PROBATION_MONTHS)),
            postings: vec![Posting {
                cell: spec.id.to_owned(),
                from,
                until: None,
                temporary: false,
            }],
            leaves,
            exit: None,
        }
    }

    fn cell(&self, id: &str) -> Option<&Cell> {
        self.by_id.get(id).and_then(|&c| self.cells.get(c))
    }

    /// The member at `slot` of cell `id`'s list on 01/01/2020.
    fn founder_ix(&self, id: &str, slot: usize) -> Option<usize> {
        self.cell(id).and_then(|c| c.founders.get(slot).copied())
    }

    fn oldest_ix(&self, id: &str) -> Option<usize> {
        self.cell(id).and_then(|c| c.founders.last().copied())
    }

    /// Deaths, transfers out of the district and moves inside it.
    fn apply_exits(&mut self) {
        let deaths = DEATHS
            .iter()
            .map(|&(cell, on)| (self.oldest_ix(cell), on, ExitReason::Died));
        let transfers = TRANSFERS_OUT.iter().map(|&(cell, on)| {
            (
                self.founder_ix(cell, LEAVER_POSITION),
                on,
                ExitReason::TransferredOut,
            )
        });
        let exits: Vec<_> = deaths.chain(transfers).collect();
        for (m, on, reason) in exits {
            if let Some(m) = m.and_then(|m| self.members.get_mut(m)) {
                m.exit = Some(Exit { on, reason });
            }
        }
        for &(from, to, on) in MOVES {
            let Some(m) = self
                .founder_ix(from, MOVER_POSITION)
                .and_then(|m| self.members.get_mut(m))
            else {
                continue;
            };
            if let Some(p) = m.postings.last_mut() {
                p.until = on.pred_opt();
            }
            m.postings.push(Posting {
                cell: to.to_owned(),
                from: on,
                until: None,
                temporary: false,
            });
        }
    }

    /// Exemptions decided at the end of 2020, effective 01/01/2021.
    fn apply_exemptions(&mut self) {
        let elderly: Vec<usize> = self
            .cells
            .iter()
            .filter(|c| is_village(c.spec) && c.spec.members >= EXEMPT_FROM_2021_MIN)
            .filter_map(|c| c.founders.iter().rev().nth(1).copied())
            .collect();
        for m in elderly {
            if let Some(m) = self.members.get_mut(m) {
                m.leaves.push(Leave {
                    kind: LeaveKind::Exempted,
                    from: EXEMPT_FROM_2021,
                    until: None,
                });
            }
        }
    }

    /// The 179 admissions: each at the admitting cell's regular meeting of its month.
    fn admit(&mut self) {
        let admitting: Vec<usize> = self
            .cells
            .iter()
            .filter(|c| {
                c.spec.members >= ADMITTING_MIN_MEMBERS && !LOW_ATTENDANCE.contains(&c.spec.id)
            })
            .map(|c| c.position)
            .collect();
        let mut n = 0usize;
        for (year, count, months) in ADMISSIONS {
            for k in 0..count {
                // Spread evenly over the year's months (0-based).
                let month = u32::try_from(k.saturating_mul(12).checked_div(count).unwrap_or(0))
                    .unwrap_or(0)
                    .saturating_mul(months)
                    / 12;
                let slot = rem(n.saturating_mul(ADMISSION_STRIDE), admitting.len());
                n = n.saturating_add(1);
                let Some(cell) = admitting.get(slot).and_then(|&c| self.cells.get(c)) else {
                    continue;
                };
                let on = regular_date(cell.position, (year, month.saturating_add(1)));
                let number = self.members.len().saturating_add(1);
                let official = on
                    .checked_add_months(Months::new(PROBATION_MONTHS))
                    .filter(|&d| d <= PERIOD_END);
                let id = format!("dv-{number:05}");
                self.admissions.push(AdmissionRecord {
                    member: id.clone(),
                    cell: cell.spec.id.to_owned(),
                    date: on,
                });
                self.members.push(MemberRecord {
                    id,
                    name: Some(name(number)),
                    admitted_on: on,
                    official_on: official,
                    postings: vec![Posting {
                        cell: cell.spec.id.to_owned(),
                        from: on,
                        until: None,
                        temporary: false,
                    }],
                    leaves: Vec::new(),
                    exit: None,
                });
            }
        }
    }

    /// Fills each cell's roster from the members' postings.
    fn index_rosters(&mut self) {
        for (m, member) in self.members.iter().enumerate() {
            for p in &member.postings {
                if let Some(c) = self
                    .by_id
                    .get(p.cell.as_str())
                    .and_then(|&c| self.cells.get_mut(c))
                {
                    if !c.roster.contains(&m) {
                        c.roster.push(m);
                    }
                }
            }
        }
    }

    // -- Meetings --------------------------------------------------------------------------

    fn meetings(&self) -> Vec<MeetingRecord> {
        let mut out = Vec::new();
        for cell in &self.cells {
            for month in months() {
                out.push(self.meeting(cell, Slot::Regular(month)));
            }
            for quarter in quarters() {
                out.push(self.meeting(cell, Slot::Thematic(quarter)));
            }
        }
        out
    }

    fn meeting(&self, cell: &Cell, slot: Slot) -> MeetingRecord {
        let id = cell.spec.id;
        let (meeting_id, day, kind, k) = match slot {
            Slot::Regular(ym) => (
                format!("sh-{id}-{}-{:02}", ym.0, ym.1),
                regular_date(cell.position, ym),
                MeetingKind::Regular,
                month_index(ym),
            ),
            Slot::Thematic(yq) => (
                format!("cd-{id}-{}-q{}", yq.0, yq.1),
                thematic_date(cell.position, yq),
                MeetingKind::Thematic,
                month_index((yq.0, yq.1.saturating_mul(3))),
            ),
        };
        let spin = k.saturating_mul(5).saturating_add(cell.position);
        let mut duration = 95_u16.saturating_add(u16::try_from(spin % 50).unwrap_or(0));
        let mut preparation = Preparation {
            content_prepared: true,
            committee_met: (cell.spec.members >= CHI_UY_MIN_MEMBERS).then_some(true),
            draft_resolution: true,
            documents_sent_ahead: false,
        };
        let mut minutes_kept = true;
        let mut fault = false;
        match slot {
            Slot::Regular(ym) => {
                for (_, _, f) in REGULAR_FAULTS
                    .iter()
                    .filter(|(c, m, _)| *c == id && *m == ym)
                {
                    fault = true;
                    match f {
                        RegularFault::TooShort(minutes) => duration = *minutes,
                        RegularFault::NoDraftResolution => preparation.draft_resolution = false,
                    }
                }
            }
            Slot::Thematic(yq) => {
                for (_, _, f) in THEMATIC_FAULTS
                    .iter()
                    .filter(|(c, q, _)| *c == id && *q == yq)
                {
                    fault = true;
                    match f {
                        ThematicFault::TooShort(minutes) => duration = *minutes,
                        ThematicFault::NoDraftConclusion => preparation.draft_resolution = false,
                        ThematicFault::NotPrepared => preparation.content_prepared = false,
                        ThematicFault::MinutesIncomplete => minutes_kept = false,
                    }
                }
            }
        }
        let (attendance, unexcused) = self.roll_call(cell, slot, day, k);
        let content = content(id, slot, spin);
        let flawed = fault
            || unexcused
            || !content.follows_programme
            || content.directives_adapted == Some(false)
            || content.tasks_with_owner_and_deadline < content.tasks;
        MeetingRecord {
            id: meeting_id,
            cell: id.to_owned(),
            date: day,
            kind,
            duration_minutes: duration,
            preparation,
            minutes_kept,
            principles_observed: true,
            conclusion_carried_out: true,
            attendance,
            content,
            self_assessment: Some(assessment(flawed, spin)),
        }
    }

    /// The roll call of a cell's meeting, and whether anyone was absent without reason.
    fn roll_call(&self, cell: &Cell, slot: Slot, day: NaiveDate, k: usize) -> (Attendance, bool) {
        let id = cell.spec.id;
        let mut due = Vec::new();
        let mut exempted = Vec::new();
        for &m in &cell.roster {
            match self.members.get(m).map(|x| standing(x, id, day)) {
                Some(Standing::Due) => due.push(m),
                Some(Standing::Exempted) => exempted.push(m),
                _ => {}
            }
        }
        let unexcused: Vec<usize> = match slot {
            Slot::Regular(ym) => UNEXCUSED
                .iter()
                .filter(|(c, _, months)| *c == id && months.contains(&ym))
                .filter_map(|&(c, slot, _)| self.founder_ix(c, slot))
                .filter(|m| due.contains(m))
                .collect(),
            Slot::Thematic(_) => Vec::new(),
        };
        let cap = due.len() / MAX_ABSENT_ONE_IN;
        let absent = if LOW_ATTENDANCE.contains(&id) && matches!(slot, Slot::Regular(_)) {
            cap
        } else {
            let percent = ABSENCE_PERCENT
                .get(rem(k.saturating_add(cell.position), ABSENCE_PERCENT.len()))
                .copied()
                .unwrap_or(0);
            (due.len().saturating_mul(percent).saturating_add(50) / 100).min(cap)
        }
        .max(unexcused.len());
        // Those absent with reason rotate through the list; a member admitted that day is there.
        let candidates: Vec<usize> = due
            .iter()
            .copied()
            .filter(|m| !unexcused.contains(m))
            .filter(|&m| self.members.get(m).is_some_and(|x| x.admitted_on != day))
            .collect();
        let start = rem(
            k.saturating_mul(7)
                .saturating_add(cell.position.saturating_mul(3)),
            candidates.len(),
        );
        let excused: Vec<usize> = candidates
            .iter()
            .cycle()
            .skip(start)
            .take(absent.saturating_sub(unexcused.len()).min(candidates.len()))
            .copied()
            .collect();
        let entry = |m: usize, presence| RollCallEntry {
            member: self
                .members
                .get(m)
                .map(|x| x.id.clone())
                .unwrap_or_default(),
            presence,
        };
        let mut roll: Vec<RollCallEntry> = due
            .iter()
            .map(|&m| {
                let presence = if unexcused.contains(&m) {
                    Presence::AbsentWithoutReason
                } else if excused.contains(&m) {
                    Presence::AbsentWithReason
                } else {
                    Presence::Present
                };
                entry(m, presence)
            })
            .collect();
        // Exempted members come to the year-end meeting when they can (every other one).
        if matches!(slot, Slot::Regular((_, 12))) {
            roll.extend(
                exempted
                    .iter()
                    .filter(|&&m| m % 2 == 0)
                    .map(|&m| entry(m, Presence::Present)),
            );
        }
        (Attendance::RollCall(roll), !unexcused.is_empty())
    }

    // -- Ratings ---------------------------------------------------------------------------

    fn ratings(&self) -> Vec<RatingRecord> {
        let mut out = Vec::new();
        for year in RATED_YEARS {
            for g in GRASSROOTS {
                if let Grassroots::Committee { id, .. } = g {
                    let level = if COMMITTEES_EXCELLENT.contains(id) {
                        RatingLevel::Excellent
                    } else {
                        RatingLevel::Good
                    };
                    out.push(org_rating(id, year, level));
                }
            }
            for cell in &self.cells {
                out.push(org_rating(cell.spec.id, year, cell_level(cell, year)));
                out.extend(self.member_ratings(cell, year));
            }
        }
        out
    }

    /// The ratings of the members on a cell's list on 31 December of `year`.
    fn member_ratings(&self, cell: &Cell, year: i32) -> Vec<RatingRecord> {
        let day = date(year, 12, 31);
        let id = cell.spec.id;
        let mut out = Vec::new();
        let mut rated = Vec::new();
        for &m in &cell.roster {
            let Some(member) = self.members.get(m) else {
                continue;
            };
            match standing(member, id, day) {
                Standing::Exempted => out.push(RatingRecord {
                    subject: RatingSubject::Member(member.id.clone()),
                    year,
                    result: RatingResult::NotRated(NotRatedReason::Exempted),
                    disciplined: None,
                }),
                Standing::Due => rated.push(m),
                Standing::NotListed => {}
            }
        }
        let failed: Vec<usize> = UNEXCUSED
            .iter()
            .filter(|(c, _, months)| *c == id && months.iter().any(|&(y, _)| y == year))
            .filter_map(|&(c, slot, _)| self.founder_ix(c, slot))
            .collect();
        let mut levels: Vec<(usize, RatingLevel)> = rated
            .iter()
            .enumerate()
            .map(|(i, &m)| {
                let level = if failed.contains(&m) {
                    RatingLevel::NotCompleted
                } else if i % COMPLETED_EVERY == COMPLETED_EVERY - 1 {
                    RatingLevel::Completed
                } else {
                    RatingLevel::Good
                };
                (m, level)
            })
            .collect();
        let good = levels
            .iter()
            .filter(|(_, l)| *l == RatingLevel::Good)
            .count();
        let excellent = good.saturating_mul(EXCELLENT_PERCENT) / 100;
        let start = rem(usize::try_from(year).unwrap_or(0), good);
        let mut seen = 0usize;
        for (_, level) in levels.iter_mut().filter(|(_, l)| *l == RatingLevel::Good) {
            let turn = rem(seen.saturating_add(good).saturating_sub(start), good);
            if turn < excellent {
                *level = RatingLevel::Excellent;
            }
            seen = seen.saturating_add(1);
        }
        out.extend(levels.into_iter().filter_map(|(m, level)| {
            self.members.get(m).map(|member| RatingRecord {
                subject: RatingSubject::Member(member.id.clone()),
                year,
                result: RatingResult::Rated(level),
                disciplined: Some(false),
            })
        }));
        out
    }
}

fn cell_level(cell: &Cell, year: i32) -> RatingLevel {
    let completed = CELLS_COMPLETED
        .iter()
        .any(|(y, ids)| *y == year && ids.contains(&cell.spec.id));
    let turn = cell
        .position
        .saturating_add(usize::try_from(year).unwrap_or(0));
    if completed {
        RatingLevel::Completed
    } else if turn % CELL_EXCELLENT_EVERY == 0 {
        RatingLevel::Excellent
    } else {
        RatingLevel::Good
    }
}

fn org_rating(id: &str, year: i32, level: RatingLevel) -> RatingRecord {
    RatingRecord {
        subject: RatingSubject::Organisation(id.to_owned()),
        year,
        result: RatingResult::Rated(level),
        disciplined: None,
    }
}

/// The documents a regular meeting's review is linked to, by month of the quarter: NQ TW4
/// (XI, XII) in the first, Chỉ thị 05 in the second, QĐ 37 and nêu gương in the third.
fn references(month: u32) -> Vec<Reference> {
    match month % 3 {
        1 => vec![Reference::NqTw4KhoaXi, Reference::NqTw4KhoaXii],
        2 => vec![Reference::ChiThi05],
        _ => vec![Reference::QuyDinh37, Reference::NeuGuong],
    }
}

/// What a meeting covered, with the faults of S01, S03, S04 and S05 where the tables say.
fn content(cell: &str, slot: Slot, spin: usize) -> Content {
    let off = OFF_PROGRAMME.iter().any(|&(c, s)| c == cell && s == slot);
    match slot {
        Slot::Thematic(_) => Content {
            follows_programme: !off,
            last_month_reviewed: false,
            tasks: 2,
            tasks_with_owner_and_deadline: 2,
            // Thematic meetings study Hồ Chí Minh's thought and example (Chỉ thị 05).
            linked_to: vec![Reference::ChiThi05],
            directives_adapted: None,
        },
        Slot::Regular((y, m)) => {
            let quarter = (y, m.saturating_add(2) / 3);
            let unlinked = m % 3 == 0 && UNLINKED.contains(&(cell, quarter));
            let not_adapted = NOT_ADAPTED.contains(&(cell, (y, m)));
            let vague = VAGUE
                .iter()
                .find(|(c, ym, _)| *c == cell && *ym == (y, m))
                .map(|(_, _, v)| v);
            let tasks = 3_u16.saturating_add(u16::try_from(spin % 3).unwrap_or(0));
            Content {
                follows_programme: !off,
                last_month_reviewed: !matches!(vague, Some(Vague::LastMonthNotReviewed)),
                tasks,
                tasks_with_owner_and_deadline: if matches!(vague, Some(Vague::TasksWithoutOwner)) {
                    1
                } else {
                    tasks
                },
                linked_to: if unlinked { Vec::new() } else { references(m) },
                // Directives arrive with each quarter: discussed at its first meeting.
                directives_adapted: if not_adapted {
                    Some(false)
                } else {
                    (m % 3 == 1).then_some(true)
                },
            }
        }
    }
}

/// The cell's own assessment: "khá" for a meeting with a known flaw, else mostly "tốt".
fn assessment(flawed: bool, spin: usize) -> SelfAssessment {
    let (level, score) = if flawed {
        (MeetingQuality::Fair, 75_usize.saturating_add(spin % 10))
    } else if spin % 9 == 0 {
        (MeetingQuality::Fair, 85_usize.saturating_add(spin % 5))
    } else {
        (MeetingQuality::Good, 90_usize.saturating_add(spin % 9))
    };
    SelfAssessment {
        level: Some(level),
        score: u8::try_from(score).ok(),
    }
}
