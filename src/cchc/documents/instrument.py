"""Legal instruments (văn bản): the decisions, resolutions and decrees that every fact cites."""

from __future__ import annotations

import datetime as dt
from typing import Literal, Self

from pydantic import model_validator

from cchc.documents._types import Day, Document, Symbol, Text, Url, describe
from cchc.vocabulary import InstrumentKind

__all__ = ["LegalInstrument"]


class LegalInstrument(Document):
    """A legal or administrative instrument, identified by its symbol.

    >>> import datetime as dt
    >>> from cchc import LegalInstrument, InstrumentKind
    >>> decision = LegalInstrument(
    ...     symbol="6734/QD-UBND", kind=InstrumentKind.DECISION,
    ...     issuer_vi="Ủy ban nhân dân huyện Hương Sơn", issued_on=dt.date(2021, 11, 28),
    ...     title_vi="Ban hành Chương trình cải cách hành chính huyện Hương Sơn",
    ... )
    >>> decision.symbol
    '6734/QĐ-UBND'
    """

    type: Literal["instrument"] = describe(
        "Document type",
        "Tag that makes the file self-describing.",
        "loại tài liệu",
        default="instrument",
    )
    symbol: Symbol = describe(
        "Symbol", "Number and symbol of the instrument, canonical form.", "số, ký hiệu văn bản"
    )
    kind: InstrumentKind = describe("Kind", "Kind of instrument.", "loại văn bản")
    issuer_vi: Text = describe("Issuer", "Issuing body, in Vietnamese.", "cơ quan ban hành")
    issuer_en: Text | None = describe(
        "Issuer (English)",
        "Issuing body, in English.",
        "cơ quan ban hành (tiếng Anh)",
        default=None,
    )
    issued_on: Day = describe("Issued on", "Date of issue (signature).", "ngày ban hành")
    effective_from: Day | None = describe(
        "Effective from", "First day the instrument has effect.", "ngày có hiệu lực", default=None
    )
    effective_to: Day | None = describe(
        "Effective to",
        "First day the instrument no longer has effect (exclusive).",
        "ngày hết hiệu lực",
        default=None,
    )
    title_vi: Text = describe("Title", "Title (trích yếu), in Vietnamese.", "trích yếu nội dung")
    title_en: Text | None = describe(
        "Title (English)", "Title, in English.", "trích yếu (tiếng Anh)", default=None
    )
    replaces: tuple[Symbol, ...] = describe(
        "Replaces", "Symbols of instruments this one replaces.", "thay thế văn bản", default=()
    )
    replaced_by: tuple[Symbol, ...] = describe(
        "Replaced by",
        "Symbols of instruments that replace this one.",
        "bị thay thế bởi",
        default=(),
    )
    source_url: Url | None = describe(
        "Source URL", "Where the text was read.", "nguồn văn bản", default=None
    )
    note: Text | None = describe(
        "Note", "Remarks, e.g. which details could not be verified.", "ghi chú", default=None
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        from cchc.symbols import parse_instrument  # noqa: PLC0415

        parsed = parse_instrument(self.symbol)
        if parsed.kind is not None and parsed.kind is not self.kind:
            raise ValueError(
                f"kind {self.kind.value!r} contradicts the symbol {self.symbol!r},"
                f" whose marker means {parsed.kind.value!r}"
            )
        if parsed.year is not None and parsed.year != self.issued_on.year:
            raise ValueError(
                f"issued_on {self.issued_on} is not in {parsed.year}, the year in the symbol"
            )
        if self.effective_from is not None and self.effective_from < self.issued_on:
            raise ValueError(f"effective_from {self.effective_from} is before issued_on")
        if self.effective_to is not None and self.effective_to <= (
            self.effective_from or self.issued_on
        ):
            raise ValueError(f"effective_to {self.effective_to} is not after the instrument starts")
        return self

    @property
    def label_vi(self) -> str:
        """``"<symbol> — <title>"`` in Vietnamese."""
        return f"{self.symbol} — {self.title_vi}"

    @property
    def label_en(self) -> str:
        """``"<symbol> — <title>"`` in English (Vietnamese title if no translation)."""
        return f"{self.symbol} — {self.title_en or self.title_vi}"

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the instrument has effect on ``day``."""
        start = self.effective_from or self.issued_on
        return start <= day and (self.effective_to is None or day < self.effective_to)
