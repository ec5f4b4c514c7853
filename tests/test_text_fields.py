"""Every text field of every document is normalised on input (or constrained to ASCII codes)."""

from __future__ import annotations

import typing
from collections.abc import Iterator

from pydantic import BaseModel

from cchc.documents import DOCUMENT_TYPES


def _models(annotation: object) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models(arg)


def _bare_strings(annotation: object, guarded: bool = False) -> Iterator[object]:
    """Every ``str`` in the annotation that no normalising or pattern metadata guards."""
    if typing.get_origin(annotation) is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        names = {getattr(getattr(m, "func", None), "__name__", "") for m in metadata}
        safe = bool(names & {"normalize", "normalize_multiline", "_canonical_symbol"}) or any(
            getattr(m, "pattern", None) for m in metadata
        )
        yield from _bare_strings(base, guarded or safe)
        return
    if typing.get_origin(annotation) is typing.Literal:
        return
    if annotation is str and not guarded:
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _bare_strings(arg, guarded=False)


def test_no_document_has_an_unnormalised_text_field() -> None:
    seen: set[type[BaseModel]] = set()
    bare: list[str] = []
    todo: list[type[BaseModel]] = list(DOCUMENT_TYPES)
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            annotation = field.annotation
            if field.metadata:
                annotation = typing.Annotated[(annotation, *field.metadata)]  # type: ignore[assignment]
            todo.extend(_models(field.annotation))
            if any(True for _ in _bare_strings(annotation)):
                bare.append(f"{model.__name__}.{name}")
    assert len(seen) > 40
    assert bare == []
