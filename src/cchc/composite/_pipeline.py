"""The whole index, step by step: impute → treat → normalise → aggregate → rank.

Every step's table is kept in the :class:`CompositeResult`, as COINr keeps its
``Raw``, ``Imputed``, ``Treated``, ``Normalised`` and ``Aggregated`` data sets.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import numpy as np

from cchc.composite._aggregate import AGGREGATIONS, Aggregation, weighted_mean
from cchc.composite._checks import is_number, is_whole
from cchc.composite._data import IndicatorData, ScoreTable
from cchc.composite._impute import ByColumn, ByGroup, ByRow, Imputation, ImputationRecord, impute
from cchc.composite._normalise import NORMALISATIONS, MinMax, Normalisation, normalise_column
from cchc.composite._ranks import competition_ranks
from cchc.composite._rounding import published
from cchc.composite._treat import TreatmentRecord, Winsorise, treat_column
from cchc.composite._tree import IndexTree
from cchc.errors import CompositeError

__all__ = ["CompositeResult", "CompositeSpec", "ResultsRow", "build_index"]


def _frozen_map(value: Mapping[Any, Any]) -> dict[Any, Any]:
    if not isinstance(value, Mapping):
        raise CompositeError("expected a mapping (a dict)", value=value)
    return dict(value)


_IMPUTATIONS = (ByColumn, ByGroup, ByRow)
_KINDS: dict[str, tuple[tuple[type, ...], str, bool]] = {
    "normalisation": (NORMALISATIONS, "MinMax, ZScore, RankScale, Goalposts or Unchanged", False),
    "imputation": (_IMPUTATIONS, "ByColumn, ByGroup, ByRow or None", True),
    "treatment": ((Winsorise,), "Winsorise or None", True),
}


def _check_method(field: str, kind: str, method: object) -> None:
    types, names, optional = _KINDS[kind]
    if method is None and optional:
        return
    if not isinstance(method, types):
        raise CompositeError(f"{field} must be {names}", value=method)


@attrs.frozen
class CompositeSpec:
    """How to build an index: the method of each step, per node where it matters.

    Attributes:
        normalisation: Method for every indicator (default: min-max to [0, 100]).
        normalisation_by_indicator: Exceptions, by indicator code.
        aggregation: Mean for every aggregate (default arithmetic).
        aggregation_by_level: Exceptions by the aggregate's level (2 = pillars …).
        aggregation_by_node: Exceptions by aggregate code (win over levels).
        imputation: Policy for missing raw values of every indicator (``None``: leave
            them missing, and aggregation drops them).
        imputation_by_indicator: Exceptions, by indicator code (``None``: no imputation).
        treatment: Outlier treatment of every indicator's values, or ``None``.
        treatment_by_indicator: Exceptions, by indicator code (``None``: untreated; COINr
            ``indiv_specs``).
        min_coverage: A unit with a smaller share of an aggregate's children gets no
            score for it (COINr ``dat_thresh``); ``None`` for no threshold.
        index_digits: Round the published index (and only it) to this many decimals;
            ranks still come from the unrounded scores.
    """

    normalisation: Normalisation = attrs.field(factory=MinMax)
    normalisation_by_indicator: Mapping[str, Normalisation] = attrs.field(
        factory=dict, converter=_frozen_map
    )
    aggregation: Aggregation = "arithmetic"
    aggregation_by_level: Mapping[int, Aggregation] = attrs.field(
        factory=dict, converter=_frozen_map
    )
    aggregation_by_node: Mapping[str, Aggregation] = attrs.field(
        factory=dict, converter=_frozen_map
    )
    imputation: Imputation | None = None
    imputation_by_indicator: Mapping[str, Imputation | None] = attrs.field(
        factory=dict, converter=_frozen_map
    )
    treatment: Winsorise | None = None
    treatment_by_indicator: Mapping[str, Winsorise | None] = attrs.field(
        factory=dict, converter=_frozen_map
    )
    min_coverage: float | None = None
    index_digits: int | None = None

    def __attrs_post_init__(self) -> None:
        for kind in _KINDS:
            _check_method(kind, kind, getattr(self, kind))
            for code, method in getattr(self, f"{kind}_by_indicator").items():
                if not isinstance(code, str):
                    raise CompositeError(
                        f"{kind}_by_indicator: keys are indicator codes", value=code
                    )
                _check_method(f"{kind}_by_indicator[{code!r}]", kind, method)
        for level in self.aggregation_by_level:
            if not is_whole(level):
                raise CompositeError(
                    "aggregation_by_level: keys are levels (whole numbers, 2 = pillars)",
                    value=level,
                )
        for where, method in [
            ("aggregation", self.aggregation),
            *self.aggregation_by_level.items(),
            *self.aggregation_by_node.items(),
        ]:
            if isinstance(method, bool) or method not in AGGREGATIONS:
                raise CompositeError(
                    f"unknown aggregation for {where} (expected one of {', '.join(AGGREGATIONS)})",
                    value=method,
                )
        if self.min_coverage is not None and (
            not is_number(self.min_coverage) or not 0 <= self.min_coverage <= 1
        ):
            raise CompositeError(
                "min_coverage must be a number between 0 and 1, or None", value=self.min_coverage
            )
        if self.index_digits is not None and (
            not is_whole(self.index_digits) or not 0 <= self.index_digits <= 15
        ):
            raise CompositeError(
                "index_digits must be a whole number from 0 to 15, or None",
                value=self.index_digits,
            )

    def check(self, tree: IndexTree) -> None:
        """Raise :class:`CompositeError` for an exception that names no node of ``tree``."""
        indicators, aggregates = set(tree.indicators), set(tree.aggregates)
        for field, codes, known, what in [
            (
                "normalisation_by_indicator",
                self.normalisation_by_indicator,
                indicators,
                "an indicator",
            ),
            ("imputation_by_indicator", self.imputation_by_indicator, indicators, "an indicator"),
            ("treatment_by_indicator", self.treatment_by_indicator, indicators, "an indicator"),
            ("aggregation_by_node", self.aggregation_by_node, aggregates, "an aggregate"),
        ]:
            for code in codes:
                if code not in known:
                    raise CompositeError(
                        f"{field} names it, but it is not {what} of the tree", node=code
                    )
        for level in self.aggregation_by_level:
            if not 2 <= level <= tree.depth:
                raise CompositeError(
                    f"aggregation_by_level: the tree's aggregates are at levels 2 to {tree.depth}",
                    value=level,
                )

    def aggregation_of(self, tree: IndexTree, code: str) -> Aggregation:
        """The mean used for aggregate ``code``."""
        if code in self.aggregation_by_node:
            return self.aggregation_by_node[code]
        return self.aggregation_by_level.get(tree.node(code).level, self.aggregation)

    def imputation_of(self, code: str) -> Imputation | None:
        """The imputation policy of indicator ``code``."""
        return self.imputation_by_indicator.get(code, self.imputation)

    def treatment_of(self, code: str) -> Winsorise | None:
        """The outlier treatment of indicator ``code``."""
        return self.treatment_by_indicator.get(code, self.treatment)

    def normalisation_of(self, code: str) -> Normalisation:
        """The normalisation used for indicator ``code``."""
        return self.normalisation_by_indicator.get(code, self.normalisation)


@attrs.frozen
class ResultsRow:
    """One unit of the results table (COINr ``get_results``).

    Attributes:
        unit: Unit code.
        rank: Rank by the index (``None`` when the index is missing).
        scores: Aggregate code → score (rounded if asked; ``None`` when missing).
    """

    unit: str
    rank: int | None
    scores: Mapping[str, float | None]


@attrs.frozen(eq=False, repr=False)
class CompositeResult:
    """Every step of a built index.

    Attributes:
        tree: The tree it was built on.
        spec: The methods used.
        raw: Indicator values as given.
        imputed: After imputation (equals ``raw`` without it).
        treated: After outlier treatment (equals ``imputed`` without it).
        normalised: Normalised indicators.
        aggregated: Normalised indicators and every aggregate, up to the index.
        ranks: Ranks of every aggregate (NaN for a missing score).
        imputation: What imputation did, or ``None``.
        treatments: One record per treated indicator.
        data: The data it was built from.
    """

    tree: IndexTree
    spec: CompositeSpec
    raw: ScoreTable
    imputed: ScoreTable
    treated: ScoreTable
    normalised: ScoreTable
    aggregated: ScoreTable
    ranks: ScoreTable
    imputation: ImputationRecord | None
    treatments: tuple[TreatmentRecord, ...]
    data: IndicatorData

    def __repr__(self) -> str:
        return (
            f"CompositeResult({self.tree.root}: {len(self.units)} units, "
            f"{len(self.tree.indicators)} indicators, {len(self.tree.aggregates)} aggregates)"
        )

    @property
    def units(self) -> tuple[str, ...]:
        """Unit codes, in the data's order."""
        return self.raw.units

    @property
    def index(self) -> np.ndarray:
        """The unrounded index of each unit."""
        return self.aggregated.column(self.tree.root)

    @property
    def published_index(self) -> np.ndarray:
        """The index rounded to ``spec.index_digits`` (the index itself without it).

        Rounded as Python's (and R's) ``round``: the decimal value the float stands for.
        """
        return published(self.index, self.spec.index_digits)

    def rank(self, unit: str, node: str | None = None) -> int | None:
        """The rank of ``unit`` by ``node`` (default: the index); ``None`` when missing."""
        value = self.ranks.value(unit, node or self.tree.root)
        return None if np.isnan(value) else int(value)

    def results_table(self, digits: int | None = 2) -> tuple[ResultsRow, ...]:
        """The aggregates of every unit by rank, as COINr's ``get_results(nround = digits)``.

        Units come in rank order (ties and missing ranks by their order in the data);
        aggregates from the index down, in tree order within a level. Ranks come from
        unrounded scores.
        """
        if digits is not None and (not is_whole(digits) or not 0 <= digits <= 15):
            raise CompositeError(
                "digits must be a whole number from 0 to 15, or None", value=digits
            )
        codes = [c for level in range(self.tree.depth, 1, -1) for c in self.tree.level(level)]
        table = self.aggregated.select(codes)
        ranks = self.ranks.column(self.tree.root)
        order = np.argsort(np.where(np.isnan(ranks), np.inf, ranks), kind="stable")
        rows = []
        for i in order:
            values = published(table.values[i], digits)
            scores = {
                c: (None if np.isnan(v) else float(v)) for c, v in zip(codes, values, strict=True)
            }
            rank = None if np.isnan(ranks[i]) else int(ranks[i])
            rows.append(ResultsRow(self.units[i], rank, scores))
        return tuple(rows)


