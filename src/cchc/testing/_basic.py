"""The basic strategies the others build on: Vietnamese text, codes, document symbols.

Requires hypothesis.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from cchc.vocabulary import InstrumentKind

__all__ = ["DAYS", "SYMBOL_KINDS", "codes", "symbol_for", "symbols", "texts"]

_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
_ALPHABET = _LETTERS + _LETTERS.upper() + "0123456789 ,.-–()/%"
_ISSUERS = ("CP", "TTg", "UBND", "BNV", "BTC", "VPCP", "HĐND")
DAYS = st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))


def texts(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Vietnamese-looking text, never blank after normalisation. Requires hypothesis."""
    return st.text(_ALPHABET, min_size=1, max_size=max_size).filter(lambda s: s.strip())


def codes() -> st.SearchStrategy[str]:
    """Valid document codes such as ``"a-1"``. Requires hypothesis."""
    return st.from_regex(r"\A[a-z0-9][a-z0-9.-]{0,11}\Z")


@st.composite
def symbol_for(draw: st.DrawFn, kind: InstrumentKind, year: int) -> str:
    number = str(draw(st.integers(1, 9999)))
    issuer = draw(st.sampled_from(_ISSUERS))
    marker = kind.abbreviation
    if marker is None:
        return f"{number}/{issuer}-{draw(st.sampled_from(('CCHC', 'VP', 'TCCB')))}"
    if draw(st.booleans()):
        return f"{number}/{year}/{marker}-{issuer}"
    return f"{number}/{marker}-{issuer}"


SYMBOL_KINDS = (
    InstrumentKind.DECISION,
    InstrumentKind.RESOLUTION,
    InstrumentKind.DECREE,
    InstrumentKind.DIRECTIVE,
    InstrumentKind.CIRCULAR,
    InstrumentKind.PLAN,
    InstrumentKind.OFFICIAL_LETTER,
)


def symbols(
    *, kinds: st.SearchStrategy[InstrumentKind] = st.sampled_from(SYMBOL_KINDS)
) -> st.SearchStrategy[str]:
    """Canonical document symbols such as ``"12/2021/QĐ-UBND"``. Requires hypothesis."""
    return st.tuples(kinds, st.integers(1990, 2040)).flatmap(lambda pair: symbol_for(*pair))
