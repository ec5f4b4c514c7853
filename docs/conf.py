"""Sphinx configuration of the cchc documentation site.

Build it with ``python scripts/build_docs.py`` (warnings are errors). pytest imports
this file too (``--doctest-modules`` over ``docs/``), so it only imports the standard
library at module level; Sphinx, pydantic and cchc are imported inside :func:`setup`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT / "src") not in sys.path:  # document the working tree, not an installed copy
    sys.path.insert(0, str(_ROOT / "src"))

project = "cchc"
author = "The cchc developers"
copyright = "the cchc developers, MIT licence"


def _version() -> str:
    for line in (_ROOT / "src" / "cchc" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    return "unknown"  # pragma: no cover


release = version = _version()
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "**/.ipynb_checkpoints"]
templates_path: list[str] = []

# -- MyST ----------------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
# ```python fences stay code blocks (no myst-nb): Sphinx shows those that start with
# ``>>>`` as console sessions, and pytest runs them as doctests.
highlight_language = "default"  # python, quietly plain text when it does not lex

# -- autodoc + napoleon (Google style) -----------------------------------------------------
autodoc_default_options = {
    "members": True,
    "member-order": "bysource",
    "show-inheritance": True,
}
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
autodoc_class_signature = "mixed"
autosummary_generate = False
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_include_init_with_doc = False
napoleon_use_rtype = False
napoleon_attr_annotations = True
nitpicky = False
python_display_short_literal_types = True

# -- HTML ----------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"cchc {release}"
html_static_path: list[str] = []
html_copy_source = False
html_show_sourcelink = False


def _field_table(model: Any) -> list[str]:
    """A reST table of a pydantic model's fields: name, type, Vietnamese term, meaning."""
    rows: list[tuple[str, str, str, str]] = []
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        vi = str(extra.get("x-vi", ""))
        description = _escape((info.description or info.title or "").replace("\n", " "))
        if not info.is_required() and _simple(info.default):
            description += f" Default: ``{info.default!r}``."
        key = info.alias or name
        required = "" if not info.is_required() else " (required)"
        rows.append(
            (f"``{key}``{required}", _escape(_type_name(info.annotation)), _escape(vi), description)
        )
    if not rows:
        return []
    lines = [".. list-table:: Fields", "   :header-rows: 1", "   :widths: 20 20 20 40", ""]
    lines += ["   * - Field", "     - Type", "     - Tiếng Việt", "     - Meaning"]
    for cells in rows:
        lines.append(f"   * - {cells[0]}")
        lines += [f"     - {cell or '–'}" for cell in cells[1:]]
    return ["", *lines, ""]


def _type_name(annotation: Any) -> str:
    """A short, readable name of a field's type: ``Decimal | None``, ``tuple[Phase, ...]``."""
    import types  # noqa: PLC0415
    import typing  # noqa: PLC0415

    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation is type(None):
        return "None"
    if annotation is Ellipsis:
        return "..."
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_type_name(arg) for arg in args)
    if origin is typing.Literal:
        return " | ".join(repr(arg) for arg in args)
    if origin is not None:
        name = getattr(origin, "__name__", str(origin).removeprefix("typing."))
        return f"{name}[{', '.join(_type_name(arg) for arg in args)}]"
    if isinstance(annotation, type):
        return annotation.__name__
    return str(annotation).removeprefix("typing.")


def _simple(value: Any) -> bool:
    from decimal import Decimal  # noqa: PLC0415

    return value is None or (
        isinstance(value, bool | int | str | Decimal) and len(repr(value)) < 30
    )


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("|", "\\|").replace("`", "\\`")


