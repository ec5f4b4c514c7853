"""Reading and writing documents as JSON or YAML, and the JSON Schema of them all.

:func:`load` accepts a path or the bytes/text of a file, parses it (JSON, or YAML
with the safe loader only, merge keys included), refuses what no document can hold —
NaN and infinities, lone surrogates, nesting deeper than :data:`MAX_DEPTH`, more than
:data:`MAX_NODES` values, files that are not regular files or are larger than
:data:`MAX_FILE_BYTES` — and picks the document class from the ``type`` tag. Numbers
are read as exact decimals, in JSON and YAML alike. Whatever goes wrong ends as a
:class:`~cchc.errors.LoadError` or pydantic's ``ValidationError``, both naming the
file and the place inside it; nothing else escapes, and nothing hangs.

:func:`dump` writes a file whole or not at all.
"""

from __future__ import annotations

import json
import math
import os
import sys
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

from cchc import documents
from cchc._fast_round import fast_round
from cchc._files import MAX_FILE_BYTES, read_file, write_text
from cchc.documents import Document
from cchc.errors import LoadError, MissingExtraError

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "dump",
    "dumps",
    "json_schema",
    "load",
    "loads",
]

Format = Literal["json", "yaml"]

MAX_DEPTH = 64
"""The deepest nesting of lists and mappings a document may have."""

MAX_NODES = 2_000_000
"""The most values (counting repeats of YAML aliases) a document may hold."""

_JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


@cache
def _adapter() -> TypeAdapter[Document]:
    return TypeAdapter(documents.AnyDocument)


def _kind_of(tag: object) -> type[Document] | None:
    """The document class tagged ``tag``; only its own module is imported."""
    name = documents._TAGS.get(tag) if isinstance(tag, str) else None
    kind: type[Document] | None = getattr(documents, name) if name else None
    return kind


def load(source: str | os.PathLike[str] | bytes, *, format: Format | None = None) -> Document:
    """Read one document from a file path or from the bytes of a file.

    Args:
        source: A path (``str`` or path-like) or the raw ``bytes`` of a JSON or YAML file.
        format: ``"json"`` or ``"yaml"``; by default taken from the file suffix
            (``.json``, ``.yaml``, ``.yml``); otherwise text opening with ``{`` or ``[``
            is read as JSON and anything else as YAML.

    Returns:
        The document, of the class its ``type`` tag names.

    Raises:
        LoadError: The name is not a valid file name; the file cannot be read, is not
            a regular file (a pipe, a device) or is larger than :data:`MAX_FILE_BYTES`;
            it cannot be parsed, or holds NaN, infinities, text UTF-8 cannot encode
            (lone surrogates), or nesting that is too deep.
        pydantic.ValidationError: The data does not make a valid document (a number
            with more than 28 significant digits, digits finer than 28 places, or
            outside ±10**15, among others); a note names the file.
    """
    if isinstance(source, bytes):
        return loads(source, format=format, name="<bytes>")
    path = Path(source)
    raw = read_file(path)
    if format is None:
        format = _format_of(path)
    return loads(raw, format=format, name=str(path))


def loads(data: str | bytes, *, format: Format | None = None, name: str = "<data>") -> Document:
    """Read one document from JSON or YAML text; see :func:`load`.

    ``name`` is the file name that errors mention.
    """
    text = _decode(data, name) if isinstance(data, bytes) else _encodable(data, name)
    value = _parse(text, format, name)
    return validate(value, name=name)


def validate(value: object, *, name: str = "<data>") -> Document:
    """Turn already parsed JSON-like data into a document; see :func:`load`."""
    if isinstance(value, dict) and value.get("type") == "assessment-round":
        # Plainly written inputs are read without pydantic: same document, far quicker.
        fast = fast_round(value, lambda part: _check_shape(part, name))
        if fast is not None:
            return fast
    _check_shape(value, name)
    tag = value.get("type") if isinstance(value, dict) else None
    kind = _kind_of(tag)
    try:
        if kind is not None:
            try:
                return kind.model_validate(value)  # what the union would do, without building it
            except ValidationError:
                pass  # the union's errors, which name the tag as the schema does
        return _adapter().validate_python(value)
    except ValidationError as error:
        error.add_note(f"while loading {name}")
        raise
    except RecursionError:
        raise LoadError(name, "the data is nested too deeply to validate") from None


def _format_of(path: Path) -> Format | None:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return None


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LoadError(name, f"not UTF-8 text (byte {error.start}: {error.reason})") from None


