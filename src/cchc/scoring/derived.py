"""Inputs derived from the programme's own records: score a unit from its plan and reports.

A leaf whose node says ``derived_from`` takes its input from the monitoring of the
unit's annual plan (:func:`cchc.monitor`) instead of from the unit's own figures:

======================== =========================================== ======================
source                   input                                       for rules
======================== =========================================== ======================
plan-issued-on           the day the plan was issued                  timeliness
plan-completion-rate     tasks done / tasks not cancelled             tiers, proportional…
on-time-task-rate        done on time / (done + overdue)              tiers, proportional…
reports-on-time-rate     reports on time / reports due                tiers, proportional…
late-or-missing-reports  reports sent late or missing when due        deduction, count tiers
======================== =========================================== ======================

Leaves derived from dossier records (``dossier-on-time-rate`` and the other
``dossier-*`` sources) are filled by :func:`cchc.dossiers.dossier_inputs`, not here.

Rates are rounded half-up to 4 decimal places (0.01 %), as reports state them; the
rounding is part of the derivation, so the scored points follow from the stated rate.

>>> import datetime as dt
>>> from cchc import datasets, monitor
>>> from cchc.scoring.derived import derived_inputs
>>> framework = datasets.framework("illustrative-district")
>>> plan = datasets.huong_son_plan_2022()
>>> status = monitor(plan, as_of=dt.date(2022, 12, 31))
>>> inputs = derived_inputs(framework, plan, status)
>>> sorted(inputs)
['1.1', '1.2', '1.3']
>>> inputs["1.1"] == plan.issued_on
True
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from cchc.documents.assessment import Assessment, InputValue
from cchc.documents.framework import Framework
from cchc.documents.plan import Plan
from cchc.errors import ScoringError
from cchc.monitoring import Monitoring
from cchc.schedules import Timeliness

__all__ = ["assessment_from_records", "derived_inputs"]

_RATE_PLACES = Decimal("0.0001")


def derived_inputs(
    framework: Framework, plan: Plan, status: Monitoring, *, agency: str | None = None
) -> dict[str, InputValue]:
    """The inputs of every ``derived_from`` leaf of ``framework``, from ``plan`` and ``status``.

    Args:
        framework: The framework whose derived leaves to fill.
        plan: The unit's annual plan.
        status: ``cchc.monitor(plan, as_of=...)`` — the day judged is the status's.
        agency: Take task rates and reports of this lead agency only (default: the plan).

    Raises:
        ScoringError: ``status`` is not of ``plan``, ``agency`` leads no task, or a rate is
            undefined (no task settled, no report due yet) — never a silent zero.
    """
    if status.plan != plan.code:
        raise ScoringError(plan.unit, None, f"monitoring of plan {status.plan}, not {plan.code}")
    tally = status.total
    if agency is not None:
        found = next((t for t in status.by_agency if t.key == agency), None)
        if found is None:
            raise ScoringError(plan.unit, None, f"agency {agency} leads no task of {plan.code}")
        tally = found
    reports = [
        r
        for r in status.reports
        if (agency is None or r.agency == agency) and r.timeliness is not Timeliness.NOT_YET_DUE
    ]
    inputs: dict[str, InputValue] = {}
    for leaf in framework.leaves():
        source = leaf.derived_from
        if source is None or source.startswith("dossier-"):
            continue
        if source == "plan-issued-on":
            inputs[leaf.code] = plan.issued_on
        elif source == "late-or-missing-reports":
            inputs[leaf.code] = sum(r.timeliness is not Timeliness.ON_TIME for r in reports)
        else:
            if source == "plan-completion-rate":
                rate = tally.completion_rate
            elif source == "on-time-task-rate":
                rate = tally.on_time_rate
            else:
                on_time = sum(r.timeliness is Timeliness.ON_TIME for r in reports)
                rate = Decimal(on_time) / len(reports) if reports else None
            if rate is None:
                raise ScoringError(
                    plan.unit,
                    leaf.code,
                    f"{source} is undefined as of {status.as_of}: nothing is settled yet",
                )
            inputs[leaf.code] = rate.quantize(_RATE_PLACES, rounding=ROUND_HALF_UP)
    return inputs


def assessment_from_records(
    framework: Framework,
    plan: Plan,
    status: Monitoring,
    *,
    unit: str | None = None,
    inputs: Mapping[str, InputValue] | None = None,
    agency: str | None = None,
) -> Assessment:
    """An assessment of ``plan``'s unit for its year: derived inputs plus the ``inputs`` given.

    Raises:
        ScoringError: ``inputs`` gives a value for a derived leaf (one source per input),
            or a derivation fails (see :func:`derived_inputs`).
    """
    derived = derived_inputs(framework, plan, status, agency=agency)
    given = dict(inputs or {})
    clash = sorted(set(given) & set(derived))
    if clash:
        raise ScoringError(
            unit or plan.unit, clash[0], "this input is derived from the plan; do not give it too"
        )
    return Assessment(
        unit=unit or plan.unit,
        year=plan.year,
        framework=framework.code,
        edition=framework.edition,
        inputs={**given, **derived},
    )
