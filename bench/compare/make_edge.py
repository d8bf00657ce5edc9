"""Writes bench/compare/edge/: a small hand-made CSV folder with the cases the synthetic data
lacks, each with a known answer (see README.md, "Edge cases").

    python3 bench/compare/make_edge.py bench/compare/edge
"""
import csv, sys
from datetime import date
from pathlib import Path
out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
D = date.fromisoformat
def w(name, header, rows):
    with (out / f"{name}.csv").open("w", newline="", encoding="utf-8") as f:
        c = csv.writer(f, lineterminator="\n"); c.writerow(header); c.writerows(rows)

orgs = [
    ("p1", "Tỉnh 1", "province", "", "", "", ""),
    ("d1", "Huyện 1", "district", "p1", "", "", ""),
    ("x1", "Xã 1", "party-committee", "d1", "", "", ""),
    ("c1", "Chi bộ 1 (thành lập 15/3/2021)", "cell", "x1", "village", "2021-03-15", ""),
    ("c2", "Chi bộ 2 (giải thể 31/8/2021)", "cell", "x1", "village", "", "2021-08-31"),
    ("c3", "Chi bộ 3 (không họp)", "cell", "x1", "village", "", ""),
    ("g1", "Chi bộ cơ sở 1", "grassroots-cell", "d1", "agency", "", ""),
    ("p2", "Tỉnh 2", "province", "", "", "", ""),
    ("g2", "Chi bộ cơ sở 2", "grassroots-cell", "p2", "agency", "", ""),
]
w("to_chuc", ["ma","ten","cap","ma_cap_tren","loai_hinh","ngay_thanh_lap","ngay_giai_the"], orgs)

# member: admitted, official, exit, exit reason
members = {
    "m1": ("2000-01-01", "2001-01-01", "", ""),
    "m2": ("2021-03-20", "", "", ""),
    "m3": ("2005-01-01", "2006-01-01", "", ""),
    "m4": ("2006-01-01", "2007-01-01", "2021-07-01", "transferred-out"),
    "m5": ("1960-01-01", "1961-01-01", "", ""),
    "m6": ("2007-01-01", "2008-01-01", "", ""),
    "m7": ("2008-01-01", "2009-01-01", "", ""),
    "m8": ("2009-01-01", "2010-01-01", "2021-01-01", "died"),
    "m9": ("2011-01-01", "2012-01-01", "", ""),
    "m10": ("2012-01-01", "2013-01-01", "", ""),
    "m11": ("2013-01-01", "2014-01-01", "", ""),
}
w("dang_vien", ["ma","ho_ten","ngay_vao_dang","ngay_chinh_thuc","ngay_ra","ly_do_ra"],
  [(k, "", *v) for k, v in members.items()])
# postings: member, kind, cell, from, until
changes = [
    ("m1", "sinh-hoat", "c2", "2000-01-01", "2021-08-31"),
    ("m1", "sinh-hoat", "c1", "2021-09-01", ""),
    ("m2", "sinh-hoat", "c1", "2021-03-20", ""),
    ("m3", "sinh-hoat", "g1", "2005-01-01", ""),
    ("m3", "tam-thoi", "c1", "2021-05-01", "2021-05-31"),
    ("m4", "sinh-hoat", "g1", "2006-01-01", ""),
    ("m5", "sinh-hoat", "g2", "1960-01-01", ""),
    ("m5", "mien", "", "2019-01-01", ""),
    ("m6", "sinh-hoat", "g2", "2007-01-01", ""),
    ("m7", "sinh-hoat", "g1", "2008-01-01", ""),
    ("m8", "sinh-hoat", "g1", "2009-01-01", ""),
    ("m9", "sinh-hoat", "g1", "2011-01-01", "2021-06-30"),
    ("m9", "sinh-hoat", "g2", "2021-07-01", ""),
    ("m10", "sinh-hoat", "c3", "2012-01-01", ""),
    ("m11", "sinh-hoat", "g1", "2013-01-01", ""),
    ("m11", "dinh-chi", "", "2021-10-01", "2021-11-30"),
]
w("bien_dong", ["ma_dang_vien","loai","ma_chi_bo","tu_ngay","den_ngay"], changes)

def due(cell, day):
    """Members expected at `cell` on `day` (mirrors the postings above)."""
    out = []
    for m, kind, c, f, u in changes:
        if kind not in ("sinh-hoat", "tam-thoi") or c != cell:
            continue
        if not (D(f) <= day and (u == "" or day <= D(u))):
            continue
        adm, _, ex, _ = members[m]
        if D(adm) > day or (ex and day >= D(ex)):
            continue
        if kind == "sinh-hoat" and any(mm == m and k == "tam-thoi" and D(ff) <= day <= D(uu)
                                       for mm, k, _, ff, uu in changes):
            continue  # meeting elsewhere, temporarily
        if any(mm == m and k in ("mien", "dinh-chi") and D(ff) <= day and (uu == "" or day <= D(uu))
               for mm, k, _, ff, uu in changes):
            continue  # exempted or suspended: not expected
        out.append(m)
    return out