def build_index(
    data: IndicatorData, tree: IndexTree, spec: CompositeSpec | None = None
) -> CompositeResult:
    """Build the index of ``tree`` from ``data``, step by step.

    >>> tree = IndexTree.from_groups({"G1": ["a", "b"], "G2": ["c"]})
    >>> data = IndicatorData(["x", "y", "z"], ["a", "b", "c"],
    ...                      [[1, 10, 5], [2, 30, float("nan")], [3, 20, 1]])
    >>> result = build_index(data, tree)
    >>> result.index.round(2).tolist(), result.ranks.column("Index").tolist()
    ([50.0, 75.0, 37.5], [2.0, 1.0, 3.0])

    Raises:
        CompositeError: An indicator of the tree that the data lacks, or a step that
            cannot be done (each error names the indicator, aggregate or unit).
    """
    spec = CompositeSpec() if spec is None else spec
    for given, expected in ((data, IndicatorData), (tree, IndexTree), (spec, CompositeSpec)):
        if not isinstance(given, expected):
            raise CompositeError(
                f"build_index needs {expected.__name__}", value=type(given).__name__
            )
    spec.check(tree)
    raw = data.table(tree.indicators)
    imputed, record = raw, None
    policies = {c: spec.imputation_of(c) for c in raw.columns}
    if any(p is not None for p in policies.values()):
        imputed, record = _impute(raw, policies, data, tree)
    treated: ScoreTable = imputed
    treatments: tuple[TreatmentRecord, ...] = ()
    if any(spec.treatment_of(c) is not None for c in raw.columns):
        treated, treatments = _treat(imputed, spec)
    normalised = ScoreTable(
        raw.units,
        raw.columns,
        np.column_stack(
            [
                normalise_column(
                    treated.column(c), spec.normalisation_of(c), tree.node(c).direction, code=c
                )
                for c in raw.columns
            ]
        ),
    )
    scores = {c: normalised.column(c) for c in raw.columns}
    for code in tree.aggregates:
        kids = tree.children(code)
        scores[code] = weighted_mean(
            np.column_stack([scores[k] for k in kids]),
            [tree.node(k).weight for k in kids],
            spec.aggregation_of(tree, code),
            node=code,
            units=raw.units,
            min_coverage=spec.min_coverage,
        )
    columns = (*raw.columns, *tree.aggregates)
    aggregated = ScoreTable(raw.units, columns, np.column_stack([scores[c] for c in columns]))
    ranks = ScoreTable(
        raw.units,
        tree.aggregates,
        competition_ranks(np.column_stack([scores[c] for c in tree.aggregates])),
    )
    return CompositeResult(
        tree, spec, raw, imputed, treated, normalised, aggregated, ranks, record, treatments, data
    )


