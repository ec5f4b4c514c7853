"""The target ``score``: frameworks and assessments changed, scored card by card and in a batch."""

from __future__ import annotations

import decimal
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import cchc.io
from cchc import datasets
from cchc.documents import Assessment, Framework
from cchc.errors import CchcError
from cchc.scoring import score_round
from cchc.scoring.batch import score_table
from cchc.scoring.table import RoundTable

from .corpus import Corpus, Rounds
from .mutate import py_value
from .outcomes import Case, Recorder, short
from .tree import DELETE, Json, Where, get, put
from .values import DATES, NUMBERS, PY_VALUES, STRING_NUMBERS


def _with_leaf_max(framework: Json, leaf: Where, value: Json) -> Json:
    """The framework with a leaf's maximum changed and, where the sums allow, every sum above."""
    out = put(framework, (*leaf, "max_points"), value)
    try:
        delta = Decimal(value) - Decimal(get(framework, leaf)["max_points"])
        for end in range(2, len(leaf), 2):
            above = (*leaf[:end], "max_points")
            out = put(out, above, str(Decimal(get(out, above)) + delta))
        return put(out, ("max_points",), str(Decimal(out["max_points"]) + delta))
    except (decimal.DecimalException, TypeError, ValueError):
        return out


_RULE_KEYS = (
    "late",
    "on_time",
    "when_true",
    "when_false",
    "per_event",
    "target",
    "otherwise",
    "month",
    "day",
    "year_offset",
)
_TIER_KEYS = ("threshold", "fraction", "points", "at_least", "inclusive")


def mutate_framework(rng: random.Random, rounds: Rounds) -> tuple[Json, list[str]]:
    """The framework's data with 1-2 maxima, rule parameters or settings changed."""
    data, notes = rounds.data, []
    for _ in range(rng.choice((1, 1, 2))):
        leaf = rng.choice(rounds.leaves)
        roll = rng.random()
        value = _score_value(rng) if rng.random() < 0.6 else rng.choice(NUMBERS)
        if roll < 0.45:
            notes.append(f"{list(leaf)}.max_points = {short(value)} (sums kept)")
            data = _with_leaf_max(data, leaf, value)
            continue
        if roll < 0.8:
            rule = get(data, leaf)["rule"]
            keys = [k for k in _RULE_KEYS if k in rule] or ["kind"]
            if "tiers" in rule and (rng.random() < 0.7 or keys == ["kind"]):
                i = rng.randrange(len(rule["tiers"]))
                key = rng.choice([k for k in _TIER_KEYS if k in rule["tiers"][i]] or ["points"])
                where: Where = (*leaf, "rule", "tiers", i, key)
            else:
                where = (*leaf, "rule", rng.choice(keys))
        else:
            key = rng.choice(("places", "rounding", "max_points", "bands", "edition"))
            if key == "bands" and data.get("bands"):
                where = ("bands", rng.randrange(len(data["bands"])), "min_index")
            else:
                where = (key,)
            if key == "places":
                value = rng.choice((0, 1, 6, 7, -1, "2", 2.5, True, None, 10**30))
        notes.append(f"{list(where)} = {short(value)}")
        data = put(data, where, value)
    return data, notes


_SCORE_VALUES: tuple[Json, ...] = (
    *NUMBERS,
    *STRING_NUMBERS,
    *DATES,
    *(v for v in PY_VALUES if isinstance(v, int | float)),
    None,
    "missing",
    "",
    "\ud800",
)
"""Values for an input or points: numbers, dates and the like, rarely a wrong structure."""


def _score_value(rng: random.Random) -> Json:
    roll = rng.random()
    if roll < 0.15:
        return rng.choice(("0.95", "1", "0", "0.5", "100", "87.25", "2024-12-31", True, 3, 0))
    if roll < 0.3:
        digits = rng.randint(1, 12)
        return f"0.{rng.randrange(10**digits):0{digits}d}"
    if roll < 0.4:
        digits = rng.randint(29, 60)
        return f"{rng.choice(('0', '1', '99'))}.{rng.randrange(10**digits):0{digits}d}"
    if roll < 0.9:
        return rng.choice(_SCORE_VALUES)
    return py_value(rng, objects=False)


