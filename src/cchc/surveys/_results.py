"""Survey results: estimates per item, factor and overall, by group."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

import attrs
import numpy as np

from cchc._display import Column, LazyRows, block, data_frame, html_table, paragraph
from cchc.errors import NotFoundError

if TYPE_CHECKING:
    import pandas as pd
    from numpy.typing import NDArray

    from cchc.documents.survey import Questionnaire

Overall = Literal["mean-of-factors", "pooled"]
Level = Literal["item", "factor", "overall"]
_MAYBE = ("index", "low", "high", "mean_score")


@attrs.frozen
class Estimate:
    """One index with its interval and the counts behind it (floats; ``None`` when undefined).

    Attributes:
        code: The item or factor code, or ``"overall"``.
        index: Satisfied share of valid answers × 100, in [0, 100].
        low: Lower bound of the interval, × 100.
        high: Upper bound of the interval, × 100.
        mean_score: Mean of the valid answers' scale values.
        valid: Valid answers counted (unweighted).
        missing: Explicit no-answers (unweighted).
        respondents: Responses with at least one valid answer counted here.
        effective_n: Kish's effective number of answers (``valid`` when unweighted).
        interval: ``"wilson"``, ``"wilson-kish"``, ``"bootstrap"`` or ``None``.
    """

    code: str
    index: float | None
    low: float | None
    high: float | None
    mean_score: float | None
    valid: int
    missing: int
    respondents: int
    effective_n: float
    interval: str | None

    def as_dict(self) -> dict[str, object]:
        """The estimate as plain JSON-ready data."""
        return attrs.asdict(self)


@attrs.frozen
class GroupResult:
    """The results of one group: per item, per factor and overall.

    Attributes:
        key: The group's labels, in the order of ``by`` (``None``: no service given).
        responses: Responses in the group.
        items: One estimate per item, in the questionnaire's order.
        factors: One estimate per factor, in the questionnaire's order.
        overall: The overall index.
        overall_method: How the overall index was made: ``"mean-of-factors"`` or ``"pooled"``.
    """

    key: tuple[str | None, ...]
    responses: int
    items: tuple[Estimate, ...]
    factors: tuple[Estimate, ...]
    overall: Estimate
    overall_method: Overall

    def item(self, code: str) -> Estimate:
        """The estimate of one item.

        Raises:
            NotFoundError: No item has that code.
        """
        return _find(self.items, code, "item")

    def factor(self, code: str) -> Estimate:
        """The estimate of one factor.

        Raises:
            NotFoundError: No factor has that code.
        """
        return _find(self.factors, code, "factor")


def _find(estimates: tuple[Estimate, ...], code: str, kind: str) -> Estimate:
    for estimate in estimates:
        if estimate.code == code:
            return estimate
    raise NotFoundError(kind, code, [e.code for e in estimates][:30])


@attrs.frozen(eq=False)
class SurveyResults:
    """Results of :func:`survey_results`: numpy tables, with objects built on first use.

    Attributes:
        questionnaire: The questionnaire answered.
        by: The grouping dimensions.
        confidence: The confidence level of the intervals.
        overall_method: ``"mean-of-factors"`` or ``"pooled"``.
        keys: The groups' keys, sorted (``None`` first).
        responses: Responses per group.
    """

    questionnaire: Questionnaire
    by: tuple[str, ...]
    confidence: float
    overall_method: Overall
    keys: tuple[tuple[str | None, ...], ...]
    responses: NDArray[np.int64]
    _tables: Mapping[Level, Mapping[str, NDArray[Any]]] = attrs.field(repr=False, alias="tables")
    _intervals: Mapping[Level, str | None] = attrs.field(repr=False, alias="intervals")

    def __len__(self) -> int:
        return len(self.keys)

    def arrays(self, level: Level = "factor") -> Mapping[str, NDArray[Any]]:
        """The raw (read-only) numpy tables of one level, for fast consumers.

        ``"item"`` and ``"factor"`` arrays are (groups × codes), ``"overall"`` ones
        (groups,), in the order of :attr:`keys` and of the questionnaire; NaN where
        an estimate is undefined. Names: ``index low high mean_score effective_n
        valid missing respondents``.
        """
        return self._tables[level]

    @cached_property
    def groups(self) -> tuple[GroupResult, ...]:
        """Every group's results, in the order of :attr:`keys`."""
        item_codes = [i.code for i in self.questionnaire.items]
        factor_codes = [f.code for f in self.questionnaire.factors]
        items = _rows(self._tables["item"], item_codes, self._intervals["item"])
        factors = _rows(self._tables["factor"], factor_codes, self._intervals["factor"])
        overall = _rows(self._tables["overall"], ["overall"], self._intervals["overall"])
        return tuple(
            GroupResult(key, int(n), tuple(i), tuple(f), o[0], self.overall_method)
            for key, n, i, f, o in zip(
                self.keys, self.responses.tolist(), items, factors, overall, strict=True
            )
        )

    def group(self, *key: str | None) -> GroupResult:
        """The results of the group with this key, e.g. ``group("xa-a")``.

        Raises:
            NotFoundError: No response falls in that group.
        """
        try:
            return self.groups[self.keys.index(tuple(key))]
        except ValueError:
            known = [" / ".join(str(k) for k in key) for key in self.keys[:20]]
            raise NotFoundError("group", " / ".join(map(str, key)), known) from None

    def records(self, level: Level | Literal["all"] = "factor") -> list[dict[str, object]]:
        """One plain dict per group and code of ``level`` (``"all"``: every level)."""
        levels: tuple[Level, ...] = ("item", "factor", "overall") if level == "all" else (level,)
        rows: list[dict[str, object]] = []
        for group in self.groups:
            head: dict[str, object] = dict(zip(self.by, group.key, strict=True))
            for name in levels:
                chosen = {"item": group.items, "factor": group.factors}.get(name, (group.overall,))
                rows.extend({**head, "level": name, **e.as_dict()} for e in chosen)
        return rows

    def to_markdown(
        self, level: Level = "factor", *, lang: Literal["vi", "en"] = "vi", digits: int = 1
    ) -> str:
        """A Markdown table: one row per group and code (factors end with the overall row)."""
        titles = {
            i.code: i.label_en if lang == "en" else i.label_vi for i in self.questionnaire.items
        }
        titles.update(
            {f.code: f.label_en if lang == "en" else f.label_vi for f in self.questionnaire.factors}
        )
        titles["overall"] = "Overall" if lang == "en" else "Chung"
        level_name = f"{self.confidence * 100:g}% CI"
        head = [*self.by, "code", "title", "index", level_name, "n", "missing"]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for record in self.records("all"):
            if record["level"] != level and not (
                level == "factor" and record["level"] == "overall"
            ):
                continue
            low, high = record["low"], record["high"]
            ci = "–" if low is None else f"{_fmt(low, digits)}–{_fmt(high, digits)}"
            cells = [
                *("" if record[b] is None else str(record[b]) for b in self.by),
                str(record["code"]),
                titles[str(record["code"])],
                _fmt(record["index"], digits),
                ci,
                str(record["valid"]),
                str(record["missing"]),
            ]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        return "\n".join(lines) + "\n"

    def to_pandas(self, level: Level | Literal["all"] = "factor") -> pd.DataFrame:
        """:meth:`records` of ``level`` as a ``pandas.DataFrame`` (needs the ``dataframe`` extra).

        Raises:
            MissingExtraError: pandas is not installed.
        """
        columns = [*self.by, "level", *(f.name for f in attrs.fields(Estimate))]
        return data_frame(self.records(level), columns=columns)

    def _repr_html_(self) -> str:
        """One row per group: responses, the overall index with its interval, each factor's."""
        factors = self.questionnaire.factors
        ci = f"{self.confidence * 100:g}%"
        columns = [
            *(Column(*_BY_HEADERS.get(b, (b, b))) for b in self.by),
            Column("Số phiếu", "Responses", numeric=True),
            Column("Chung", "Overall", numeric=True),
            Column(f"Khoảng tin cậy {ci}", f"{ci} CI", numeric=True),
            *(Column(f.label_vi, f.label_en, numeric=True) for f in factors),
        ]
        overall, by_factor = self._tables["overall"], self._tables["factor"]
        responses = self.responses.tolist()

        def cells(g: int) -> list[object]:
            low, high = float(overall["low"][g]), float(overall["high"][g])
            interval = None if math.isnan(low) else f"{low:.1f}–{high:.1f}"
            indices = np.asarray(by_factor["index"]).reshape(len(self.keys), len(factors))[g]
            return [
                *self.keys[g],
                responses[g],
                float(overall["index"][g]),
                interval,
                *(float(v) for v in indices),
            ]

        title = f"{self.questionnaire.title_vi} — chỉ số hài lòng / satisfaction index"
        table = html_table(columns, LazyRows(len(self.keys), cells))
        return block(paragraph(title, strong=True), table)


_BY_HEADERS = {
    "unit": ("Đơn vị", "Unit"),
    "service": ("Dịch vụ", "Service"),
    "respondent_type": ("Đối tượng", "Respondent type"),
}


def _fmt(value: object, digits: int) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _rows(
    table: Mapping[str, NDArray[Any]], codes: Sequence[str], interval: str | None
) -> list[list[Estimate]]:
    groups = len(table["index"])
    lists = {name: np.asarray(a).reshape(groups, len(codes)).tolist() for name, a in table.items()}
    result = []
    for g in range(groups):
        row = []
        for k, code in enumerate(codes):
            index = lists["index"][g][k]
            shown = {n: None if math.isnan(v := lists[n][g][k]) else v for n in _MAYBE}
            row.append(
                Estimate(
                    code=code,
                    **shown,
                    valid=int(lists["valid"][g][k]),
                    missing=int(lists["missing"][g][k]),
                    respondents=int(lists["respondents"][g][k]),
                    effective_n=lists["effective_n"][g][k],
                    interval=None if math.isnan(index) or shown["low"] is None else interval,
                )
            )
        result.append(row)
    return result
