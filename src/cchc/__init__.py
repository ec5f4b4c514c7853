"""cchc — typed models, validation and scoring for public administration reform.

cchc models Vietnam's administrative reform (cải cách hành chính, CCHC): the
ten-year programmes that cascade from the national Resolution 76/NQ-CP down to
provinces and districts, their solutions and quantified targets, the legal
instruments they cite, and the units, agencies and heads they hold to account.

>>> import cchc
>>> programme = cchc.datasets.huong_son_programme()
>>> programme.instrument.symbol, programme.start_year, programme.end_year
('6734/QĐ-UBND', 2021, 2030)
>>> cchc.check(*cchc.datasets.cascade(programme))
()
"""

from __future__ import annotations

from cchc import datasets
from cchc.checks import Finding, check
from cchc.dates import format_date_phrase, parse_date_phrase
from cchc.documents import (
    AdministrativeUnit,
    Agency,
    AnyDocument,
    Document,
    LegalInstrument,
    LineageLink,
    Objective,
    Official,
    Organisation,
    Phase,
    Post,
    Principle,
    Programme,
    SolutionGroup,
    Target,
    Tenure,
)
from cchc.errors import (
    CchcError,
    CchcWarning,
    CheckError,
    DatePhraseError,
    InstrumentSymbolError,
    LoadError,
    MissingExtraError,
    NotFoundError,
    ParseError,
    UnverifiedFactWarning,
)
from cchc.io import dump, dumps, json_schema, load, loads
from cchc.symbols import InstrumentSymbol, parse_instrument
from cchc.text import fold, normalize
from cchc.vocabulary import (
    AdministrativeLevel,
    AgencyKind,
    Comparator,
    InstrumentKind,
    LineageEvent,
    RatingLevel,
    ReformArea,
    UnitKind,
    label,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "AdministrativeLevel",
    "AdministrativeUnit",
    "Agency",
    "AgencyKind",
    "AnyDocument",
    "CchcError",
    "CchcWarning",
    "CheckError",
    "Comparator",
    "DatePhraseError",
    "Document",
    "Finding",
    "InstrumentKind",
    "InstrumentSymbol",
    "InstrumentSymbolError",
    "LegalInstrument",
    "LineageEvent",
    "LineageLink",
    "LoadError",
    "MissingExtraError",
    "NotFoundError",
    "Objective",
    "Official",
    "Organisation",
    "ParseError",
    "Phase",
    "Post",
    "Principle",
    "Programme",
    "RatingLevel",
    "ReformArea",
    "SolutionGroup",
    "Target",
    "Tenure",
    "UnitKind",
    "UnverifiedFactWarning",
    "__version__",
    "check",
    "datasets",
    "dump",
    "dumps",
    "fold",
    "format_date_phrase",
    "json_schema",
    "label",
    "load",
    "loads",
    "normalize",
    "parse_date_phrase",
    "parse_instrument",
]
