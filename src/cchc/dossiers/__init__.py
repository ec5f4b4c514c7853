"""Dossier records and the Decision 766/QĐ-TTg service-delivery index.

Decision 766/QĐ-TTg (2022-06-23) scores ministries, provinces and communes in real time
from the administrative-procedure dossiers (hồ sơ thủ tục hành chính) synchronised to the
National Public Service Portal. This package reads such records in bulk — Parquet, CSV or
JSON lines, named after the portal's sync fields (:data:`DOSSIER_COLUMNS`) — checks every
row against a :class:`~cchc.documents.ProcedureCatalogue` and the working-day calendar,
and computes the indicators per unit or province, by year, quarter or month:

- :func:`assess_dossiers` — one scan: each row accepted or rejected with its reasons
  (:data:`PROBLEMS`; counts, first rows and a rejected-rows file — nothing dropped
  silently), the accepted ones counted per unit and month of receipt;
- :meth:`DossierAssessment.index` — counts, the five rates (exact, half-up percentages),
  the points of the scored criteria (:data:`DECISION_766_CRITERIA`), total, maximum and
  competition rank, as :class:`ServiceIndex` rows of exact decimals;
- :func:`dossier_inputs` — a unit's rates as inputs of PAR framework criteria;
  :func:`unit_results` — a year's results for accountability policies;
  :func:`reference_json` — the results in the benchmark reference's layout.

The queries are ibis expressions on embedded DuckDB by default; pass ``con=`` any ibis
backend (the same expressions run on PySpark). Needs the ``dossiers`` extra:
``pip install "cchc[dossiers]"``. The rules are in ``docs/dossiers.md``.

>>> import datetime as dt
>>> import pyarrow as pa
>>> from cchc.documents import ProcedureCatalogue
>>> catalogue = ProcedureCatalogue(
...     code="demo",
...     procedures=[{"code": "TT1", "legal_days": 3, "fee_bearing": True}],
...     units=[{"code": "X1", "province": "P1"}],
... )
>>> rows = {"dossier_id": [1, 2], "unit": ["X1", "X1"], "procedure": ["TT1", "TT1"],
...         "channel": [2, 1], "received_on": [dt.date(2025, 3, 3)] * 2,
...         "due_on": [dt.date(2025, 3, 6)] * 2,
...         "finished_on": [dt.date(2025, 3, 5), dt.date(2025, 3, 10)],
...         "supplement_days": [0, 0], "supplement_requests": [0, 0],
...         "paid_online": [True, False], "fee_total": [10000, 10000],
...         "digitised": [True, True], "e_result": [True, False]}
>>> assessment = assess_dossiers(pa.table(rows), catalogue, year=2025)
>>> row = assessment.index("unit").row("X1")
>>> row.rates["on_time"], row.points["on_time"], row.total, row.max_points
(Decimal('50.00'), Decimal('10.00'), Decimal('29.33'), Decimal('42.00'))
"""

from __future__ import annotations

from importlib.util import find_spec as _find_spec

from cchc.errors import MissingExtraError as _MissingExtraError

if _find_spec("pyarrow") is None:  # the results are Arrow tables; ibis is imported when used
    raise _MissingExtraError("dossiers", "pyarrow")

from cchc.documents.catalogue import ProcedureCatalogue
from cchc.dossiers._assess import DossierAssessment, assess_dossiers
from cchc.dossiers._export import reference_json
from cchc.dossiers._feed import dossier_inputs, unit_results
from cchc.dossiers._index import Level, PeriodKind
from cchc.dossiers._read import read_dossiers
from cchc.dossiers._rules import COUNTS, DECISION_766_CRITERIA, RATES, Criterion, RateName
from cchc.dossiers._schema import DOSSIER_COLUMNS, PROBLEMS, Column, Problem
from cchc.dossiers._validate import Validation
from cchc.dossiers._values import IndicatorRow, ServiceIndex
from cchc.errors import DossierError

__all__ = [
    "COUNTS",
    "DECISION_766_CRITERIA",
    "DOSSIER_COLUMNS",
    "PROBLEMS",
    "RATES",
    "Column",
    "Criterion",
    "DossierAssessment",
    "DossierError",
    "IndicatorRow",
    "Level",
    "PeriodKind",
    "Problem",
    "ProcedureCatalogue",
    "RateName",
    "ServiceIndex",
    "Validation",
    "assess_dossiers",
    "dossier_inputs",
    "read_dossiers",
    "reference_json",
    "unit_results",
]