def _encodable(text: str, name: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise LoadError(name, f"not text: character {error.start} is a lone surrogate") from None
    return text


def _reject_constant(token: str) -> float:
    raise ValueError(f"{token} is not allowed: numbers must be finite")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) < len(pairs):  # a key given twice: name the first
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"key {key!r} appears twice in one object")
            seen.add(key)
    return result


def _parse(text: str, format: Format | None, name: str) -> object:
    if format is None:
        # JSON is a subset of YAML: text that opens like JSON is read (and judged) as JSON.
        format = "json" if text.lstrip()[:1] in ("{", "[") else "yaml"
    if format == "yaml":
        return _parse_yaml(text, name)
    try:
        return json.loads(
            text,
            parse_float=Decimal,  # every digit kept; bounds are checked on validation
            parse_constant=_reject_constant,
            object_pairs_hook=_unique_keys,
        )
    except RecursionError:
        raise LoadError(name, f"nesting deeper than {MAX_DEPTH} levels") from None
    except ValueError as error:
        raise LoadError(name, f"not valid JSON: {error}") from None
    except ArithmeticError:  # an exponent of 19 digits or more, past what Decimal takes
        raise LoadError(name, "a number's exponent is out of range") from None


def _parse_yaml(text: str, name: str) -> object:
    yaml = _yaml()
    try:
        return yaml.load(text, Loader=_safe_loader())  # a SafeLoader subclass
    except RecursionError:
        raise LoadError(name, f"nesting deeper than {MAX_DEPTH} levels") from None
    except yaml.YAMLError as error:
        reason = " ".join(str(error).replace('in "<unicode string>", ', "at ").split())
        raise LoadError(name, f"not valid YAML: {reason}") from None


_YAML_CONSTRUCTION_ERRORS = (ValueError, TypeError, AttributeError, KeyError, IndexError)


@cache
def _safe_loader() -> Any:
    """PyYAML's safe loader, with merge keys, exact decimals and clear errors.

    A key that appears twice in one mapping is refused (keys brought in by a merge key
    ``<<`` may be overridden, as YAML intends); floats are read as exact decimals; a
    value that its tag cannot read (``2024-02-30``, ``!!int ''``) is refused with its
    line and column instead of escaping as a bare exception.
    """
    yaml = _yaml()
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    merge_tag = "tag:yaml.org,2002:merge"

    class StrictLoader(base):  # type: ignore[misc,valid-type]
        def construct_object(self, node: Any, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep=deep)
            except _YAML_CONSTRUCTION_ERRORS as error:
                tag = str(node.tag).rsplit(":", 1)[-1]
                shown = repr(node.value[:60]) if isinstance(node.value, str) else f"a {node.id}"
                why = str(error) if type(error) is ValueError else ""
                if "Exceeds the limit" in why:
                    why = f"more than {sys.get_int_max_str_digits()} digits"
                reason = f"cannot read {shown} as {tag}{': ' if why else ''}{why}"
                raise yaml.constructor.ConstructorError(
                    None, None, reason, node.start_mark
                ) from None

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            if not isinstance(node, yaml.MappingNode):  # !!map on a list or a scalar
                return super().construct_mapping(node, deep=deep)  # a ConstructorError
            seen: set[object] = set()
            for key_node, _ in node.value:
                if key_node.tag == merge_tag:
                    continue
                key = self.construct_object(key_node, deep=deep)
                if not isinstance(key, str):
                    continue
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"key {key!r} appears twice in one mapping",
                        key_node.start_mark,
                    )
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

        def construct_yaml_float(self, node: Any) -> Any:
            try:
                return Decimal(str(self.construct_scalar(node)).replace("_", ""))
            except ArithmeticError:  # .inf, .nan (refused later, by path) and base 60
                return super().construct_yaml_float(node)

    StrictLoader.add_constructor("tag:yaml.org,2002:float", StrictLoader.construct_yaml_float)
    return StrictLoader


def _yaml() -> Any:
    try:
        import yaml  # noqa: PLC0415
    except ImportError:
        raise MissingExtraError("yaml", "PyYAML") from None
    return yaml


def _check_shape(value: object, name: str) -> None:
    """Refuse non-finite numbers, deep nesting, odd keys and runaway sizes, with a path.

    A list or mapping reached again (a YAML alias) is not walked again: its size and
    height, worked out once, are counted at each use. An alias bomb is refused at once.
    """
    _Shape(name).visit(value, ())