def _treat(
    table: ScoreTable, spec: CompositeSpec
) -> tuple[ScoreTable, tuple[TreatmentRecord, ...]]:
    columns, records = [], []
    for code in table.columns:
        column = table.column(code)
        policy = spec.treatment_of(code)
        if policy is None:
            columns.append(np.array(column))
            continue
        treated, record = treat_column(column, policy, code=code)
        columns.append(treated)
        records.append(record)
    return ScoreTable(table.units, table.columns, np.column_stack(columns)), tuple(records)


def _impute(
    raw: ScoreTable,
    policies: Mapping[str, Imputation | None],
    data: IndicatorData,
    tree: IndexTree,
) -> tuple[ScoreTable, ImputationRecord]:
    """Each indicator imputed by its own policy (each policy sees the whole raw table)."""
    values = np.array(raw.values)
    for policy in dict.fromkeys(p for p in policies.values() if p is not None):
        done, _ = impute(raw, policy, data=data, tree=tree)
        for j, code in enumerate(raw.columns):
            if policies[code] == policy:
                values[:, j] = done.values[:, j]
    filled = np.isnan(raw.values) & ~np.isnan(values)
    imputed = ScoreTable(raw.units, raw.columns, values)
    return imputed, ImputationRecord(filled, int(np.isnan(values).sum()))
