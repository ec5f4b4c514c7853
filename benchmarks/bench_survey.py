"""Survey aggregation: cchc's columnar path against the numpy SIPAS reference, same run.

Run: python benchmarks/bench_survey.py [--responses N] [--units U] [--repeat R]

The reference (``survey_reference.py``) is found in ``$CCHC_BENCH_REFERENCES`` or
``../shared/bench`` next to the project. Both sides get the reference's workload
(1,000,000 responses x 20 items, 500 units, seed 11): cchc wraps the same arrays
in a ``ResponseMatrix`` (inside the timed call) for a 5-factor x 4-item
questionnaire with answers 4 and 5 satisfied, and runs ``survey_results``. Timings
alternate and the median of R runs is kept.

Every factor index, Wilson bound and overall index must equal the reference's to
1e-9; the run fails (exit 1) on a mismatch or when cchc is more than 3x slower.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Any

import numpy as np
from _references import load

from cchc.documents.survey import Questionnaire
from cchc.surveys import ResponseMatrix, SurveyResults, survey_results

TARGET = 3.0
TOLERANCE = 1e-9


def questionnaire(items: int, factors: int) -> Questionnaire:
    per = items // factors
    return Questionnaire.model_validate(
        {
            "code": "bench-sipas",
            "title_vi": "Phiếu khảo sát chuẩn (benchmark)",
            "source": "2640/QĐ-BNV",
            "factors": [
                {"code": f"F{f + 1}", "title_vi": f"Yếu tố {f + 1}"} for f in range(factors)
            ],
            "items": [
                {"code": f"Q{j + 1}", "factor": f"F{j // per + 1}", "text_vi": f"Câu {j + 1}"}
                for j in range(items)
            ],
            "scale": [{"value": v, "label_vi": str(v), "label_en": str(v)} for v in range(1, 6)],
            "satisfied": [4, 5],
        }
    )


def run_cchc(q: Questionnaire, unit: Any, answers: Any, labels: tuple[str, ...]) -> SurveyResults:
    matrix = ResponseMatrix(
        items=tuple(i.code for i in q.items), answers=answers, units=unit, unit_labels=labels
    )
    return survey_results(q, matrix)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    ref = load("survey_reference")
    unit, answers = ref.make_workload(args.responses, args.units)
    q = questionnaire(ref.ITEMS, ref.FACTORS)
    # Zero-padded labels sort like the codes, so groups come out in the reference's order.
    labels = tuple(f"u{i:06d}" for i in range(args.units))

    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        expected = ref.aggregate(unit, answers, args.units)
        theirs.append(time.perf_counter() - start)
        start = time.perf_counter()
        results = run_cchc(q, unit, answers, labels)
        ours.append(time.perf_counter() - start)

    present = np.flatnonzero(np.bincount(unit, minlength=args.units))
    assert results.keys == tuple((labels[u],) for u in present)
    factor = results.arrays("factor")
    checks = {
        "factor index": (factor["index"], expected["factor_index"][present]),
        "Wilson low": (factor["low"], expected["low"][present]),
        "Wilson high": (factor["high"], expected["high"][present]),
        "overall index": (results.arrays("overall")["index"], expected["overall"][present]),
    }
    ok = True
    for name, (got, want) in checks.items():
        worst = float(np.max(np.abs(got - want)))
        same = got.shape == want.shape and worst <= TOLERANCE
        ok &= same
        print(f"{name:14} max |cchc - reference| = {worst:.2e}  {'ok' if same else 'MISMATCH'}")

    ours_ms = statistics.median(ours) * 1000
    theirs_ms = statistics.median(theirs) * 1000
    ratio = ours_ms / theirs_ms
    fast = ratio <= TARGET
    print(
        f"survey       cchc {ours_ms:7.1f} ms / numpy reference {theirs_ms:7.1f} ms"
        f" = {ratio:4.2f}x  ({args.responses:,} responses x {ref.ITEMS} items,"
        f" {args.units} units; target <= {TARGET:g}x)  {'ok' if fast else 'MISSED'}"
    )
    return 0 if ok and fast else 1


if __name__ == "__main__":
    sys.exit(main())
