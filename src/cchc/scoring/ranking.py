"""Scoring a round: rank units by index, band them, compare with a previous round.

Ties share the better rank (1, 2, 2, 4). Rows come out by rank, then unit code, so
the result does not depend on the order the assessments were given in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from cchc._display import Column, LazyRows, block, data_frame, html_table, paragraph
from cchc.documents.assessment import Assessment, AssessmentRound
from cchc.documents.framework import Framework
from cchc.errors import ScoringError
from cchc.scoring.card import ScoreCard, score
from cchc.vocabulary import Lang

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "RECORD_COLUMNS",
    "InflationRow",
    "Movement",
    "Ranking",
    "RankingRow",
    "inflation_of",
    "rank_indices",
    "score_round",
    "with_movement",
]


@attrs.frozen
class Movement:
    """How a unit moved since the previous round (positive ``rank_change``: moved up)."""

    previous_points: Decimal
    previous_index: Decimal
    previous_rank: int
    previous_band: str | None
    points_change: Decimal
    index_change: Decimal
    rank_change: int
    band_steps: int | None
    """Bands climbed (negative: fell), ``None`` when either band is unknown."""


@attrs.frozen
class RankingRow:
    """One unit's place in a round."""

    unit: str
    points: Decimal
    applicable_max: Decimal
    index: Decimal
    rank: int
    band: str | None
    movement: Movement | None = None


RECORD_COLUMNS: tuple[str, ...] = tuple(
    f.name for f in attrs.fields(RankingRow) if f.name != "movement"
)
"""The columns of :meth:`Ranking.records`, before the ``movement_*`` ones."""


@attrs.frozen
class InflationRow:
    """Self-assessed minus appraised points for one unit and criterion."""

    unit: str
    criterion: str
    self_points: Decimal
    appraised_points: Decimal

    @property
    def difference(self) -> Decimal:
        """Positive when the unit scored itself higher than the appraiser did."""
        return self.self_points - self.appraised_points


@attrs.frozen
class Ranking:
    """A scored round: rows by rank, the cards behind them, and self-assessment inflation."""

    framework: str
    year: int
    rows: tuple[RankingRow, ...]
    cards: tuple[ScoreCard, ...] = ()
    inflation: tuple[InflationRow, ...] = ()

    def row(self, unit: str) -> RankingRow:
        """The row of ``unit``."""
        for row in self.rows:
            if row.unit == unit:
                return row
        raise KeyError(unit)

    def records(self) -> list[dict[str, Any]]:
        """One flat dict per unit (movement columns prefixed), for ``pandas.DataFrame``."""
        out = []
        for row in self.rows:
            record = {name: getattr(row, name) for name in RECORD_COLUMNS}
            if row.movement is not None:
                moved = attrs.asdict(row.movement)
                record.update({f"movement_{k}": v for k, v in moved.items()})
            out.append(record)
        return out

    def inflation_records(self) -> list[dict[str, Any]]:
        """One dict per (unit, criterion) where self and appraisal differ."""
        return [{**attrs.asdict(r), "difference": r.difference} for r in self.inflation]

    def to_markdown(self, lang: Lang = "vi") -> str:
        """The ranking as a Markdown table."""
        head = (
            ["Hạng", "Đơn vị", "Điểm", "Chỉ số", "Xếp loại", "Thay đổi"]
            if lang == "vi"
            else ["Rank", "Unit", "Points", "Index", "Band", "Change"]
        )
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for r in self.rows:
            change = "" if r.movement is None else f"{r.movement.rank_change:+d}"
            cells = [
                str(r.rank),
                r.unit,
                f"{r.points}/{r.applicable_max}",
                str(r.index),
                r.band or "—",
                change,
            ]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)

    def to_pandas(self, *, exact: bool = False) -> pd.DataFrame:
        """:meth:`records` as a ``pandas.DataFrame`` (requires the ``dataframe`` extra).

        Args:
            exact: Keep points and indices as :class:`~decimal.Decimal` instead of floats.

        Raises:
            MissingExtraError: pandas is not installed.
        """
        columns = list(RECORD_COLUMNS)
        if any(r.movement is not None for r in self.rows):
            columns += [f"movement_{f.name}" for f in attrs.fields(Movement)]
        return data_frame(self.records(), columns=columns, exact=exact)

    def _repr_html_(self) -> str:
        """The ranking as an HTML table, for notebooks."""
        rows = self.rows
        cells = LazyRows(len(rows), lambda i: ranking_cells(rows[i]))
        return ranking_html(self.framework, self.year, cells, len(self.inflation))


RANKING_COLUMNS = (
    Column("Hạng", "Rank", numeric=True),
    Column("Đơn vị", "Unit"),
    Column("Điểm", "Points", numeric=True),
    Column("Chỉ số", "Index", numeric=True),
    Column("Xếp loại", "Band"),
    Column("Thay đổi hạng", "Rank change", numeric=True),
    Column("Thay đổi chỉ số", "Index change", numeric=True),
)


