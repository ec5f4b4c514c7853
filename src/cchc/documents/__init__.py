"""The documents cchc reads and writes: pydantic models, frozen, self-describing.

Every document has a ``type`` tag, so a file says what it holds and
:func:`cchc.load` can pick the right model. :data:`AnyDocument` is the tagged
union of them all.
"""

from __future__ import annotations

from typing import Annotated, TypeAlias

from pydantic import Field

from cchc.documents._types import Document
from cchc.documents.instrument import LegalInstrument
from cchc.documents.organisation import (
    AdministrativeUnit,
    Agency,
    LineageLink,
    Official,
    Organisation,
    Post,
    Tenure,
)
from cchc.documents.programme import (
    Objective,
    Phase,
    Principle,
    Programme,
    SolutionGroup,
    Target,
)

__all__ = [
    "DOCUMENT_TYPES",
    "AdministrativeUnit",
    "Agency",
    "AnyDocument",
    "Document",
    "LegalInstrument",
    "LineageLink",
    "Objective",
    "Official",
    "Organisation",
    "Phase",
    "Post",
    "Principle",
    "Programme",
    "SolutionGroup",
    "Target",
    "Tenure",
]

AnyDocument: TypeAlias = Annotated[
    LegalInstrument
    | AdministrativeUnit
    | Agency
    | Official
    | Post
    | Tenure
    | Organisation
    | Programme,
    Field(discriminator="type"),
]
"""Any document a file can hold, told apart by its ``type`` tag."""

DOCUMENT_TYPES: tuple[type[Document], ...] = (
    LegalInstrument,
    AdministrativeUnit,
    Agency,
    Official,
    Post,
    Tenure,
    Organisation,
    Programme,
)
"""Every document class, in the order of :data:`AnyDocument`."""