# meetings: cell, date, kind, id suffix, totals_only, marks {member: presence}, extra present (exempted)
A, R = "absent-without-reason", "absent-with-reason"
meetings = []
def add(cell, day, kind, marks=None, totals=False, extra=()):
    meetings.append((cell, D(day), kind, marks or {}, totals, list(extra)))
# c1: founded 15/3; regular Apr-Dec except July; March meeting anyway; thematic Q2, combined Sep, thematic Q4
add("c1", "2021-03-20", "regular")
for m in [4, 5, 6, 8, 10, 11, 12]:
    add("c1", f"2021-{m:02d}-05", "regular", {"m3": A} if m == 5 else None)
add("c1", "2021-09-05", "combined")
add("c1", "2021-06-20", "thematic")
add("c1", "2021-12-15", "thematic")
# c2: dissolved 31/8: regular Jan-Aug, thematic Q1, Q2
for m in range(1, 9):
    add("c2", f"2021-{m:02d}-06", "regular", {"m1": R} if m == 2 else None)
add("c2", "2021-03-20", "thematic")
add("c2", "2021-06-20", "thematic")
# g1: regular every month (Jan-Mar totals only), combined in Sep, thematic Q1, Q2, Q4, other in Oct
for m in range(1, 13):
    kind = "combined" if m == 9 else "regular"
    marks = {4: {"m7": A, "m4": A, "m9": A}, 5: {"m4": A, "m9": A}, 6: {"m7": A, "m4": A},
             7: {"m3": A}, 9: {"m7": A}}.get(m)
    add("g1", f"2021-{m:02d}-07", kind, marks, totals=m <= 3)
add("g1", "2021-03-25", "thematic", totals=True)
add("g1", "2021-05-25", "thematic", {"m7": A, "m9": R})
add("g1", "2021-08-25", "thematic", {"m3": A})  # Q3 thematic too (Sep is combined)
add("g1", "2021-12-20", "thematic", {"m7": R})
add("g1", "2021-10-20", "other", {"m7": A, "m3": A})
# g2: regular monthly with roll call, thematic Q1-Q3 only (Q4 missed)
for m in range(1, 13):
    marks = {1: {"m6": A}, 2: {"m6": A}, 8: {"m9": A}}.get(m)
    add("g2", f"2021-{m:02d}-08", "regular", marks, extra=["m5"] if m == 1 else ())
add("g2", "2021-01-20", "thematic", {"m6": A})
add("g2", "2021-03-10", "other", {"m6": A})
add("g2", "2021-06-20", "thematic", {"m6": R})
add("g2", "2021-09-20", "thematic")

header = ["ma","ma_chi_bo","ngay","loai","thoi_luong_phut","chuan_bi_noi_dung","chi_uy_hop",
          "du_thao_nghi_quyet","gui_tai_lieu_truoc","ghi_bien_ban","dung_nguyen_tac",
          "thuc_hien_ket_luan","phai_du","co_mat","vang_co_ly_do","vang_khong_ly_do",
          "dung_chuong_trinh","danh_gia_thang_truoc","so_nhiem_vu","nhiem_vu_cu_the","lien_he",
          "cu_the_hoa_chi_dao","tu_danh_gia","muc_chat_luong","diem"]
rows, roll = [], []
for cell, day, kind, marks, totals, extra in meetings:
    mid = f"{cell}-{kind}-{day.isoformat()}"
    listed = due(cell, day)
    pres = {m: marks.get(m, "present") for m in listed}
    for m in extra:
        pres[m] = "present"
    counts = ["", "", "", ""]
    if totals:
        counts = [len(pres), sum(v == "present" for v in pres.values()),
                  sum(v == R for v in pres.values()), sum(v == A for v in pres.values())]
    else:
        roll += [(mid, m, v) for m, v in pres.items()]
    rows.append([mid, cell, day.isoformat(), kind, 100, "co", "", "co", "co", "co", "co", "co",
                 *counts, "co", "co", 2, 2, "", "", "", "", ""])
w("buoi_sinh_hoat", header, rows)
w("diem_danh", ["ma_buoi","ma_dang_vien","tinh_trang"], roll)
ratings = [("to-chuc", c, 2021, lvl, "", "") for c, lvl in
           [("c1", "good"), ("c2", "good"), ("g1", "completed"), ("g2", "excellent")]]
ratings += [("dang-vien", m, 2021, lvl, why, "") for m, lvl, why in [
    ("m1", "good", ""), ("m2", "completed", ""), ("m3", "excellent", ""), ("m5", "", "exempted"),
    ("m6", "good", ""), ("m7", "not-completed", ""), ("m9", "good", ""), ("m10", "good", ""),
    ("m11", "good", "")]]
w("xep_loai", ["doi_tuong","ma","nam","muc","ly_do_khong_xep_loai","bi_ky_luat"], ratings)
w("ket_nap", ["ma_dang_vien","ma_chi_bo","ngay"], [("m2", "c1", "2021-03-20")])