def mutate_assessment(
    rng: random.Random, item: Json, codes: Sequence[str]
) -> tuple[Json, list[str]]:
    """An assessment's data with 1-3 inputs, points or fields changed."""
    notes = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        code = rng.choice(codes)
        value = _score_value(rng)
        roll = rng.random()
        if roll < 0.5:
            where: Where = ("inputs", code)
        elif roll < 0.65:
            where = ("self_points", code)
        elif roll < 0.8:
            where = ("appraisals", code)
            if rng.random() < 0.8:
                value = {"points": value, "reason": rng.choice(("x", "\ud800", "", None))}
        elif roll < 0.85:
            notes.append(f"inputs.{code} removed")
            item = put(item, ("inputs", code), DELETE)
            continue
        elif roll < 0.88:
            where = ("inputs", rng.choice(("9.9", "", "\ud800", "1.1 ")))
        else:
            where = (rng.choice(("year", "unit", "edition", "framework", "inputs", "evidence")),)
        if len(where) > 1 and not isinstance(item.get(where[0]), dict):
            item = put(item, where[:1], {})
        notes.append(f"{'.'.join(map(str, where))} = {short(value)}")
        item = put(item, where, value)
    return item, notes


@dataclass(frozen=True)
class ScorePlan:
    """A framework (built-in, or data to validate) and assessments as data."""

    framework: str
    framework_data: Json | None
    assessments: tuple[Json, ...]
    notes: tuple[str, ...]


def make_score_plan(rng: random.Random, corpus: Corpus) -> ScorePlan:
    rounds = corpus.rounds[-1] if rng.random() < 0.7 else rng.choice(corpus.rounds)
    notes: list[str] = [rounds.name]
    data = None
    if rng.random() < 0.3:
        data, more = mutate_framework(rng, rounds)
        notes += more
    codes = [get(rounds.data, leaf)["code"] for leaf in rounds.leaves]
    picked = rng.sample(rounds.assessments, rng.choice((1, 1, 2, 3)))
    items = []
    for k, base in enumerate(picked):
        item = base
        if k == 0 or rng.random() < 0.3:
            item, more = mutate_assessment(rng, base, codes)
            notes += [f"#{k} {note}" for note in more]
        items.append({"type": "assessment", **item})
    if len(items) > 1 and rng.random() < 0.05:
        items[1] = {**items[1], "unit": items[0]["unit"]}
        notes.append("#1 has #0's unit")
    return ScorePlan(rounds.name, data, tuple(items), tuple(notes))


def _card_path(framework: Framework, items: Sequence[Assessment]) -> object:
    ranking = score_round(framework, items)
    for card in ranking.cards:
        card.explain("en")
        card.records()
    ranking.to_markdown("vi")
    ranking.records()
    return ranking.rows


def _batch_path(framework: Framework, items: Sequence[Assessment]) -> object:
    return score_table(RoundTable.from_assessments(framework, items)).rows


def _batch_refusal(error: BaseException | None) -> bool:
    return isinstance(error, CchcError) and "cchc.score" in str(error)


def run_score(plan: ScorePlan, rec: Recorder) -> None:
    def build() -> tuple[Framework, list[Assessment]]:
        framework = (
            datasets.framework(plan.framework)
            if plan.framework_data is None
            else cchc.io.validate(plan.framework_data, name="<framework>")
        )
        items = [
            cchc.io.validate(a, name=f"<assessment {k}>") for k, a in enumerate(plan.assessments)
        ]
        if not isinstance(framework, Framework):
            raise TypeError(f"built a {type(framework).__name__}, not a Framework")
        return framework, [a for a in items if isinstance(a, Assessment)]

    built = rec.call("score:build", build)
    if built.value is None:
        return
    framework, items = built.value
    card = rec.call("score:card", lambda: _card_path(framework, items))
    batch = rec.call("score:batch", lambda: _batch_path(framework, items))
    if card.ok and batch.ok:
        if card.value == batch.value:
            rec.add("score:agree", "ok", True)
        else:
            rec.add("score:agree", "rows differ", False, f"{card.value!r} != {batch.value!r}")
    elif card.ok and not _batch_refusal(batch.error):
        rec.add("score:agree", "batch refused what score took", False, str(batch.error))
    elif batch.ok:
        rec.add("score:agree", "batch took what score refused", False, str(card.error))
    else:
        rec.add("score:agree", "ok", True)


def make_score(rng: random.Random, corpus: Corpus) -> Case:
    plan = make_score_plan(rng, corpus)
    shown = {"framework": plan.framework_data or plan.framework, "assessments": plan.assessments}
    return Case("; ".join(plan.notes), shown, lambda rec, env: run_score(plan, rec))