class _Shape:
    """One walk of :func:`_check_shape`: the values counted, and what each container held."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.count = 0
        self.known: dict[int, tuple[int, int]] = {}  # id → (values in it, its height)

    def visit(self, item: object, path: tuple[str | int, ...]) -> tuple[int, int]:
        """Check ``item`` at ``path``; return how many values it holds and its height."""
        name = self.name
        if len(path) > MAX_DEPTH:
            raise LoadError(name, f"nesting deeper than {MAX_DEPTH} levels", path[:MAX_DEPTH])
        if not isinstance(item, dict | list | tuple):
            self._add(1)
            if isinstance(item, str):
                _check_text(item, name, path)
            elif isinstance(item, Decimal | int) and not isinstance(item, bool):
                _check_number(item, name, path)
            elif isinstance(item, float) and not math.isfinite(item):
                raise LoadError(name, f"{item} is not allowed: numbers must be finite", path)
            return 1, 0
        known = self.known.get(id(item))
        if known is not None:  # an alias: counted again, not walked again
            size, height = known
            if len(path) + height > MAX_DEPTH:
                deep = (*path, *([0] * (MAX_DEPTH - len(path))))
                raise LoadError(name, f"nesting deeper than {MAX_DEPTH} levels", deep)
            self._add(size)
            return known
        self._add(1)
        size, height = 1, 0
        children = item.items() if isinstance(item, dict) else enumerate(item)
        for key, child in children:
            if isinstance(item, dict):
                if not isinstance(key, str):
                    raise LoadError(name, f"key {key!r} is not text", path)
                _check_text(key, name, path)
            held, below = self.visit(child, (*path, key))
            size, height = size + held, max(height, below + 1)
        self.known[id(item)] = (size, height)
        return size, height

    def _add(self, values: int) -> None:
        self.count += values
        if self.count > MAX_NODES:
            raise LoadError(
                self.name, f"more than {MAX_NODES} values (YAML aliases count each use)"
            )


_MAX_EXPONENT = 1000  # no document number comes near; converting past it can take hours


def _check_number(number: Decimal | int, name: str, path: tuple[str | int, ...]) -> None:
    """Refuse numbers far beyond any field's range before pydantic converts them."""
    if isinstance(number, int):
        far = number.bit_length() > _MAX_EXPONENT * 3  # 2**3000 is about 10**903
    else:
        far = number.is_finite() and bool(number) and abs(number.adjusted()) > _MAX_EXPONENT
    if far:
        shown = (
            str(number) if isinstance(number, Decimal) else f"a {number.bit_length()}-bit integer"
        )
        raise LoadError(name, f"{shown} is out of range for any number a document holds", path)


def _check_text(text: str, name: str, path: tuple[str | int, ...]) -> None:
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            where = f"character {error.start} is a lone surrogate"
            raise LoadError(name, f"not text: {where} (a broken \\u escape?)", path) from None


def dumps(document: Document, *, format: Format = "json") -> str:
    """The document as JSON (indented, UTF-8 text kept as is) or YAML text."""
    # Every field is written, defaults included: the ``type``/``kind`` tags of nested
    # unions are defaults too, and a reader needs them.
    data = document.model_dump(mode="json")
    if format == "yaml":
        return str(_yaml().safe_dump(data, allow_unicode=True, sort_keys=False))
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def dump(document: Document, path: str | os.PathLike[str], *, format: Format | None = None) -> Path:
    """Write the document to ``path`` as JSON or YAML (from the suffix unless ``format``).

    The file is written whole or not at all: to a temporary file beside it, renamed over
    it once complete, so a failure leaves any earlier file as it was.

    Returns:
        The path written.

    Raises:
        OSError: The file cannot be written.
    """
    target = Path(path)
    chosen = format or _format_of(target) or "json"
    write_text(target, dumps(document, format=chosen))
    return target


@cache
def _schema() -> str:
    schema = _adapter().json_schema()
    schema = {
        "$schema": _JSON_SCHEMA_DIALECT,
        "$id": "https://cchc.readthedocs.io/schema/cchc.schema.json",
        "title": "cchc documents",
        "description": "Any document of the cchc library, told apart by its 'type' tag.",
        **schema,
    }
    return json.dumps(schema, ensure_ascii=False)


def json_schema() -> dict[str, Any]:
    """One JSON Schema (draft 2020-12) that accepts every cchc document type.

    >>> schema = json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> "Programme" in schema["$defs"]
    True
    """
    result: dict[str, Any] = json.loads(_schema())
    return result