def ranking_cells(row: RankingRow) -> list[object]:
    """The cells of one row of :data:`RANKING_COLUMNS`."""
    moved = row.movement
    rank_change = None if moved is None else _arrow(moved.rank_change)
    index_change = None if moved is None else f"{moved.index_change:+}"
    points = f"{row.points}/{row.applicable_max}"
    return [row.rank, row.unit, points, row.index, row.band, rank_change, index_change]


def _arrow(change: int) -> str:
    return f"▲{change}" if change > 0 else f"▼{-change}" if change < 0 else "="


def ranking_html(
    framework: str, year: int, cells: Sequence[Sequence[object]], inflated: int = 0
) -> str:
    """A ranking as an HTML block: ``cells`` holds one row of :data:`RANKING_COLUMNS` per unit.

    Shared by :class:`Ranking` and the batch results, which make their cells lazily.
    """
    title = f"{framework} — {year}: {len(cells)} đơn vị / units"
    parts = [paragraph(title, strong=True)]
    if inflated:
        parts.append(
            paragraph(
                f"{inflated} tiêu chí tự chấm khác điểm thẩm định"
                f" / {inflated} self-assessed criteria differ from the appraisal"
            )
        )
    return block(*parts, html_table(RANKING_COLUMNS, cells))


def rank_indices(indices: Sequence[Decimal]) -> list[int]:
    """Competition ranks of ``indices``, highest first; ties share the better rank.

    >>> rank_indices([Decimal("80"), Decimal("90"), Decimal("80"), Decimal("70")])
    [2, 1, 2, 4]
    """
    ordered = sorted(indices, reverse=True)
    first: dict[Decimal, int] = {}
    for position, value in enumerate(ordered, start=1):
        first.setdefault(value, position)
    return [first[value] for value in indices]


def score_round(
    framework: Framework,
    assessments: AssessmentRound | Iterable[Assessment],
    previous: Ranking | None = None,
) -> Ranking:
    """Score every assessment, rank the units and compare with ``previous``.

    Args:
        framework: The framework every assessment is scored under.
        assessments: An :class:`AssessmentRound` or the assessments themselves.
        previous: The ranking of the previous round, for movement (units absent from it
            get no movement).

    Raises:
        ScoringError: An assessment cannot be scored (see :func:`score`), or two
            assessments are of the same unit, or of different years.
        ValueError: ``previous`` is not of an earlier year than the round.
    """
    items = assessments.assessments if isinstance(assessments, AssessmentRound) else assessments
    cards = [score(framework, a) for a in items]
    return ranking_from_cards(framework, cards, previous)


def ranking_from_cards(
    framework: Framework, cards: Sequence[ScoreCard], previous: Ranking | None = None
) -> Ranking:
    """Rank already scored cards (see :func:`score_round`)."""
    seen: set[str] = set()
    for card in cards:
        if card.unit in seen:
            raise ScoringError(card.unit, None, "assessed more than once in the round")
        seen.add(card.unit)
    years = sorted({c.year for c in cards})
    if len(years) > 1:
        raise ScoringError(cards[0].unit, None, f"a round mixes years {years}")
    if previous is not None and previous.rows and years and previous.year >= years[0]:
        raise ValueError(f"the previous round is of {previous.year}, not before {years[0]}")
    ranks = rank_indices([c.index for c in cards])
    rows = [
        RankingRow(card.unit, card.total, card.applicable_max, card.index, rank, card.band)
        for card, rank in zip(cards, ranks, strict=True)
    ]
    rows.sort(key=lambda r: (r.rank, r.unit))
    if previous is not None:
        rows = list(with_movement(framework, rows, previous.rows))
    inflation = inflation_of(cards)
    ordered_cards = tuple(sorted(cards, key=lambda c: c.unit))
    return Ranking(
        framework.code, years[0] if years else 0, tuple(rows), ordered_cards, tuple(inflation)
    )


def with_movement(
    framework: Framework, rows: Sequence[RankingRow], previous: Sequence[RankingRow]
) -> tuple[RankingRow, ...]:
    """``rows`` with each unit's :class:`Movement` since ``previous`` (none if absent there).

    Band steps count the framework's bands climbed (negative: fell).
    """
    before = {row.unit: row for row in previous}
    order = {band.code: i for i, band in enumerate(framework.bands)}
    out = []
    for row in rows:
        old = before.get(row.unit)
        movement = None
        if old is not None:
            steps = None
            if row.band in order and old.band in order:
                steps = order[old.band or ""] - order[row.band or ""]
            movement = Movement(
                previous_points=old.points,
                previous_index=old.index,
                previous_rank=old.rank,
                previous_band=old.band,
                points_change=row.points - old.points,
                index_change=row.index - old.index,
                rank_change=old.rank - row.rank,
                band_steps=steps,
            )
        out.append(attrs.evolve(row, movement=movement))
    return tuple(out)


def inflation_of(cards: Iterable[ScoreCard]) -> list[InflationRow]:
    """Every leaf whose self-assessed and appraised points differ, by unit and criterion."""
    return sorted(
        (
            InflationRow(card.unit, n.code, n.self_points, n.appraised_points)
            for card in cards
            for n in card.nodes
            if n.self_points is not None
            and n.appraised_points is not None
            and n.self_points != n.appraised_points
        ),
        key=lambda r: (r.unit, r.criterion),
    )
