"""Bulk working-day arithmetic: cchc against the numpy reference, measured in the same run.

Run: python benchmarks/bench_calendar.py [--n 1000000] [--repeat 5]

Both compute the same deadlines (received dates 2022–2025, 1 to 30 working days) with
the reference's own inputs. The cchc timing includes building ``VietnamCalendar()``
each time, as the reference builds its calendar each time. Prints the medians and
their ratio; exit status 1 when cchc is more than 3x slower or any date differs.

The reference is ``calendar_reference.py`` in ``../shared/bench`` next to the project,
or in the folder named by the environment variable ``CCHC_BENCH_REFERENCES``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np
from _references import load

from cchc.calendar import VietnamCalendar

TARGET = 3.0


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    reference = load("calendar_reference")
    received, days = reference.make_inputs(args.n)
    years = range(2022, 2026)

    want = reference.add_working_days(received, days, years)
    got = VietnamCalendar().add_working_days_many(received, days)  # warms the holiday table
    differ = int(np.count_nonzero(got != want))

    theirs = median_seconds(lambda: reference.add_working_days(received, days, years), args.repeat)
    ours = median_seconds(
        lambda: VietnamCalendar().add_working_days_many(received, days), args.repeat
    )
    ratio = ours / theirs
    ok = ratio <= TARGET and differ == 0
    print(
        f"working days  {args.n} deadlines: cchc {ours * 1e3:7.1f} ms / numpy reference"
        f" {theirs * 1e3:7.1f} ms = {ratio:4.2f}x  (target <= {TARGET:g}x);"
        f" {differ} dates differ  {'ok' if ok else 'MISSED'}"
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
