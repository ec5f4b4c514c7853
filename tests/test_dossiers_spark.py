"""The same ibis expressions on PySpark (local mode) give exactly DuckDB's results."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _dossiers_helpers import CAL, PROCEDURES, UNITS, YEAR, catalogue, write_rows

pytest.importorskip("ibis")
pytest.importorskip("duckdb")
pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java (17): not found on PATH", allow_module_level=True)
import pyarrow as pa
import pyarrow.parquet as pq

from cchc.dossiers import Level, PeriodKind, assess_dossiers

pytestmark = pytest.mark.filterwarnings(
    "ignore::FutureWarning", "ignore::DeprecationWarning", "ignore::ResourceWarning"
)


def workload(count: int, seed: int) -> list[dict[str, Any]]:
    """Valid dossiers of 2025, then four broken ones (a duplicate, an unknown unit…)."""
    rng = random.Random(seed)  # noqa: S311 - a test workload, not a secret
    rows = []
    for i in range(count):
        procedure = rng.choice(sorted(PROCEDURES))
        received = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(365))
        due = CAL.add_working_days(received, PROCEDURES[procedure][0])
        requests = rng.choice([0, 0, 0, 1, 2])
        supplement = rng.randrange(1, 10) if requests else 0
        finished: dt.date | None = received + dt.timedelta(days=rng.randrange(0, 40))
        if rng.random() < 0.1 or finished > dt.date(YEAR, 12, 31):  # type: ignore[operator]
            finished = None
        rows.append({
            "dossier_id": i + 1, "unit": rng.choice(sorted(UNITS)), "procedure": procedure,
            "channel": rng.choice([1, 2, 2, 3]), "received_on": received, "due_on": due,
            "finished_on": finished, "supplement_days": supplement,
            "supplement_requests": requests, "paid_online": rng.random() < 0.5,
            "fee_total": rng.choice([0, 20_000]), "digitised": rng.random() < 0.7,
            "e_result": rng.random() < 0.6,
        })  # fmt: skip
    rows += [
        dict(rows[0]),  # dossier 1 again
        dict(rows[1], dossier_id=count + 1, unit="X9"),
        dict(rows[2], dossier_id=count + 2, channel=5, finished_on=dt.date(YEAR, 1, 1)),
        dict(rows[3], dossier_id=count + 3, due_on=dt.date(YEAR, 1, 1)),
    ]
    return rows


@pytest.fixture(scope="module")
def spark_con() -> Iterator[Any]:
    import ibis  # type: ignore[import-untyped,unused-ignore]
    from pyspark.sql import SparkSession

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        session = (
            SparkSession.builder.master("local[1]")
            .appName("cchc-dossiers-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "1")
            .config("spark.default.parallelism", "1")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            # Tiny data: interpreting beats compiling (a third of the time on 2 cores).
            .config("spark.sql.codegen.wholeStage", "false")
            .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
            .config("spark.sql.adaptive.enabled", "false")
            .config("spark.driver.memory", "512m")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        yield ibis.pyspark.connect(session)
        session.stop()


def test_pyspark_gives_duckdb_results(spark_con: Any, tmp_path: Path) -> None:
    path = tmp_path / "dossiers.parquet"
    pq.write_table(pa.Table.from_pylist(workload(400, seed=5)), path)
    doc = catalogue(UNITS, PROCEDURES)
    views: tuple[tuple[Level, PeriodKind], ...] = (
        ("unit", "year"), ("province", "quarter"), ("unit", "month")
    )  # fmt: skip
    results = []
    for con in (None, spark_con):  # None: the default, embedded DuckDB
        assessment = assess_dossiers(path, doc, year=YEAR, calendar=CAL, con=con)
        indexes = assessment.indexes(*views)
        results.append((assessment.validation, [i.records() for i in indexes]))
    (duck_validation, duck), (spark_validation, spark) = results
    assert spark == duck
    assert sum(len(records) for records in duck) > 50
    for field in ("rows", "accepted", "rejected", "problems", "first_rows"):
        assert getattr(spark_validation, field) == getattr(duck_validation, field), field
    assert duck_validation.problems == {
        "duplicate-id": 2, "unknown-unit": 1, "bad-channel": 1, "finished-before-received": 1,
        "due-not-working-day": 1,
    }  # fmt: skip


_CODES = {"X1": "001", "X2": "002", "X3": "003", "X4": "004", "X9": "009",
          "T1": "0101", "T2": "0102", "T3": "0103"}  # fmt: skip
"""Codes that look like numbers: a reader that guesses types would turn "001" into 1."""


def _text_rows() -> list[dict[str, Any]]:
    rows = [
        dict(r, unit=_CODES[r["unit"]], procedure=_CODES[r["procedure"]])
        for r in workload(150, seed=7)
    ]
    rows.append(dict(rows[4], dossier_id=1001, channel="online"))  # bad-value:channel
    rows.append(dict(rows[5], dossier_id=1002, paid_online=2))  # bad-value:paid_online
    rows.append(dict(rows[6], dossier_id=1003, fee_total=0.5))  # bad-value:fee_total
    return rows


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_text_files_read_alike_on_pyspark(spark_con: Any, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"dossiers{suffix}"
    write_rows(_text_rows(), path)
    units = {_CODES[u]: p for u, p in UNITS.items()}
    procedures = {_CODES[p]: v for p, v in PROCEDURES.items()}
    doc = catalogue(units, procedures)
    results = []
    for con in (None, spark_con):
        assessment = assess_dossiers(path, doc, year=YEAR, calendar=CAL, con=con)
        results.append((assessment.validation, assessment.index("unit", "year").records()))
    (duck_validation, duck), (spark_validation, spark) = results
    assert spark == duck
    assert {r["key"] for r in duck} == {"001", "002", "003", "004"}
    for field in ("rows", "accepted", "rejected", "problems", "first_rows"):
        assert getattr(spark_validation, field) == getattr(duck_validation, field), field
    reasons = {r["dossier_id"]: r["reason"] for r in duck_validation.first_rows}
    assert {reasons[i] for i in (1001, 1002, 1003)} == {
        "bad-value:channel", "bad-value:paid_online", "bad-value:fee_total"
    }  # fmt: skip
    assert duck_validation.problems["bad-value"] == 3
