"""The quick road of ``cchc score``: plain JSON rounds read straight into columns.

When every ASSESSMENTS file is a JSON file of plainly written assessments, the round is
read into a :class:`~cchc.scoring.table.RoundTable` without building a document per
input (:mod:`cchc.scoring._fast_table`); an assessment is built whole only when its
card is needed (``--explain``, appraisals). Anything else — another format, a built-in
name, a file or value the quick road does not read — takes the usual road, which reads,
refuses and reports exactly as before.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from cchc._files import read_file
from cchc.documents import Assessment, AssessmentRound, Framework
from cchc.errors import CchcError
from cchc.io import _check_shape, _decode, _parse, validate

__all__ = ["QuickRound", "quick_round"]


@attrs.frozen(eq=False)
class QuickRound:
    """A round read on the quick road.

    Attributes:
        table: The round's integer columns.
        items: Each assessment with its file's name; the assessments hold everything
            but their inputs (see :meth:`full`).
    """

    table: Any  # RoundTable: the engine is imported only when used
    items: list[tuple[str, Assessment]]
    _documents: dict[int, tuple[str, dict[str, Any]]]

    def full(self, shell: Assessment) -> Assessment:
        """The whole assessment (inputs included) of one of :attr:`items`."""
        name, data = self._documents[id(shell)]
        document = validate({**data, "type": "assessment"}, name=name)
        assert isinstance(document, Assessment)  # noqa: S101 - the quick road read it so
        return document


def quick_round(framework: Framework, names: Sequence[str]) -> QuickRound | None:
    """The assessments of the JSON files ``names`` on the quick road, or ``None``.

    The cyclic garbage collector is paused meanwhile, and what was read is then left out
    of its passes (``gc.freeze``): reading a round allocates millions of objects and no
    cycles, and walking them again and again cost a third of the time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _quick_round(framework, names)
    finally:
        if enabled:
            gc.freeze()  # what was read lives to the end of the command: never walk it again
            gc.enable()


def _quick_round(framework: Framework, names: Sequence[str]) -> QuickRound | None:
    from cchc.scoring._fast_table import fast_table  # noqa: PLC0415 - numpy, when used

    owners: list[str] = []
    documents: list[dict[str, Any]] = []
    for name in names:
        found = _assessments(Path(name))
        if found is None:
            return None
        owners += [name] * len(found)
        documents += found
    made = fast_table(framework, documents, lambda part: _check_shape(part, "<data>"))
    if made is None:
        return None
    table, shells = made
    keep = {
        id(shell): (name, data) for name, shell, data in zip(owners, shells, documents, strict=True)
    }
    return QuickRound(table, list(zip(owners, shells, strict=True)), keep)


def _assessments(path: Path) -> list[dict[str, Any]] | None:
    """The assessments a JSON file holds as parsed data, or ``None`` (the usual road)."""
    if path.suffix.lower() != ".json" or not path.is_file():
        return None
    name = str(path)
    try:
        value = _parse(_decode(read_file(path), name), "json", name)
        if not isinstance(value, dict):
            return None
        if value.get("type") == "assessment":
            return [value]
        if value.get("type") != "assessment-round":
            return None
        head = {key: item for key, item in value.items() if key != "assessments"}
        _check_shape(head, name)
        AssessmentRound.model_validate({**head, "assessments": ()})
    except (CchcError, ValueError):  # LoadError, ValidationError: the usual road says so
        return None
    found = value.get("assessments")
    return found if isinstance(found, list) else None
