"""Regenerate the illustrative assessment rounds of Hương Sơn's communes (seeded).

The figures are made up, to exercise the illustrative framework end to end; the unit
names are the district's 2 townships and 23 communes before the 2025 reorganisation
(Wikipedia, "Hương Sơn district"). Run from the repository root:

    python scripts/make_illustrative_rounds.py
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path

import cchc
from cchc.documents import Appraisal, Assessment, AssessmentRound, Framework, Node
from cchc.documents.rules import (
    BinaryRule,
    CountTiersRule,
    DeductionRule,
    ManualRule,
    ProportionalRule,
    SurveyRule,
    TargetRule,
    TiersRule,
    TimelinessRule,
)
from cchc.scoring._rules import evaluate

OUT = Path(__file__).resolve().parent.parent / "src" / "cchc" / "datasets" / "data"
TOWNSHIPS = ["Phố Châu", "Tây Sơn"]
COMMUNES = [
    "An Hòa Thịnh", "Kim Hoa", "Quang Diệm", "Sơn Bằng", "Sơn Bình", "Sơn Châu", "Sơn Giang",
    "Sơn Hàm", "Sơn Hồng", "Sơn Kim 1", "Sơn Kim 2", "Sơn Lâm", "Sơn Lễ", "Sơn Lĩnh",
    "Sơn Long", "Sơn Ninh", "Sơn Phú", "Sơn Tây", "Sơn Tiến", "Sơn Trà", "Sơn Trung",
    "Sơn Trường", "Tân Mỹ Hà",
]  # fmt: skip
REASONS = [
    ("Không đủ tài liệu kiểm chứng", "Not enough supporting evidence"),
    ("Số liệu tự đánh giá chưa khớp báo cáo", "Self-assessed figures do not match the reports"),
    ("Kế hoạch ban hành sau thời hạn", "Plan issued after the deadline"),
]


def slug(name: str) -> str:
    return cchc.fold(name).replace(" ", "-")


def draw_input(rng: random.Random, node: Node, year: int, skill: float) -> object:
    rule = node.rule

    def rate() -> Decimal:
        value = min(1.0, max(0.0, rng.gauss(skill, 0.08)))
        return Decimal(str(round(value, 4)))

    if isinstance(rule, BinaryRule):
        return rng.random() < skill
    if isinstance(rule, TiersRule):
        if rule.on == "value":
            return Decimal(str(round(rng.gauss(100 * skill + 5, 8), 1)))
        return rate()
    if isinstance(rule, ProportionalRule | TargetRule):
        return rate()
    if isinstance(rule, CountTiersRule):
        return rng.choice([1, 2, 2, 3, 3, 4, 4, 4])
    if isinstance(rule, DeductionRule):
        return rng.choice([0, 0, 0, 1, 1, 2, 3])
    if isinstance(rule, TimelinessRule):
        if rng.random() < 0.05:
            return "missing"
        return rule.deadline(year) + dt.timedelta(days=rng.randint(-25, 10))
    if isinstance(rule, SurveyRule):
        return Decimal(str(round(min(100.0, rng.gauss(85 * skill + 10, 4)), 2)))
    assert isinstance(rule, ManualRule)
    return Decimal(str(round(float(node.max_points) * min(1.0, rng.gauss(skill, 0.1)), 1)))


def make_round(framework: Framework, year: int, seed: int) -> AssessmentRound:
    rng = random.Random(seed)
    assessments = []
    for name in TOWNSHIPS + COMMUNES:
        # A unit's level is stable from year to year; each year adds a little noise.
        base = random.Random(f"skill:{name}").uniform(0.72, 0.96)
        skill = min(0.99, max(0.6, base + rng.gauss(0, 0.03)))
        inputs: dict[str, object] = {}
        self_points: dict[str, Decimal] = {}
        appraisals: dict[str, Appraisal] = {}
        for leaf in framework.leaves():
            if leaf.may_be_not_applicable and rng.random() < 0.15:
                inputs[leaf.code] = None
                continue
            value = draw_input(rng, leaf, year, skill)
            inputs[leaf.code] = value
            points = framework.quantize(
                evaluate(framework, leaf, value, unit=slug(name), year=year).points  # type: ignore[arg-type]
            )
            claimed = points
            if points < leaf.max_points and rng.random() < 0.25:
                claimed = leaf.max_points  # the unit over-scores itself
            self_points[leaf.code] = claimed
            if claimed != points or rng.random() < 0.03:
                reason_vi, _ = rng.choice(REASONS)
                appraisals[leaf.code] = Appraisal(
                    points=points, reason=reason_vi, appraiser="Phòng Nội vụ huyện Hương Sơn"
                )
        assessments.append(
            Assessment.model_validate(
                {
                    "unit": slug(name),
                    "unit_name_vi": ("Thị trấn " if name in TOWNSHIPS else "Xã ") + name,
                    "year": year,
                    "framework": framework.code,
                    "edition": framework.edition,
                    "inputs": inputs,
                    "self_points": self_points,
                    "appraisals": appraisals,
                }
            )
        )
    return AssessmentRound(
        code=f"huong-son-communes-{year}",
        framework=framework.code,
        edition=framework.edition,
        year=year,
        illustrative=True,
        assessments=tuple(assessments),
    )


def main() -> None:
    framework = cchc.datasets.framework("illustrative-district")
    for year, seed in ((2023, 2023), (2024, 2024)):
        path = cchc.dump(make_round(framework, year, seed), OUT / f"huong-son-communes-{year}.json")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