def _member_table(enum_class: Any) -> list[str]:
    """A reST table of an enum's members, with their Vietnamese and English labels."""
    members = list(enum_class)
    if not members:
        return []
    labelled = all(hasattr(m, "label_vi") and hasattr(m, "label_en") for m in members)
    lines = [".. list-table:: Members", "   :header-rows: 1", ""]
    lines += ["   * - Member", "     - Value"]
    if labelled:
        lines += ["     - Tiếng Việt", "     - English"]
    for member in members:
        lines += [f"   * - ``{member.name}``", f"     - ``{member.value!r}``"]
        if labelled:
            lines += [f"     - {_escape(member.label_vi)}", f"     - {_escape(member.label_en)}"]
    return ["", *lines, ""]


def _add_tables(app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:  # noqa: PLR0917 - Sphinx's signature
    """Append the field table of document models, and the member table of enums."""
    import enum  # noqa: PLC0415

    from pydantic import BaseModel  # noqa: PLC0415

    if what not in ("class", "exception") or not isinstance(obj, type):
        return
    if issubclass(obj, BaseModel):
        lines.extend(_field_table(obj))
    elif issubclass(obj, enum.Enum):
        lines.extend(_member_table(obj))


_PYDANTIC_MACHINERY = frozenset({"model_config", "model_fields", "model_computed_fields"})


def _skip_machinery(app: Any, what: str, name: str, obj: Any, skip: bool, options: Any) -> Any:  # noqa: PLR0917 - Sphinx's signature
    """Leave pydantic's generated attributes out of the reference."""
    if name in _PYDANTIC_MACHINERY:
        return True
    return None


def _constant_doc(app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:  # noqa: PLR0917 - Sphinx's signature
    """The docstring of a re-exported constant, from the submodule that assigns it.

    Autodoc reads a constant's docstring only in the module it documents, so a
    package's re-exported constant (``cchc.surveys.NOT_ASKED``) looks undocumented: the
    reference pages name such constants with ``autodata`` and this fills in their text.
    """
    if what != "data" or not name.startswith("cchc."):
        return
    import importlib  # noqa: PLC0415
    import pkgutil  # noqa: PLC0415

    from sphinx.pycode import ModuleAnalyzer  # noqa: PLC0415

    package, _, constant = name.rpartition(".")
    if ("", constant) in ModuleAnalyzer.for_module(package).find_attr_docs():
        return  # documented where autodoc looks
    module = importlib.import_module(package)
    for info in pkgutil.iter_modules(getattr(module, "__path__", []), prefix=f"{package}."):
        try:
            docs = ModuleAnalyzer.for_module(info.name).find_attr_docs()
        except Exception:  # noqa: S112 - a module Sphinx cannot analyse: look on
            continue
        if ("", constant) in docs:
            lines[:] = [line for line in docs["", constant] if line is not None]
            return
    inherited = (type(obj).__doc__ or "").strip().splitlines()
    if lines and inherited and lines[0].strip() == inherited[0].strip():
        lines.clear()  # the docstring of int or tuple says nothing about the constant


def _pydantic_signature(  # noqa: PLR0917 - Sphinx's signature
    app: Any, what: str, name: str, obj: Any, options: Any, signature: Any, annotation: Any
) -> Any:
    """Show ``(**data)`` for document models: their fields are listed in a table."""
    from pydantic import BaseModel  # noqa: PLC0415

    if what == "class" and isinstance(obj, type) and issubclass(obj, BaseModel):
        return "(**data)", annotation
    return None


def _public_bases(app: Any, name: str, obj: Any, options: Any, bases: list[Any]) -> None:
    """Show public bases only: a document's private base reads as pydantic's ``BaseModel``."""
    from pydantic import BaseModel  # noqa: PLC0415

    from cchc.documents._types import DocumentPart, Titled  # noqa: PLC0415

    shown = []
    for base in bases:
        if base is DocumentPart or (base.__name__.startswith("_") and issubclass(base, BaseModel)):
            base = BaseModel  # noqa: PLW2901
        if base is Titled or base.__name__.startswith("_") or base in shown:
            continue
        shown.append(base)
    bases[:] = shown


_LINKABLE = frozenset({"class", "exception", "function", "data", "module"})


def _resolve_elsewhere(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve references that Sphinx cannot on its own, for cchc's objects only.

    - a re-exported path — ``cchc.score`` (the lazy namespace) or
      ``cchc.documents.CalendarOverrides`` — links to where the object is documented,
      found from where it is defined (``cchc.scoring.card.score`` → ``cchc.scoring.score``);
    - a bare ``Ranking`` or ``Ranking.to_pandas`` — a type hint Sphinx could not
      evaluate (``TYPE_CHECKING`` imports), or a role in a docstring of another module —
      links to the cchc object of that name, preferring the nearest module; so does a
      cchc path that does not exist as written.
    """
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    domain = env.get_domain("py")
    candidates = _documented_paths(target) if target.startswith("cchc.") else []
    # A bare name, or a cchc path that does not exist as written: the documented object
    # whose name ends the same way, nearest to the module the reference is made from.
    tail = target.removeprefix("cchc.") if not candidates else ""
    if tail and all(part.isidentifier() for part in tail.split(".")):
        here = node.get("py:module") or ""
        kinds = _LINKABLE if "." not in tail else None
        if target.startswith("cchc."):
            tail = tail.rsplit(".", 1)[-1]  # cchc.periods.DueRule: look for any .DueRule
            kinds = _LINKABLE
        found = [
            name
            for name, entry in domain.objects.items()
            if name.endswith(f".{tail}")
            and (kinds is None or entry.objtype in kinds)
            and not entry.aliased
        ]
        candidates = sorted(found, key=lambda name: (-_common_prefix(name, here), len(name)))
    for candidate in candidates:
        if domain.objects.get(candidate) is None:
            continue
        node["reftarget"] = candidate
        # "obj": a type hint refers to a class role even when it names data (a type alias).
        return domain.resolve_xref(
            env, node["refdoc"], app.builder, "obj", candidate, node, contnode
        )
    return None


def _documented_paths(target: str) -> list[str]:
    """Where ``target`` may be documented: its defining module and the packages above it."""
    import importlib  # noqa: PLC0415
    import types  # noqa: PLC0415

    import cchc  # noqa: PLC0415

    parts = target.split(".")
    lazy = cchc._LAZY.get(parts[1], "") if len(parts) > 1 else ""
    found = [f"{lazy}.{'.'.join(parts[1:])}"] if lazy and lazy != target else []
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for attribute in parts[cut:]:
                obj = getattr(obj, attribute)
        except AttributeError:
            return found
        break
    else:
        return found
    if isinstance(obj, types.ModuleType):
        return [obj.__name__]
    module, qualname = getattr(obj, "__module__", None), getattr(obj, "__qualname__", None)
    if not isinstance(module, str) or not isinstance(qualname, str):
        return found
    packages = module.split(".")
    # cchc.scoring.card.score is documented as cchc.scoring.score: try each package up.
    return found + [".".join([*packages[:n], qualname]) for n in range(len(packages), 0, -1)]


def _common_prefix(name: str, module: str) -> int:
    count = 0
    for a, b in zip(name.split("."), module.split("."), strict=False):
        if a != b:
            break
        count += 1
    return count


def setup(app: Any) -> dict[str, Any]:
    """Hook the cchc-specific helpers into Sphinx."""
    # Importing cchc.testing.strategies before hypothesis itself trips a circular import
    # through cchc's hypothesis entry point; import hypothesis first (see the report).
    import hypothesis  # noqa: F401, PLC0415

    app.connect("autodoc-process-docstring", _add_tables)
    app.connect("autodoc-process-docstring", _constant_doc)
    app.connect("autodoc-skip-member", _skip_machinery)
    app.connect("autodoc-process-signature", _pydantic_signature)
    app.connect("autodoc-process-bases", _public_bases)
    app.connect("missing-reference", _resolve_elsewhere)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
