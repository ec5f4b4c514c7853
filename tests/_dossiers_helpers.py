"""Shared by the dossier tests: the reference loader, small workloads and a pure-Python oracle.

The oracle knows nothing of ordinals, SQL or ibis: it moves dates with the calendar's own
``add_working_days``, counts with Python, and rounds exact Fractions half-up.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from types import ModuleType
from typing import Any

from hypothesis import strategies as st

from _shared import bench_reference
from cchc.calendar import VietnamCalendar
from cchc.documents import ProcedureCatalogue

CAL = VietnamCalendar(first_year=2024, last_year=2028)
YEAR = 2025
END = dt.date(YEAR, 12, 31)

# id, rate, max (points), target — written out again here, not imported from cchc
CRITERIA = (
    ("on_time", "on_time", 20, Fraction(1)),
    ("online", "online", 12, Fraction(1, 2)),
    ("online_payment", "online_payment", 6, Fraction(9, 10)),
    ("digitisation", "digitised", 4, Fraction(4, 5)),
)
RATES = {
    "on_time": ("on_time", "judged"),
    "online": ("online", "received"),
    "online_payment": ("paid_online", "fee_due"),
    "digitised": ("digitised", "received"),
    "e_result": ("e_result", "finished"),
}


def reference() -> ModuleType | None:
    """``dossier_reference.py`` from ``$CCHC_BENCH_REFERENCES`` or ``../shared/bench``."""
    return bench_reference("dossier_reference")


def dossier(i: int, received: dt.date = dt.date(YEAR, 3, 3), **changes: Any) -> dict[str, Any]:
    """Dossier ``i``: unit X1, procedure T2 (5 working days), online, finished on receipt,
    digitised, with an electronic result — each field replaced by ``changes``."""
    base = {
        "dossier_id": i, "unit": "X1", "procedure": "T2", "channel": 2, "received_on": received,
        "due_on": CAL.add_working_days(received, 5), "finished_on": received,
        "supplement_days": 0, "supplement_requests": 0, "paid_online": False, "fee_total": 0,
        "digitised": True, "e_result": True,
    }  # fmt: skip
    return base | changes


def write_rows(rows: list[dict[str, Any]], path: Path) -> None:
    """``rows`` as the file ``path`` names: Parquet, CSV (None as an empty cell) or JSON lines."""
    if path.suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows), path)
    elif path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows({k: "" if v is None else v for k, v in r.items()} for r in rows)
    else:
        path.write_text("".join(json.dumps(r, default=str) + "\n" for r in rows), "utf-8")


def catalogue(units: dict[str, str], procedures: dict[str, tuple[int, bool]]) -> ProcedureCatalogue:
    return ProcedureCatalogue.model_validate(
        {
            "code": "test",
            "units": [{"code": u, "province": p} for u, p in units.items()],
            "procedures": [
                {"code": c, "legal_days": days, "fee_bearing": fee}
                for c, (days, fee) in procedures.items()
            ],
        }
    )


UNITS = {"X1": "P1", "X2": "P1", "X3": "P2", "X4": "P3"}
PROCEDURES = {"T1": (1, True), "T2": (5, False), "T3": (15, True)}
DAYS_2025 = [dt.date(YEAR, 1, 1) + dt.timedelta(days=i) for i in range(365)]


@st.composite
def dossier_rows(draw: st.DrawFn, *, max_size: int = 40, year: int = YEAR) -> list[dict[str, Any]]:
    """Valid dossiers of ``year`` for :data:`UNITS` and :data:`PROCEDURES` (ids 1..n)."""
    n = draw(st.integers(0, max_size))
    first, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    every_day = [first + dt.timedelta(days=i) for i in range((end - first).days + 1)]
    rows = []
    for i in range(n):
        procedure = draw(st.sampled_from(sorted(PROCEDURES)))
        days, _ = PROCEDURES[procedure]
        received = draw(st.sampled_from(every_day))
        due = CAL.add_working_days(received, days)
        requests = draw(st.integers(0, 2))
        supplement = draw(st.integers(1, 12)) if requests else 0
        shifted = CAL.add_working_days(due, supplement)
        kind = draw(st.sampled_from(["early", "on-due", "late", "open", "open"]))
        finished: dt.date | None
        if kind == "open":
            finished = None
        elif kind == "on-due":
            finished = shifted
        elif kind == "early":
            finished = received + dt.timedelta(days=draw(st.integers(0, 3)))
        else:
            finished = shifted + dt.timedelta(days=draw(st.integers(1, 20)))
        if finished is not None and finished > end:
            finished = None
        rows.append(
            {
                "dossier_id": i + 1,
                "unit": draw(st.sampled_from(sorted(UNITS))),
                "procedure": procedure,
                "channel": draw(st.sampled_from([1, 2, 2, 3])),
                "received_on": received,
                "due_on": due,
                "finished_on": finished,
                "supplement_days": supplement,
                "supplement_requests": requests,
                "paid_online": draw(st.booleans()),
                "fee_total": draw(st.sampled_from([0, 10_000, 50_000])),
                "digitised": draw(st.booleans()),
                "e_result": draw(st.booleans()),
            }
        )
    return rows


def table(rows: Sequence[dict[str, Any]]) -> Any:
    """The rows as an ibis memtable with the dossier types (works for zero rows)."""
    import ibis  # type: ignore[import-untyped,unused-ignore]
    import pyarrow as pa

    schema = pa.schema(
        [
            ("dossier_id", pa.int64()), ("unit", pa.string()), ("procedure", pa.string()),
            ("channel", pa.int8()), ("received_on", pa.date32()), ("due_on", pa.date32()),
            ("finished_on", pa.date32()), ("supplement_days", pa.int16()),
            ("supplement_requests", pa.int8()), ("paid_online", pa.bool_()),
            ("fee_total", pa.int64()), ("digitised", pa.bool_()), ("e_result", pa.bool_()),
        ]
    )  # fmt: skip
    return ibis.memtable(pa.Table.from_pylist(list(rows), schema=schema))


# --------------------------------------------------------------------------- the oracle


def _counts(row: dict[str, Any], end: dt.date = END) -> dict[str, int]:
    finished = row["finished_on"] is not None
    shifted = CAL.add_working_days(row["due_on"], row["supplement_days"])
    on_time = finished and row["supplement_requests"] <= 1 and row["finished_on"] <= shifted
    open_overdue = not finished and shifted < end
    _, fee_bearing = PROCEDURES[row["procedure"]]
    fee_due = fee_bearing and row["fee_total"] > 0
    return {
        "received": 1,
        "finished": int(finished),
        "on_time": int(on_time),
        "open_overdue": int(open_overdue),
        "judged": int(finished or open_overdue),
        "online": int(row["channel"] == 2),
        "fee_due": int(fee_due),
        "paid_online": int(fee_due and row["paid_online"]),
        "digitised": int(row["digitised"]),
        "e_result": int(finished and row["e_result"]),
    }


def half_up(value: Fraction, places: int = 2) -> Decimal:
    scaled = value * 10**places
    whole = int(scaled)
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    return Decimal(whole).scaleb(-places).quantize(Decimal(1).scaleb(-places))


def oracle(
    rows: Iterable[dict[str, Any]], *, level: str = "unit", period: str = "year", year: int = YEAR
) -> dict[tuple[str, str], dict[str, Any]]:
    """(key, period label) → counts, rates, points, total, max_points, rank."""
    sums: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        key = UNITS[row["unit"]] if level == "province" else row["unit"]
        month = row["received_on"].month
        label = {"year": f"{year}", "quarter": f"{year}-Q{(month - 1) // 3 + 1}",
                 "month": f"{year}-{month:02d}"}[period]  # fmt: skip
        for name, value in _counts(row, dt.date(year, 12, 31)).items():
            sums[key, label][name] += value
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for where, counts in sums.items():
        rates: dict[str, Fraction | None] = {
            r: Fraction(counts[n], counts[d]) if counts[d] else None for r, (n, d) in RATES.items()
        }
        points = {
            cid: None if rates[rate] is None else
            half_up(maximum * min(rates[rate] / target, Fraction(1)))  # type: ignore[operator]
            for cid, rate, maximum, target in CRITERIA
        }  # fmt: skip
        available = [p for p in points.values() if p is not None]
        out[where] = {
            "counts": dict(counts),
            "rates": {r: None if v is None else half_up(100 * v) for r, v in rates.items()},
            "points": points,
            "total": sum(available, Decimal("0.00")) if available else None,
            "max_points": sum(
                (Decimal(m) for cid, _, m, _ in CRITERIA if points[cid] is not None),
                Decimal("0.00"),
            ),
        }
    for label in {label for _, label in out}:
        totals = [v["total"] for (_, lab), v in out.items() if lab == label]
        for (_, lab), v in out.items():
            if lab == label:
                t = v["total"]
                v["rank"] = (
                    None if t is None else 1 + sum(1 for o in totals if o is not None and o > t)
                )
    return out


def reference_workload(ref: ModuleType, folder: Path, dossiers: int) -> tuple[Path, Path]:
    """Generate ``dossiers`` with the reference; run its query; return (parquet, json)."""
    import duckdb
    import pyarrow.parquet as pq

    path = folder / f"dossiers-{dossiers}.parquet"
    out = folder / f"dossiers-{dossiers}.json"
    cal = ref.Calendar()
    ref.write_workload(str(path), dossiers, cal)
    con = duckdb.connect()
    units_path, procs_path = ref.sidecars(str(path))
    con.execute("CREATE TEMP TABLE units AS SELECT * FROM read_parquet(?)", [units_path])
    con.execute("CREATE TEMP TABLE procedures AS SELECT * FROM read_parquet(?)", [procs_path])
    cal_table = cal.table()  # noqa: F841 - DuckDB reads the local by name
    con.execute("CREATE TEMP TABLE cal AS SELECT * FROM cal_table")
    result = ref.run_reference(con, str(path), cal)
    units = pq.read_table(units_path).to_pydict()
    province_of = dict(zip(units["unit"], units["province"], strict=True))
    ref.dump(result, str(out), dossiers, cal, province_of)
    return path, out


def reference_catalogue(path: Path) -> ProcedureCatalogue:
    """The reference's two sidecar tables as a catalogue document."""
    import pyarrow.parquet as pq

    stem = str(path).removesuffix(".parquet")
    units = pq.read_table(f"{stem}.units.parquet").to_pylist()
    procedures = pq.read_table(f"{stem}.procedures.parquet").to_pylist()
    return ProcedureCatalogue.model_validate({
        "code": "dossiers-synthetic-v1",
        "units": [{"code": u["unit"], "province": u["province"]} for u in units],
        "procedures": [
            {"code": p["procedure"], "legal_days": p["legal_days"],
             "fee_bearing": p["fee_bearing"], "online_capable": p["online_capable"]}
            for p in procedures
        ],
    })  # fmt: skip


def text_table(rows: Sequence[dict[str, Any]]) -> Any:
    """The rows as an ibis memtable of text columns, as a CSV gives them (null: no value)."""
    import ibis  # type: ignore[import-untyped,unused-ignore]
    import pyarrow as pa

    names = [
        "dossier_id", "unit", "procedure", "channel", "received_on", "due_on", "finished_on",
        "supplement_days", "supplement_requests", "paid_online", "fee_total", "digitised",
        "e_result",
    ]  # fmt: skip
    columns = {
        name: pa.array([None if r[name] is None else str(r[name]) for r in rows], pa.string())
        for name in names
    }
    return ibis.memtable(pa.table(columns))
