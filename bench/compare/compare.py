#!/usr/bin/env python3
"""Compare chibo with SQL (DuckDB and SQLite) on the same records.

    python3 bench/compare/compare.py --size district|province|country [--from YYYY-MM-DD --to YYYY-MM-DD]
    python3 bench/compare/compare.py --folder CSV_DIR --from YYYY-MM-DD --to YYYY-MM-DD
    options: --out DIR, --memory-runs N, --e2e-runs N, --sqlite/--no-sqlite,
             --duckdb-storage memory|compressed|file, --duckdb-memory-limit 4GB, --progress,
             --skip-export, --no-check

1. Runs `cargo run --release --example compare_export --features synth,csv -- --size S --out DIR`,
   which streams the synthetic records into a CSV folder (DIR/csv, docs/format.md), reads it
   back into a dataset, evaluates it, and writes every cell's measures (DIR/chibo_cells.csv) and
   the crate's top-level measures, timings and peak memory (DIR/chibo.json). With --folder, the
   export reads that CSV folder instead (bench/compare/edge holds hand-made edge cases).
2. For each engine (DuckDB on every core and on one thread, SQLite): loads the CSV files into
   tables, computes with SQL the same measures (I01, I02, R02 per calendar year; I05, I06 over
   the period; I09, I10 per rating year; numerator and denominator, for each cell), and
   compares every value with the crate's, in the engine, untimed.
3. Times the engines in the same run, (a) queries on tables already loaded (best of
   --memory-runs, 5 by default) against the crate's `evaluate` on a built dataset (best of as
   many), and (b) end to end from the CSV files (best of --e2e-runs, 3 by default: load +
   queries) against the crate's read_folder_into + finish + evaluate; and records the peak
   resident memory of each side.

At country size (270,000 cells, 210 million roll-call rows, a 12.7 GB CSV folder) the defaults
change: best of 2 and of 1, SQLite skipped unless --sqlite (it would spend hours inserting rows
through Python), DuckDB's tables in a database file (1.5–1.6 GB compressed, held in its buffer
pool; plain in-memory tables need about 17 GB), progress on stderr. Put --out on a disk with 30 GB
free.

Prints "results identical" or the differences (the first 20 per engine, and how many), then the
timing table; exits 1 when a value differs. DuckDB (2.0.1) is installed with pip into
bench/compare/.venv when it is missing; sqlite3 is in the standard library.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
VENV = HERE / ".venv"

# --------------------------------------------------------------------------------------------
# DuckDB: from the venv, installed there when missing.
# --------------------------------------------------------------------------------------------


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


# The version the figures in BENCHMARKS.md and README.md were taken with.
DUCKDB = "duckdb==2.0.1"


def pip_install(python: str) -> None:
    """Installs DuckDB with `python`'s pip, or stops with why."""
    print(f"installing duckdb (pip install {DUCKDB})", file=sys.stderr)
    if subprocess.run([python, "-m", "pip", "install", "--quiet", DUCKDB]).returncode != 0:
        sys.exit(f"compare.py: pip could not install {DUCKDB} into {VENV} (is PyPI reachable?)")


def ensure_duckdb() -> None:
    """Imports duckdb, or installs it into bench/compare/.venv and re-runs this script there.
    A DuckDB that already imports is used whatever its version (the output prints it)."""
    try:
        import duckdb  # noqa: F401

        return
    except ImportError:
        pass
    if Path(sys.prefix).resolve() == VENV.resolve():
        # Already in the venv: install into it.
        pip_install(sys.executable)
        importlib.invalidate_caches()
        return
    py = venv_python()
    has_pip = py.exists() and subprocess.run(
        [str(py), "-m", "pip", "--version"], capture_output=True).returncode == 0
    if not has_pip:
        # None yet, or one left without pip by a failed creation: made afresh.
        shutil.rmtree(VENV, ignore_errors=True)
        print(f"creating {VENV} for duckdb", file=sys.stderr)
        made = subprocess.run([sys.executable, "-m", "venv", str(VENV)])
        if made.returncode != 0:
            shutil.rmtree(VENV, ignore_errors=True)
            sys.exit(f"compare.py: `{sys.executable} -m venv` failed: install Python's venv "
                     "module (on Debian and Ubuntu, the python3-venv package) or duckdb itself "
                     f"(pip install {DUCKDB}), then run again")
    if subprocess.run([str(py), "-c", "import duckdb"], capture_output=True).returncode != 0:
        pip_install(str(py))
    os.execv(str(py), [str(py), str(Path(__file__).resolve()), *sys.argv[1:]])


# --------------------------------------------------------------------------------------------
# Loading: the seven files of docs/format.md into seven tables named after them.
# --------------------------------------------------------------------------------------------

FILES = ["to_chuc", "dang_vien", "bien_dong", "buoi_sinh_hoat", "diem_danh", "xep_loai", "ket_nap"]

# Typed columns; every other column is text. Dates are DATE in DuckDB and ISO text in SQLite,
# where ISO text compares in date order, so the queries below are the same for both.
DATE_COLUMNS = {
    "to_chuc": {"ngay_thanh_lap", "ngay_giai_the"},
    "dang_vien": {"ngay_vao_dang", "ngay_chinh_thuc", "ngay_ra"},
    "bien_dong": {"tu_ngay", "den_ngay"},
    "buoi_sinh_hoat": {"ngay"},
    "ket_nap": {"ngay"},
}
INT_COLUMNS = {
    "buoi_sinh_hoat": {
        "thoi_luong_phut", "phai_du", "co_mat", "vang_co_ly_do", "vang_khong_ly_do",
        "so_nhiem_vu", "nhiem_vu_cu_the", "diem",
    },
    "xep_loai": {"nam"},
}

