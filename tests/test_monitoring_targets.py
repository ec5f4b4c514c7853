"""Programme targets: progress along a straight trajectory, shortfall, statuses, a law."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cchc.documents.plan import Measurement
from cchc.documents.programme import Target
from cchc.monitoring import TargetStatus, expected_value, target_progress
from cchc.vocabulary import Comparator

D = dt.date


def target(comparator: Comparator, value: int, baseline: int | None = None) -> Target:
    return Target(
        code="t", indicator_vi="Chỉ tiêu", comparator=comparator, value=Decimal(value), unit="%",
        by_year=2025, baseline_value=None if baseline is None else Decimal(baseline),
        baseline_year=None if baseline is None else 2021, source="76/NQ-CP", verified=True,
    )  # fmt: skip


def measured(day: dt.date, value: str) -> Measurement:
    return Measurement(target="t", date=day, value=Decimal(value), source="s")


MID = D(2023, 12, 31)  # 730 of the 1461 days from 31/12/2021 to 31/12/2025


@pytest.mark.parametrize(
    ("comparator", "value", "baseline", "actual", "expected"),
    [
        (Comparator.AT_LEAST, 80, 40, "65", TargetStatus.ON_TRACK),  # expected 59.99
        (Comparator.AT_LEAST, 80, 40, "57", TargetStatus.AT_RISK),  # 2.99 short, band 4
        (Comparator.AT_LEAST, 80, 40, "55", TargetStatus.OFF_TRACK),
        (Comparator.AT_LEAST, 80, 40, "80", TargetStatus.ACHIEVED),
        (Comparator.AT_MOST, 10, 30, "19", TargetStatus.ON_TRACK),  # expected 20.01
        (Comparator.AT_MOST, 10, 30, "21.5", TargetStatus.AT_RISK),  # band 2
        (Comparator.AT_MOST, 10, 30, "23", TargetStatus.OFF_TRACK),
        (Comparator.AT_MOST, 10, 30, "9", TargetStatus.ACHIEVED),
        (Comparator.EQUAL, 0, 10, "5.0", TargetStatus.AT_RISK),  # expected 5.0034, band 1
        (Comparator.EQUAL, 0, 10, "0", TargetStatus.ACHIEVED),
    ],
)
def test_trajectories_in_both_directions(
    comparator: Comparator, value: int, baseline: int, actual: str, expected: TargetStatus
) -> None:
    progress = target_progress(target(comparator, value, baseline), [measured(MID, actual)], MID)
    assert progress.status is expected
    assert progress.baseline_from == "target"
    assert progress.measured_on == MID


def test_shortfall_and_expected_values() -> None:
    progress = target_progress(target(Comparator.AT_LEAST, 80, 40), [measured(MID, "57")], MID)
    assert progress.expected == Decimal("59.9863")
    assert progress.shortfall == Decimal("2.9863")
    assert expected_value(Decimal(40), D(2021, 12, 31), Decimal(80), D(2025, 12, 31),
                          D(2020, 1, 1)) == Decimal(40)  # fmt: skip


def test_no_data_baseline_from_measurements_and_the_deadline() -> None:
    goal = target(Comparator.AT_LEAST, 80)
    assert target_progress(goal, [], MID).status is TargetStatus.NO_DATA
    future = [measured(D(2024, 6, 30), "90")]
    assert target_progress(goal, future, MID).status is TargetStatus.NO_DATA
    single = target_progress(goal, [measured(MID, "30")], MID)
    assert (single.status, single.baseline_from) == (TargetStatus.ON_TRACK, "measurement")
    series = [measured(D(2022, 12, 31), "30"), measured(MID, "31")]
    assert target_progress(goal, series, MID).status is TargetStatus.OFF_TRACK
    after = target_progress(goal, [measured(MID, "79")], D(2026, 1, 1))
    assert (after.status, after.expected) == (TargetStatus.OFF_TRACK, Decimal("80.0000"))
    with pytest.raises(ValueError, match="tolerance"):
        target_progress(goal, [], MID, tolerance=Decimal(-1))


RANK = {TargetStatus.ACHIEVED: 0, TargetStatus.ON_TRACK: 1, TargetStatus.AT_RISK: 2,
        TargetStatus.OFF_TRACK: 3}  # fmt: skip


@given(
    st.sampled_from([Comparator.AT_LEAST, Comparator.AT_MOST]),
    st.decimals(0, 100, places=1),
    st.decimals(0, 100, places=1),
    st.dates(D(2022, 1, 1), D(2025, 12, 31)),
)
def test_a_better_value_never_worsens_the_status(
    comparator: Comparator, low: Decimal, high: Decimal, day: dt.date
) -> None:
    if comparator is Comparator.AT_MOST:
        low, high = high, low  # "better" is smaller
    assume(low != high)
    goal = target(comparator, 50, 20 if comparator is Comparator.AT_LEAST else 80)
    worse = target_progress(goal, [measured(day, str(min(low, high)))], day)
    better = target_progress(goal, [measured(day, str(max(low, high)))], day)
    if comparator is Comparator.AT_MOST:
        worse, better = better, worse
    assert RANK[better.status] <= RANK[worse.status]
