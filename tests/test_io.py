"""Reading and writing documents: round trips, and whatever bad input can reach load()."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

import cchc
from cchc.documents import DOCUMENT_TYPES, Document
from cchc.io import MAX_DEPTH

any_document = st.one_of([st.from_type(cls) for cls in DOCUMENT_TYPES])


def test_every_document_type_has_a_strategy() -> None:
    # st.from_type must use cchc's registered strategies, not pydantic introspection.
    from hypothesis.strategies._internal.types import _global_type_lookup

    assert all(cls in _global_type_lookup for cls in DOCUMENT_TYPES)


@given(any_document)
def test_json_round_trip(document: Document) -> None:
    text = cchc.dumps(document)
    assert cchc.loads(text) == document
    assert json.loads(text)["type"] == document.type_tag


@given(any_document)
def test_yaml_round_trip(document: Document) -> None:
    assert cchc.loads(cchc.dumps(document, format="yaml"), format="yaml") == document


@given(any_document)
def test_dumping_is_stable(document: Document) -> None:
    text = cchc.dumps(document)
    assert cchc.dumps(cchc.loads(text)) == text


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".yml"])
def test_files_round_trip_by_suffix(tmp_path: Path, suffix: str) -> None:
    programme = cchc.datasets.huong_son_programme()
    path = cchc.dump(programme, tmp_path / f"hs{suffix}")
    assert cchc.load(path) == programme
    assert cchc.load(str(path)) == programme
    assert cchc.load(path.read_bytes()) == programme  # format guessed from the bytes
    head = path.read_text(encoding="utf-8")[:40]
    assert head.startswith("{") == (suffix == ".json")


def test_text_is_kept_as_utf8_not_escaped() -> None:
    assert "Hương Sơn" in cchc.dumps(cchc.datasets.huong_son_programme())
    assert "Hương Sơn" in cchc.dumps(cchc.datasets.huong_son_programme(), format="yaml")


def test_text_fields_are_nfc_normalised_on_input() -> None:
    data = json.loads(cchc.dumps(cchc.datasets.huong_son_programme()))
    import unicodedata

    data["title_vi"] = unicodedata.normalize("NFD", "  Chương   trình  ")
    programme = cchc.loads(json.dumps(data))
    assert isinstance(programme, cchc.Programme)
    assert programme.title_vi == "Chương trình"


# --- bad input -------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def _load_or_expected_error(data: bytes, **kwargs: Any) -> None:
    try:
        document = cchc.loads(data, **kwargs)
    except ValidationError as error:
        assert any("<data>" in note for note in getattr(error, "__notes__", []))
    except cchc.LoadError as error:
        assert error.source == "<data>"
    else:
        assert isinstance(document, Document)


@given(json_values)
def test_arbitrary_json_values_end_as_document_or_clear_error(value: object) -> None:
    _load_or_expected_error(json.dumps(value).encode())


@given(json_values)
def test_arbitrary_yaml_values_end_as_document_or_clear_error(value: object) -> None:
    import yaml

    _load_or_expected_error(yaml.safe_dump(value).encode(), format="yaml")


@given(st.binary(max_size=200))
def test_arbitrary_bytes_end_as_document_or_clear_error(data: bytes) -> None:
    _load_or_expected_error(data)


def _mutations(data: object) -> list[tuple[tuple[str | int, ...], object]]:
    """Every (path, value) leaf of a JSON-like value."""
    found: list[tuple[tuple[str | int, ...], object]] = []

    def walk(item: object, path: tuple[str | int, ...]) -> None:
        found.append((path, item))
        if isinstance(item, dict):
            for key, child in item.items():
                walk(child, (*path, key))
        elif isinstance(item, list):
            for index, child in enumerate(item):
                walk(child, (*path, index))

    walk(data, ())
    return found


def _set(data: Any, path: tuple[str | int, ...], value: object) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


replacements = st.one_of(
    st.none(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=5),
    st.just([]),
    st.just({}),
    st.just("NaN"),
    st.just("2021-02-30"),
)


@given(any_document, st.data())
def test_one_mutated_field_ends_as_document_or_clear_error(
    document: Document, data: st.DataObject
) -> None:
    raw = json.loads(cchc.dumps(document))
    paths = [path for path, _ in _mutations(raw) if path]
    path = data.draw(st.sampled_from(paths))
    _set(raw, path, data.draw(replacements))
    _load_or_expected_error(json.dumps(raw).encode())


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinities_are_refused(token: str) -> None:
    with pytest.raises(cchc.LoadError, match="finite"):
        cchc.loads(f'{{"type": "official", "id": "a", "full_name": {token}}}')


@pytest.mark.parametrize("token", [".nan", ".inf", "-.inf"])
def test_yaml_nan_and_infinities_are_refused_with_a_path(token: str) -> None:
    with pytest.raises(cchc.LoadError, match="finite") as caught:
        cchc.loads(f"type: official\nid: a\nfull_name: {token}\n", format="yaml")
    assert caught.value.path == ("full_name",)


def test_decimal_nan_in_a_string_is_refused() -> None:
    raw = json.loads(cchc.dumps(cchc.datasets.national_programme()))
    raw["targets"][0]["value"] = "NaN"
    with pytest.raises(ValidationError) as caught:
        cchc.loads(json.dumps(raw))
    assert caught.value.errors()[0]["loc"][:3] == ("programme", "targets", 0)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 5, 10_000, 200_000])
def test_deep_nesting_fails_fast_and_clearly(depth: int) -> None:
    text = "[" * depth + "]" * depth
    with pytest.raises(cchc.LoadError, match="nesting deeper"):
        cchc.loads(text, format="json")


def test_deep_yaml_nesting_fails_fast_and_clearly() -> None:
    text = "[" * 5000 + "]" * 5000
    with pytest.raises(cchc.LoadError, match="nesting"):
        cchc.loads(text, format="yaml")


def test_yaml_alias_bombs_are_refused() -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 9):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    with pytest.raises(cchc.LoadError, match="more than"):
        cchc.loads("\n".join(lines), format="yaml")


def test_duplicate_keys_are_refused_not_silently_dropped() -> None:
    with pytest.raises(cchc.LoadError, match="twice"):
        cchc.loads('{"type": "official", "id": "a", "id": "b", "full_name": "X"}')
    with pytest.raises(cchc.LoadError, match="twice"):
        cchc.loads("type: official\nid: a\nid: b\nfull_name: X\n", format="yaml")


def test_unsafe_yaml_tags_are_refused() -> None:
    with pytest.raises(cchc.LoadError, match="not valid YAML"):
        cchc.loads("!!python/object/apply:os.system ['true']", format="yaml")


def test_unknown_type_tag_names_the_tag() -> None:
    with pytest.raises(ValidationError, match=r"union_tag_invalid|does not match any"):
        cchc.loads('{"type": "budget"}')


def test_validation_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"type": "official", "id": "a"}', encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        cchc.load(path)
    assert any(str(path) in note for note in caught.value.__notes__)


def test_missing_file_is_a_load_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(cchc.LoadError, match=r"nope\.json: cannot read"):
        cchc.load(tmp_path / "nope.json")


def test_non_utf8_bytes_are_a_load_error() -> None:
    with pytest.raises(cchc.LoadError, match="not UTF-8"):
        cchc.loads(b'{"type": "official", "full_name": "\xff"}')


def test_yaml_needs_its_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "yaml", None)
    from cchc import io

    io._safe_loader.cache_clear()
    with pytest.raises(cchc.MissingExtraError, match=r"cchc\[yaml\]"):
        cchc.loads("type: official", format="yaml")
    io._safe_loader.cache_clear()


def test_the_loaders_table_of_tags_names_every_document_class() -> None:
    from cchc import documents

    assert {kind.type_tag: kind.__name__ for kind in DOCUMENT_TYPES} == documents._TAGS
    # and every public name is found where the package says it is
    for name in documents.__all__:
        assert getattr(documents, name) is getattr(
            importlib.import_module(f"cchc.documents.{documents._WHERE[name]}"), name
        )


def test_reading_a_framework_builds_only_the_models_it_needs() -> None:
    # The documents are imported name by name: `cchc score` does not build the models
    # of plans, policies, surveys or the union of every document.
    code = (
        "import sys, cchc.cli, cchc; from cchc import datasets;"
        "cchc.loads(cchc.dumps(datasets.framework('illustrative-district')));"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('cchc.documents.'))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    for heavy in ("_any", "plan", "policy", "survey", "organisation", "performance", "catalogue"):
        assert f"cchc.documents.{heavy}" not in loaded
    assert "cchc.documents.framework" in loaded