# SQLite has no index unless asked; these serve the joins below (DuckDB needs none).
SQLITE_INDEXES = [
    "CREATE INDEX to_chuc_ma ON to_chuc(ma)",
    "CREATE INDEX to_chuc_cap_tren ON to_chuc(ma_cap_tren)",
    "CREATE INDEX dang_vien_ma ON dang_vien(ma)",
    "CREATE INDEX bien_dong_dv ON bien_dong(ma_dang_vien)",
    "CREATE INDEX buoi_ma ON buoi_sinh_hoat(ma)",
    "CREATE INDEX buoi_chi_bo ON buoi_sinh_hoat(ma_chi_bo, ngay)",
    "CREATE INDEX diem_danh_buoi ON diem_danh(ma_buoi, tinh_trang)",
    "CREATE INDEX xep_loai_ma ON xep_loai(doi_tuong, ma, nam)",
]


def header(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as f:
        return next(csv.reader(f))


def sql_type(table: str, column: str, dialect: str) -> str:
    if column in DATE_COLUMNS.get(table, ()):
        return "DATE" if dialect == "duckdb" else "TEXT"
    if column in INT_COLUMNS.get(table, ()):
        return "INTEGER"
    return "VARCHAR" if dialect == "duckdb" else "TEXT"


def load_duckdb(con, folder: Path, storage: str = "memory") -> None:
    for t in FILES:
        path = folder / f"{t}.csv"
        cols = header(path)
        types = ", ".join(f"'{c}': '{sql_type(t, c, 'duckdb')}'" for c in cols)
        con.execute(
            f"CREATE TABLE {t} AS SELECT * FROM read_csv('{path}', header = true, "
            f"delim = ',', quote = '\"', columns = {{{types}}})"
        )
        if storage == "compressed":
            # An in-memory database attached with COMPRESS compresses a table at checkpoint.
            con.execute("CHECKPOINT compressed")
    if storage == "file":
        con.execute("CHECKPOINT")


def load_sqlite(con, folder: Path) -> None:
    for t in FILES:
        path = folder / f"{t}.csv"
        with path.open(newline="", encoding="utf-8") as f:
            rows = csv.reader(f)
            cols = next(rows)
            con.execute(
                f"CREATE TABLE {t} ("
                + ", ".join(f"{c} {sql_type(t, c, 'sqlite')}" for c in cols)
                + ")"
            )
            marks = ", ".join("?" * len(cols))
            # An empty cell is "none" (docs/format.md): NULL.
            con.executemany(
                f"INSERT INTO {t} VALUES ({marks})",
                ([v if v != "" else None for v in row] for row in rows if row),
            )
    for stmt in SQLITE_INDEXES:
        con.execute(stmt)
    con.commit()


# --------------------------------------------------------------------------------------------
# Calendar tables: the spans each measure is taken over, from the evaluation period.
# --------------------------------------------------------------------------------------------


def calendar(start: date, end: date) -> dict[str, list[tuple]]:
    """years: each calendar year clipped to the period (Span::Year);
    rating_years: whole years whose 31 December lies in the period (Span::RatingYear);
    months / quarters: those lying wholly inside the period (a year's whole months are the
    period's whole months of that year, since the years partition the period)."""
    years, rating_years, months, quarters = [], [], [], []
    for y in range(start.year, end.year + 1):
        y0, y1 = date(y, 1, 1), date(y, 12, 31)
        years.append((y, max(y0, start).isoformat(), min(y1, end).isoformat()))
        if start <= y1 <= end:
            rating_years.append((y, y0.isoformat(), y1.isoformat()))
        for m in range(1, 13):
            first = date(y, m, 1)
            last = date(y + (m == 12), m % 12 + 1, 1).toordinal() - 1
            last = date.fromordinal(last)
            if start <= first and last <= end:
                months.append((y, m, first.isoformat(), last.isoformat()))
        for q in range(1, 5):
            first = date(y, 3 * q - 2, 1)
            last = date.fromordinal(date(y + (q == 4), (3 * q) % 12 + 1, 1).toordinal() - 1)
            if start <= first and last <= end:
                quarters.append((y, q, first.isoformat(), last.isoformat()))
    return {
        "period": [(start.isoformat(), end.isoformat())],
        "years": years,
        "rating_years": rating_years,
        "months": months,
        "quarters": quarters,
    }


CALENDAR_DDL = {
    "period": "period (p_start {D}, p_end {D})",
    "years": "years (y INTEGER, w_start {D}, w_end {D})",
    "rating_years": "rating_years (y INTEGER, w_start {D}, w_end {D})",
    "months": "months (y INTEGER, m INTEGER, m_start {D}, m_end {D})",
    "quarters": "quarters (y INTEGER, q INTEGER, q_start {D}, q_end {D})",
}


def load_calendar(con, dialect: str, cal: dict[str, list[tuple]]) -> None:
    d = "DATE" if dialect == "duckdb" else "TEXT"
    for name, rows in cal.items():
        con.execute("CREATE TABLE " + CALENDAR_DDL[name].format(D=d))
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            con.executemany(f"INSERT INTO {name} VALUES ({marks})", rows)


# --------------------------------------------------------------------------------------------
# Views shared by the measures. A view is a stored query: its work is done, each time, by the
# query that uses it, so it counts in the query times.
# --------------------------------------------------------------------------------------------

VIEWS = {
    # The units that meet: chi bộ trực thuộc and chi bộ cơ sở (OrgLevel::is_cell), with their
    # life (founded_on, dissolved_on: both days included, NULL = open).
    "cell": """
        CREATE VIEW cell AS
        SELECT o.ma AS cell, o.ngay_thanh_lap AS founded, o.ngay_giai_the AS dissolved
        FROM to_chuc o
        WHERE o.cap IN ('cell', 'grassroots-cell')
    """,
    # Each meeting's attendance: from its roll-call rows when it has any (every row is an
    # expected member — exempted members are listed only when they came — and `present` rows
    # are present); otherwise from the totals columns phai_du / co_mat; a meeting with neither
    # has an empty roll call (0 of 0). `roll_call` is 1 unless the meeting carries totals only.
    "turnout": """
        CREATE VIEW turnout AS
        WITH roll AS (
            SELECT ma_buoi,
                   COUNT(*) AS expected,
                   SUM(CASE WHEN tinh_trang = 'present' THEN 1 ELSE 0 END) AS present
            FROM diem_danh GROUP BY ma_buoi
        )
        SELECT b.ma, b.ma_chi_bo AS cell, b.ngay, b.loai,
               COALESCE(r.expected, b.phai_du, 0) AS expected,
               COALESCE(r.present, b.co_mat, 0) AS present,
               CASE WHEN r.ma_buoi IS NOT NULL OR b.phai_du IS NULL THEN 1 ELSE 0 END AS roll_call
        FROM buoi_sinh_hoat b LEFT JOIN roll r ON r.ma_buoi = b.ma
    """,
    # Regular postings (loai sinh-hoat; temporary ones, tam-thoi, never attribute a member),
    # with the member's exit: membership ends the day before ngay_ra.
    "regular_posting": """
        CREATE VIEW regular_posting AS
        SELECT b.ma_dang_vien AS member, b.ma_chi_bo AS cell, b.tu_ngay AS p_from,
               b.den_ngay AS p_until, d.ngay_ra AS exit_on
        FROM bien_dong b JOIN dang_vien d ON d.ma = b.ma_dang_vien
        WHERE b.loai = 'sinh-hoat'
    """,
}

# Attribution (Ctx::attributed_members): over a window, a member counts at the cell of the last
# regular posting overlapping the window within their membership. A posting overlaps
# [w_start, w_end] when it starts by w_end and lasts (its den_ngay, and the day before exit)
# until at least w_start. "Last" is the latest start: a member's regular postings do not
# overlap, and Dataset::build sorts each member's postings by start (rows out of time order in
# bien_dong.csv give the same result; bench/compare/edge was checked with them swapped).
ATTRIBUTION = """
    CREATE VIEW {name} AS
    SELECT y, member, cell FROM (
        SELECT w.y, p.member, p.cell,
               ROW_NUMBER() OVER (PARTITION BY w.y, p.member ORDER BY p.p_from DESC) AS nth
        FROM {windows} w JOIN regular_posting p
          ON p.p_from <= w.w_end
         AND (p.p_until IS NULL OR w.w_start <= p.p_until)
         AND (p.exit_on IS NULL OR w.w_start < p.exit_on)
    ) last_posting
    WHERE nth = 1
"""
VIEWS["attributed_year"] = ATTRIBUTION.format(name="attributed_year", windows="years")
VIEWS["attributed_rating_year"] = ATTRIBUTION.format(
    name="attributed_rating_year", windows="rating_years"
)

# --------------------------------------------------------------------------------------------
# The measures, cell by cell. Each query returns (cell, span, num, den): span is the year, or
# 'period'; a cell the measure does not judge has no row (the crate's 0 of 0). YEAR_OF /
# MONTH_OF / QUARTER_OF are spelt per engine (see DIALECT).
# --------------------------------------------------------------------------------------------

# I01 — cells holding the regular meeting every month, per calendar year.
# A cell owes a regular meeting in each month lying wholly inside the year (clipped to the
# period) and its life; a regular or combined meeting in that month pays it. The denominator is
# the cells owing at least one month that year; the numerator, those that missed none: per
# cell, 1 of 1 or 0 of 1.
I01 = """
WITH owed AS (
    SELECT c.cell, m.y, m.m
    FROM cell c JOIN months m
      ON (c.founded IS NULL OR c.founded <= m.m_start)
     AND (c.dissolved IS NULL OR m.m_end <= c.dissolved)
),
held AS (
    SELECT DISTINCT ma_chi_bo AS cell, YEAR_OF(ngay) AS y, MONTH_OF(ngay) AS m
    FROM buoi_sinh_hoat WHERE loai IN ('regular', 'combined')
),
per_cell AS (
    SELECT o.cell, o.y,
           SUM(CASE WHEN h.cell IS NULL THEN 1 ELSE 0 END) AS missed
    FROM owed o LEFT JOIN held h ON h.cell = o.cell AND h.y = o.y AND h.m = o.m
    GROUP BY o.cell, o.y
)
SELECT cell, y AS span, CASE WHEN missed = 0 THEN 1 ELSE 0 END AS num, 1 AS den
FROM per_cell
"""

# I02 — cells holding a thematic meeting every quarter, per calendar year.
# The same reading with quarters lying wholly inside the year and the cell's life, paid by a
# thematic or combined meeting in the quarter.
I02 = """
WITH owed AS (
    SELECT c.cell, q.y, q.q
    FROM cell c JOIN quarters q
      ON (c.founded IS NULL OR c.founded <= q.q_start)
     AND (c.dissolved IS NULL OR q.q_end <= c.dissolved)
),
held AS (
    SELECT DISTINCT ma_chi_bo AS cell, YEAR_OF(ngay) AS y, QUARTER_OF(ngay) AS q
    FROM buoi_sinh_hoat WHERE loai IN ('thematic', 'combined')
),
per_cell AS (
    SELECT o.cell, o.y,
           SUM(CASE WHEN h.cell IS NULL THEN 1 ELSE 0 END) AS missed
    FROM owed o LEFT JOIN held h ON h.cell = o.cell AND h.y = o.y AND h.q = o.q
    GROUP BY o.cell, o.y
)
SELECT cell, y AS span, CASE WHEN missed = 0 THEN 1 ELSE 0 END AS num, 1 AS den
FROM per_cell
"""

# I05 — meetings whose attendance reaches 90%, over the period.
# Meetings held in the period, of kind regular, thematic or combined (not 'other'), with at
# least one member expected; a meeting passes when present / expected >= 90%, compared exactly
# in integers as 10 * present >= 9 * expected.
I05 = """
SELECT c.cell, 'period' AS span,
       SUM(CASE WHEN 10 * t.present >= 9 * t.expected THEN 1 ELSE 0 END) AS num, COUNT(*) AS den
FROM turnout t JOIN cell c ON c.cell = t.cell, period p
WHERE t.loai IN ('regular', 'thematic', 'combined')
  AND t.ngay BETWEEN p.p_start AND p.p_end
  AND t.expected > 0
GROUP BY c.cell
"""

# I06 — members taking part over the period: all present / all expected at the same meetings
# (a meeting with nobody expected adds 0 to both).
I06 = """
SELECT c.cell, 'period' AS span, SUM(t.present) AS num, SUM(t.expected) AS den
FROM turnout t JOIN cell c ON c.cell = t.cell, period p
WHERE t.loai IN ('regular', 'thematic', 'combined')
  AND t.ngay BETWEEN p.p_start AND p.p_end
GROUP BY c.cell
"""

# I09 — cells rated good or better, per rating year (whole years whose 31 December is in the
# period). Cells alive on 31 December with a rating (muc) for the year; excellent or good pass.
# A cell recorded as not rated (ly_do_khong_xep_loai) or without a rating row is not counted.
I09 = """
SELECT c.cell, r.y AS span,
       SUM(CASE WHEN x.muc IN ('excellent', 'good') THEN 1 ELSE 0 END) AS num, COUNT(*) AS den
FROM cell c
JOIN rating_years r
  ON (c.founded IS NULL OR c.founded <= r.w_end)
 AND (c.dissolved IS NULL OR r.w_end <= c.dissolved)
JOIN xep_loai x ON x.doi_tuong = 'to-chuc' AND x.ma = c.cell AND x.nam = r.y
WHERE x.muc IS NOT NULL
GROUP BY c.cell, r.y
"""

# I10 — members rated good or better, per rating year: members attributed to the cell over the
# year (each member to one cell) who have a rating (muc) for the year; excellent or good pass.
# Members recorded as not rated are left out. (Counted per cell first, then joined to the
# cells: with the cell join first, SQLite's planner probes the attribution once per
# organisation and the query turns quadratic.)
I10 = """
WITH per_cell AS (
    SELECT a.cell, a.y,
           SUM(CASE WHEN x.muc IN ('excellent', 'good') THEN 1 ELSE 0 END) AS good,
           COUNT(*) AS rated
    FROM attributed_rating_year a
    JOIN xep_loai x ON x.doi_tuong = 'dang-vien' AND x.ma = a.member AND x.nam = a.y
    WHERE x.muc IS NOT NULL
    GROUP BY a.cell, a.y
)
SELECT c.cell, p.y AS span, p.good AS num, p.rated AS den
FROM per_cell p JOIN cell c ON c.cell = p.cell
"""

# R02 — members below the Art. 8 trigger, per calendar year (clipped to the period).
# A member's months: the distinct months of the year in which they were marked
# absent-without-reason at a regular or combined meeting of any cell. They pass with fewer
# than 3. Counted: members attributed over the year to a cell that held, that year, at least
# one regular or combined meeting with a roll call (a cell whose regular meetings carry totals
# only cannot be judged, and one without regular meetings has nothing to judge). A meeting has
# a roll call when it has rows in diem_danh or no totals (an empty roll call).
R02 = """
WITH judged_cell AS (
    SELECT DISTINCT b.ma_chi_bo AS cell, YEAR_OF(b.ngay) AS y
    FROM buoi_sinh_hoat b, period p
    WHERE b.loai IN ('regular', 'combined')
      AND b.ngay BETWEEN p.p_start AND p.p_end
      AND (b.phai_du IS NULL OR EXISTS (SELECT 1 FROM diem_danh d WHERE d.ma_buoi = b.ma))
),
missed AS (
    SELECT d.ma_dang_vien AS member, YEAR_OF(b.ngay) AS y,
           COUNT(DISTINCT MONTH_OF(b.ngay)) AS months
    FROM diem_danh d
    JOIN buoi_sinh_hoat b ON b.ma = d.ma_buoi, period p
    WHERE d.tinh_trang = 'absent-without-reason' AND b.loai IN ('regular', 'combined')
      AND b.ngay BETWEEN p.p_start AND p.p_end
    GROUP BY d.ma_dang_vien, YEAR_OF(b.ngay)
),
per_cell AS (
    SELECT a.cell, a.y,
           SUM(CASE WHEN COALESCE(m.months, 0) < 3 THEN 1 ELSE 0 END) AS below,
           COUNT(*) AS members
    FROM attributed_year a
    JOIN judged_cell j ON j.cell = a.cell AND j.y = a.y
    LEFT JOIN missed m ON m.member = a.member AND m.y = a.y
    GROUP BY a.cell, a.y
)
SELECT c.cell, p.y AS span, p.below AS num, p.members AS den
FROM per_cell p JOIN cell c ON c.cell = p.cell
"""

MEASURES = {"I01": I01, "I02": I02, "I05": I05, "I06": I06, "I09": I09, "I10": I10, "R02": R02}

# Checks of the I10 reading (not timed): rated member-years whose member has no regular posting
# overlapping the year within membership (attribution would drop them), and rated member-years
# in all, to set beside the sum of the I10 denominators.
CHECK_UNPOSTED = """
SELECT COUNT(*) FROM xep_loai x JOIN rating_years r ON r.y = x.nam
WHERE x.doi_tuong = 'dang-vien' AND x.muc IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM attributed_rating_year a WHERE a.member = x.ma AND a.y = x.nam)
"""
CHECK_RATED = """
SELECT COUNT(*) FROM xep_loai x JOIN rating_years r ON r.y = x.nam
WHERE x.doi_tuong = 'dang-vien' AND x.muc IS NOT NULL
"""

DIALECT = {
    "duckdb": {
        "YEAR_OF": "year({})",
        "MONTH_OF": "month({})",
        "QUARTER_OF": "quarter({})",
    },
    "sqlite": {
        "YEAR_OF": "CAST(substr({}, 1, 4) AS INTEGER)",
        "MONTH_OF": "CAST(substr({}, 6, 2) AS INTEGER)",
        "QUARTER_OF": "((CAST(substr({}, 6, 2) AS INTEGER) + 2) / 3)",
    },
}


def spell(sql: str, dialect: str) -> str:
    """Replaces YEAR_OF(x), MONTH_OF(x), QUARTER_OF(x) by the engine's spelling."""
    for name, form in DIALECT[dialect].items():
        sql = re.sub(rf"{name}\(([^()]*)\)", lambda m, f=form: f.format(m.group(1)), sql)
    return sql


# --------------------------------------------------------------------------------------------
# Engines.
# --------------------------------------------------------------------------------------------


class Engine:
    """One SQL engine: DuckDB (with a thread count and a storage) or SQLite."""

    def __init__(self, name: str, dialect: str, threads: int | None = None,
                 storage: str = "memory", work: Path | None = None,
                 memory_limit: str | None = None):
        self.name, self.dialect, self.threads = name, dialect, threads
        self.storage, self.work, self.memory_limit = storage, work, memory_limit

    def connect(self):
        if self.dialect == "sqlite":
            return sqlite3.connect(":memory:")
        import duckdb

        # Spilling (and the database file, with --duckdb-storage file) goes under the output
        # folder, not into the working directory's .tmp.
        work = self.work or Path(".")
        work.mkdir(parents=True, exist_ok=True)
        if self.storage == "file":
            db = work / "duckdb.db"
            for stale in (db, db.with_name(db.name + ".wal")):
                stale.unlink(missing_ok=True)
            con = duckdb.connect(str(db))
        else:
            con = duckdb.connect(":memory:")
            if self.storage == "compressed":
                con.execute("ATTACH ':memory:' AS compressed (COMPRESS)")
                con.execute("USE compressed")
        con.execute(f"SET temp_directory = '{work / 'spill'}'")
        if self.threads:
            con.execute(f"SET threads = {self.threads}")
        if self.memory_limit:
            con.execute(f"SET memory_limit = '{self.memory_limit}'")
        return con

    def load(self, folder: Path, cal: dict[str, list[tuple]]):
        """A fresh database with the CSV folder, the calendar and the views."""
        con = self.connect()
        if self.dialect == "duckdb":
            load_duckdb(con, folder, self.storage)
        else:
            load_sqlite(con, folder)
        load_calendar(con, self.dialect, cal)
        for ddl in VIEWS.values():
            con.execute(spell(ddl, self.dialect))
        return con

    def queries(self, con) -> None:
        """Every measure, into a table of the connection each (r_I01, …): what is timed."""
        for code, sql in MEASURES.items():
            con.execute(f"CREATE TEMP TABLE r_{code} AS " + spell(sql, self.dialect))

    def drop_results(self, con) -> None:
        """The measure tables, dropped before the queries run again (untimed)."""
        for code in MEASURES:
            con.execute(f"DROP TABLE IF EXISTS r_{code}")

    def fingerprint(self, con) -> list[tuple]:
        """Rows, numerators and denominators of each measure's table: enough to tell one run's
        results from another's."""
        return [
            (code,) + tuple(int(v or 0) for v in con.execute(
                f"SELECT COUNT(*), SUM(num), SUM(den) FROM r_{code}").fetchone())
            for code in MEASURES
        ]

    def scalar(self, con, sql: str) -> int:
        return int(con.execute(spell(sql, self.dialect)).fetchone()[0] or 0)

    def load_crate_cells(self, con, path: Path) -> None:
        """The crate's measure of every cell (chibo_cells.csv, from compare_export) into the
        table chibo_cell (cell, code, span, numerator, denominator)."""
        con.execute("DROP TABLE IF EXISTS chibo_cell")
        if self.dialect == "duckdb":
            con.execute(
                f"CREATE TEMP TABLE chibo_cell AS SELECT * FROM read_csv('{path}', header = true, "
                "delim = ',', quote = '\"', columns = {'cell': 'VARCHAR', 'code': 'VARCHAR', "
                "'span': 'VARCHAR', 'numerator': 'BIGINT', 'denominator': 'BIGINT'})"
            )
            return
        con.execute("CREATE TEMP TABLE chibo_cell "
                    "(cell TEXT, code TEXT, span TEXT, numerator INTEGER, denominator INTEGER)")
        with path.open(newline="", encoding="utf-8") as f:
            rows = csv.reader(f)
            next(rows, None)
            con.executemany("INSERT INTO chibo_cell VALUES (?, ?, ?, ?, ?)",
                            ((c, k, s, int(n), int(d)) for c, k, s, n, d in rows))
        con.execute("CREATE INDEX chibo_cell_key ON chibo_cell(cell, code, span)")

    def differences(self, con, cells: Path, expected_rows: int) -> tuple[int, int, list[str]]:
        """Compares every cell's measures with the crate's: returns the values compared (the
        crate's rows), the number of differences, and the first ones, each a line. A value one
        side lacks is 0 of 0; a key given twice on either side is a difference too, and so is
        a file without the `expected_rows` the export wrote."""
        self.load_crate_cells(con, cells)
        union = " UNION ALL ".join(
            f"SELECT cell, '{code}' AS code, CAST(span AS TEXT) AS span, "
            f"COALESCE(num, 0) AS num, COALESCE(den, 0) AS den FROM r_{code}"
            for code in MEASURES
        )
        con.execute("DROP VIEW IF EXISTS sql_cell")
        con.execute(f"CREATE TEMP VIEW sql_cell AS SELECT * FROM ({union}) u "
                    "WHERE num <> 0 OR den <> 0")
        found = con.execute("""
            SELECT c.cell, c.code, c.span, c.numerator, c.denominator, s.num, s.den
            FROM chibo_cell c
            LEFT JOIN sql_cell s ON s.cell = c.cell AND s.code = c.code AND s.span = c.span
            WHERE s.cell IS NULL OR s.num <> COALESCE(c.numerator, -1)
               OR s.den <> COALESCE(c.denominator, -1)
            UNION ALL
            SELECT s.cell, s.code, s.span, NULL, NULL, s.num, s.den
            FROM sql_cell s
            LEFT JOIN chibo_cell c ON s.cell = c.cell AND s.code = c.code AND s.span = c.span
            WHERE c.cell IS NULL
        """).fetchall()
        lines = [
            f"{self.name}: cell {cell} {code} {span}: chibo {n0 or 0}/{d0 or 0}, "
            f"SQL {n1 or 0}/{d1 or 0}"
            for cell, code, span, n0, d0, n1, d1 in found
        ]
        for side, table in (("chibo", "chibo_cell"), ("SQL", "sql_cell")):
            twice = self.scalar(con, f"SELECT COUNT(*) FROM (SELECT cell, code, span FROM {table} "
                                     "GROUP BY cell, code, span HAVING COUNT(*) > 1) t")
            if twice:
                lines.append(f"{self.name}: {twice} cell measure(s) given twice by {side}")
        compared = self.scalar(con, "SELECT COUNT(*) FROM chibo_cell")
        if compared != expected_rows:
            lines.append(f"{self.name}: {cells} holds {compared} rows, the export wrote "
                         f"{expected_rows}")
        return compared, len(lines), lines[:SHOWN_DIFFERENCES]

    def table_bytes(self, con) -> int | None:
        """DuckDB: the size of the loaded tables, in bytes: the memory its buffer manager holds
        (in memory), or the database file (which it reads back into its buffer pool)."""
        if self.dialect != "duckdb":
            return None
        if self.storage == "file":
            return int((self.work / "duckdb.db").stat().st_size)
        return int(con.execute("SELECT SUM(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0])

    def version(self) -> str:
        if self.dialect == "duckdb":
            import duckdb

            return duckdb.__version__
        return sqlite3.sqlite_version


# --------------------------------------------------------------------------------------------
# Memory: this process's peak resident memory (DuckDB and SQLite run inside it), from
# /proc/self/status (Linux). Writing 5 to /proc/self/clear_refs resets the peak to the resident
# memory of the moment, so each engine's peak is its own (plus what the process held before).
# --------------------------------------------------------------------------------------------


def status_bytes(field: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def reset_peak() -> bool:
    """Resets VmHWM to the resident memory now (Linux); False when it cannot."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


def peak_bytes() -> int | None:
    """The peak since the last reset (VmHWM); None off Linux."""
    return status_bytes("VmHWM")


def mb(n: int | None) -> str:
    return "?" if n is None else f"{n / 1e6:,.0f}"


class Log:
    """Progress on stderr (at country size, or with --progress)."""

    def __init__(self, on: bool):
        self.on, self.t0 = on, time.perf_counter()

    def __call__(self, what: str) -> None:
        if self.on:
            print(f"[{time.perf_counter() - self.t0:7.1f} s] {what} (resident "
                  f"{mb(status_bytes('VmRSS'))} MB)", file=sys.stderr, flush=True)


class Timing:
    """What one engine took: times, peaks, and what its comparison with the crate found."""

    def __init__(self, name: str):
        self.name = name
        self.in_memory_s = self.e2e_s = float("inf")
        self.peak = self.tables = None
        self.compared = 0


def time_engine(e: Engine, folder: Path, cal, cells: tuple[Path, int], memory_runs: int,
                e2e_runs: int, log: Log, problems: list[str]) -> Timing:
    """Loads the folder, times the queries on the loaded tables (best of memory_runs) and runs
    the checks; then times load + queries from the files (best of e2e_runs), each run in a
    fresh database; then, untimed and after the peak is read, compares every cell's measures
    with the crate's (`cells`: the file and its rows). The same steps for every engine."""
    t = Timing(e.name)
    if not reset_peak():
        print(f"{e.name}: the peak memory could not be reset: it includes what this process "
              "held before", flush=True)
    log(f"{e.name}: loading {folder}")
    con = e.load(folder, cal)
    t.tables = e.table_bytes(con)
    log(f"{e.name}: loaded; queries, {memory_runs} run(s)")
    for _ in range(memory_runs):
        e.drop_results(con)
        t0 = time.perf_counter()
        e.queries(con)
        t.in_memory_s = min(t.in_memory_s, time.perf_counter() - t0)
    first = e.fingerprint(con)
    unposted = e.scalar(con, CHECK_UNPOSTED)
    rated = e.scalar(con, CHECK_RATED)
    i10_den = e.scalar(con, "SELECT SUM(den) FROM r_I10")
    con.close()
    del con
    print(
        f"{e.name} {e.version()}: I10 check: {rated} rated member-years, "
        f"{unposted} without a regular posting in the year, I10 denominators sum to {i10_den}",
        flush=True,
    )
    if unposted:
        problems.append(f"{e.name}: {unposted} rated member-years are not attributed")
    elif rated != i10_den:
        problems.append(f"{e.name}: {rated} rated member-years but I10 counts {i10_den}")

    last = None
    for run in range(e2e_runs):
        log(f"{e.name}: end to end (load + queries), run {run + 1} of {e2e_runs}")
        if last is not None:
            last.close()
        t0 = time.perf_counter()
        last = e.load(folder, cal)
        e.queries(last)
        t.e2e_s = min(t.e2e_s, time.perf_counter() - t0)
        if e.fingerprint(last) != first:
            problems.append(f"{e.name}: end-to-end run {run + 1} gave other values than the first")
    # From loading to the last query: VmHWM only rises until the next reset.
    t.peak = peak_bytes()
    log(f"{e.name}: comparing every cell's measures with the crate's")
    t.compared, count, shown = e.differences(last, *cells)
    last.close()
    problems += shown
    if count > len(shown):
        problems.append(f"{e.name}: … {count - len(shown)} more differences")
    return t


# --------------------------------------------------------------------------------------------
# Comparison and report.
# --------------------------------------------------------------------------------------------

SHOWN_DIFFERENCES = 20  # per engine; the rest are counted


def ratio(crate_s: float, other_s: float) -> str:
    if crate_s <= 0 or other_s <= 0:
        return "n/a"
    if other_s >= crate_s:
        return f"crate faster ×{other_s / crate_s:.1f}"
    return f"crate slower ×{crate_s / other_s:.1f}"


def unit_order(unit: str):
    """t01 … t99, t100 …: shorter ids first."""
    return (len(unit), unit)


def measure_table(crate: dict) -> list[str]:
    lines = ["| top-level unit | measure | span | numerator | denominator | % |", "|---|---|---|---|---|---|"]
    for province in sorted(crate, key=unit_order):
        for code in MEASURES:
            for span, (n, d) in sorted(crate[province].get(code, {}).items()):
                pct = f"{100 * n / d:.2f}" if d else "—"
                lines.append(f"| {province} | {code} | {span} | {n} | {d} | {pct} |")
    return lines


def summed_table(crate: dict) -> list[str]:
    """The crate's measures summed over every top-level unit."""
    total: dict = {}
    for units in crate.values():
        for code, spans in units.items():
            for span, (n, d) in spans.items():
                a = total.setdefault(code, {}).setdefault(span, [0, 0])
                a[0] += n
                a[1] += d
    lines = [f"| all {len(crate)} top-level units | measure | span | numerator | denominator | % |",
             "|---|---|---|---|---|---|"]
    for code in MEASURES:
        for span, (n, d) in sorted(total.get(code, {}).items()):
            pct = f"{100 * n / d:.2f}" if d else "—"
            lines.append(f"| Σ | {code} | {span} | {n} | {d} | {pct} |")
    return lines


SHOWN_UNITS = 5  # more top-level units than this: the table printed is summed over them


def units_named(crate: dict) -> str:
    units = sorted(crate, key=unit_order)
    if len(units) > 2 * SHOWN_UNITS:
        return f"{units[0]}, {units[1]}, … {units[-1]}"
    return ", ".join(units)


# Defaults per size: repetitions (queries on loaded tables, end to end), whether SQLite runs,
# and DuckDB's storage. At country size (210 million roll-call rows, 12.7 GB of CSV) SQLite would
# spend hours inserting rows through Python, and DuckDB's plain in-memory tables take about
# 17 GB of the 19 GB it allows itself on a 24 GB machine, then spill (see README.md); in a
# database file they take 1.5–1.6 GB, compressed, and stay in DuckDB's buffer pool.
DEFAULTS = {
    "district": {"memory_runs": 5, "e2e_runs": 3, "sqlite": True, "storage": "memory"},
    "province": {"memory_runs": 5, "e2e_runs": 3, "sqlite": True, "storage": "memory"},
    "country": {"memory_runs": 2, "e2e_runs": 1, "sqlite": False, "storage": "file"},
}
COUNTRY_DISK = 30e9  # the CSV folder (12.7 GB) and DuckDB's spill files, with room to spare


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--size", choices=["district", "province", "country"],
                     help="synthetic records of this size")
    src.add_argument("--folder", type=Path,
                     help="an existing CSV folder instead (needs --from and --to), laid out as the "
                          "crate's writer lays one out")
    ap.add_argument("--from", dest="start", help="first day of the period (YYYY-MM-DD)")
    ap.add_argument("--to", dest="end", help="last day of the period (YYYY-MM-DD)")
    ap.add_argument("--out", type=Path, help="output folder (default target/compare/SIZE)")
    ap.add_argument("--skip-export", action="store_true", help="reuse OUT/chibo.json and its CSV")
    ap.add_argument("--memory-runs", type=int,
                    help="repetitions of the queries on loaded tables and of the crate's "
                         "evaluate; the best is kept (default 5; 2 at country size)")
    ap.add_argument("--e2e-runs", type=int,
                    help="repetitions from the CSV files, both sides (default 3; 1 at country "
                         "size)")
    ap.add_argument("--sqlite", action=argparse.BooleanOptionalAction, default=None,
                    help="run SQLite too (default: yes, except at country size)")
    ap.add_argument("--duckdb-storage", choices=["memory", "compressed", "file"],
                    help="DuckDB's tables: plain in-memory (the default), in memory compressed "
                         "(ATTACH ':memory:' (COMPRESS)), or in a database file in OUT/duckdb "
                         "(the default at country size)")
    ap.add_argument("--duckdb-memory-limit",
                    help="DuckDB's memory_limit (e.g. 4GB; default DuckDB's own, 80%% of RAM)")
    ap.add_argument("--progress", action="store_true",
                    help="print progress on stderr (always at country size)")
    ap.add_argument("--no-check", action="store_true",
                    help="skip the export's check of the CSV folder against the records built "
                         "without it (with --folder, that check holds the folder in memory)")
    args = ap.parse_args()
    if args.skip_export and (args.start or args.end):
        ap.error("--skip-export reuses the period of OUT/chibo.json: leave out --from and --to")
    if any(n is not None and n < 1 for n in (args.memory_runs, args.e2e_runs)):
        ap.error("--memory-runs and --e2e-runs take 1 or more")
    ensure_duckdb()
    name = args.size or Path(args.folder).name
    out = (args.out or REPO / "target" / "compare" / name).resolve()
    defaults = DEFAULTS.get(args.size or "district")
    memory_runs = args.memory_runs or defaults["memory_runs"]
    e2e_runs = args.e2e_runs or defaults["e2e_runs"]
    use_sqlite = defaults["sqlite"] if args.sqlite is None else args.sqlite
    storage = args.duckdb_storage or defaults["storage"]
    country = args.size == "country"
    log = Log(args.progress or country)

    if not args.skip_export:
        if country:
            out.mkdir(parents=True, exist_ok=True)
            free = shutil.disk_usage(out).free
            if free < COUNTRY_DISK:
                print(f"compare.py: {out} has {free / 1e9:.0f} GB free; the country size needs "
                      f"about {COUNTRY_DISK / 1e9:.0f} GB (a 12.7 GB CSV folder, DuckDB's spill "
                      "files); choose another --out", file=sys.stderr)
                return 2
        source = (["--size", args.size] if args.size
                  else ["--folder", str(Path(args.folder).resolve())])
        span = (["--from", args.start] if args.start else []) + (
            ["--to", args.end] if args.end else [])
        runs = ["--eval-runs", str(memory_runs), "--e2e-runs", str(e2e_runs)]
        cmd = [
            "cargo", "run", "--quiet", "--release", "--example", "compare_export",
            "--features", "synth,csv", "--", *source, *span, "--out", str(out), *runs,
            *(["--progress"] if log.on else []), *(["--no-check"] if args.no_check else []),
        ]
        print("$", " ".join(cmd), flush=True)
        done = subprocess.run(cmd, cwd=REPO)
        if done.returncode != 0:
            print(f"compare.py: the export failed (exit {done.returncode}); nothing to compare",
                  file=sys.stderr)
            return done.returncode
    chibo = json.loads((out / "chibo.json").read_text(encoding="utf-8"))
    folder = Path(chibo["csv"])
    start = date.fromisoformat(chibo["period"]["start"])
    end = date.fromisoformat(chibo["period"]["end"])
    cal = calendar(start, end)
    crate = chibo["measures"]
    if "cell_measures" not in chibo:
        print(f"compare.py: {out / 'chibo.json'} has no cell measures (an older export): run "
              "without --skip-export", file=sys.stderr)
        return 2
    cells = (Path(chibo["cell_measures"]["path"]), int(chibo["cell_measures"]["rows"]))
    t = chibo["timings"]
    n = chibo["counts"]
    print(
        f"{name}: {n['cells']} cells, {n['members']} members, {n['meetings']} meetings, "
        f"{n['attendance_facts']} attendance facts, {len(crate)} top-level unit(s) "
        f"({units_named(crate)}); period {start} – {end}",
        flush=True,
    )

    # DuckDB runs on every core by default (2 here); the crate's evaluate and read_folder_into
    # run on one, so DuckDB is also timed on one thread. SQLite runs on one.
    work = out / "duckdb"
    where = {"memory": "", "compressed": ", compressed", "file": ", database file"}[storage]
    limit = args.duckdb_memory_limit
    where += f", memory_limit {limit}" if limit else ""
    engines = [
        Engine(f"DuckDB ({os.cpu_count()} threads{where})", "duckdb", storage=storage, work=work,
               memory_limit=limit),
        Engine(f"DuckDB (1 thread{where})", "duckdb", threads=1, storage=storage, work=work,
               memory_limit=limit),
    ]
    if use_sqlite:
        engines.append(Engine("SQLite", "sqlite"))
    else:
        print("SQLite skipped" + (" at country size: inserting 210 million roll-call rows "
                                  "through Python's sqlite3 would take hours" if country else "")
              + " (--sqlite to run it)", flush=True)
    runs = chibo.get("runs", {})
    print(f"repetitions: SQL best of {memory_runs} on loaded tables and of {e2e_runs} from the "
          f"CSV files; chibo best of {runs.get('eval_in_memory', '?')} evaluations and of "
          f"{runs.get('end_to_end', '?')} from the CSV files", flush=True)

    problems: list[str] = []
    failures: list[str] = []
    timings = []
    for e in engines:
        try:
            timing = time_engine(e, folder, cal, cells, memory_runs, e2e_runs, log, problems)
        except Exception as err:  # an engine that fails (out of memory, …) is reported
            first = str(err).strip().splitlines()[0] if str(err).strip() else ""
            failures.append(f"{e.name}: {type(err).__name__}: {first}")
            print(f"{e.name} failed: {type(err).__name__}: {first}", flush=True)
            continue
        timings.append(timing)
    shutil.rmtree(work, ignore_errors=True)

    print()
    for p in problems:
        print("DIFFERENCE", p)
    for f in failures:
        print("FAILED", f)
    compared = {x.compared for x in timings}
    if not problems and compared == {0}:
        problems.append("no cell has a measure on either side: nothing was compared")
        print("DIFFERENCE", problems[-1])
    if not problems and timings:
        total = compared.pop()
        sides = ["chibo"] + sorted({x.name.split(" (")[0] for x in timings},
                                   key=lambda x: x != "DuckDB")
        print(
            f"results identical: {total:,} cell measures ({2 * total:,} numbers: the "
            f"numerator and denominator of {', '.join(MEASURES)} for each cell and span where "
            f"either side judged anything, {n['cells']:,} cells) are equal in "
            f"{', '.join(sides[:-1])} and {sides[-1]}"
            + (f" (not compared: {len(failures)} engine run(s) failed)" if failures else "")
        )
    print()
    if len(crate) > SHOWN_UNITS:
        table = out / "measures.md"
        table.write_text("\n".join(measure_table(crate)) + "\n", encoding="utf-8")
        print("\n".join(summed_table(crate)))
        print()
        print(f"(the crate's measures of each of the {len(crate)} top-level units, one row each: "
              f"{table}; every cell's: {cells[0]})")
    else:
        print("\n".join(measure_table(crate)))
    print()
    per_cell = 1e6 * t["eval_in_memory"] / n["cells"] if n["cells"] else 0
    print(
        f"chibo: generate + write CSV {t['generate']:.3f} s (not compared); "
        f"evaluate {t['eval_in_memory']:.3f} s ({per_cell:.1f} µs per cell); "
        f"end to end {t['end_to_end']:.3f} s = read_folder_into {t['read']:.3f} s + "
        f"finish {t['finish']:.3f} s + evaluate "
        f"{t['end_to_end'] - t['read'] - t['finish']:.3f} s"
    )
    mem = chibo.get("memory", {})
    steps = mem.get("steps", {})
    step_peak = {k: v.get("peak") for k, v in steps.items()}
    crate_peak = max((step_peak.get(k) or 0 for k in ("csv_to_evaluation",
                                                         "in_memory_evaluations")), default=0)
    print(
        "chibo peak resident memory (VmHWM, MB): CSV → dataset → evaluation "
        f"{mb(step_peak.get('csv_to_evaluation'))}, evaluations in memory "
        f"{mb(step_peak.get('in_memory_evaluations'))}; generate + write "
        f"{mb(step_peak.get('generate_write'))}, check {mb(step_peak.get('check'))}"
    )
    print()
    print("| engine | in memory (s) | chibo evaluate (s) | ratio | end to end (s) | chibo end to end (s) | ratio | peak memory (MB) | chibo peak memory (MB) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in timings:
        peak = r.peak
        print(
            f"| {r.name} | {r.in_memory_s:.3f} | {t['eval_in_memory']:.3f} | "
            f"{ratio(t['eval_in_memory'], r.in_memory_s)} | {r.e2e_s:.3f} | "
            f"{t['end_to_end']:.3f} | {ratio(t['end_to_end'], r.e2e_s)} | {mb(peak)} | "
            f"{mb(crate_peak or None)} |"
        )
    print()
    sizes = ", ".join(f"{mb(r.tables)} MB ({r.name})" for r in timings if r.tables is not None)
    held = ("in its database file" if storage == "file" else "in its buffer manager")
    print("Peak memory is resident memory at its highest (VmHWM): the crate's from reading the "
          "CSV folder to its last evaluation; each engine's in this process from loading to its "
          "last query." + (f" DuckDB's tables once loaded, {held}: {sizes}." if sizes else ""))
    return 1 if problems or failures else 0


if __name__ == "__main__":
    sys.exit(main())
