"""The example notebook runs from top to bottom and shows what it promises."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOK = Path(__file__).parent.parent / "examples" / "notebook.ipynb"


def _text(output: Any) -> str:
    """Everything an output shows: streams, plain text, Markdown and HTML."""
    if output.output_type == "stream":
        return str(output.text)
    data = output.get("data", {})
    return "\n".join(
        str(data.get(kind, "")) for kind in ("text/plain", "text/markdown", "text/html")
    )


@pytest.fixture(scope="module")
def executed() -> Any:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=120,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    return notebook


def test_stored_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    assert notebook.nbformat == 4
    assert notebook.metadata.kernelspec.name == "python3"
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None


def test_no_cell_fails(executed: Any) -> None:
    errors = [
        output
        for cell in executed.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error" or getattr(output, "name", "") == "stderr"
    ]
    assert errors == []


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("programme", ["6734/QĐ-UBND", "3504/QĐ-UBND", "76/NQ-CP"]),
        ("plan", ["Kế hoạch / Plan huong-son-2022", "KH-05", "<table"]),
        ("plan-frame", ["KH-05", "hs-tu-phap"]),
        ("round", ["Hạng", "Rank", "son-tra", "<table"]),
        ("card", ["Điểm bị mất / Points lost"]),
        ("explain", ["lost"]),
        ("round-frame", ["band", "mean", "count"]),
        ("survey", ["Chung", "Overall", "Khoảng tin cậy 95%", "<table"]),
        ("survey-frame", ["unit", "valid"]),
        ("accountability", ["Accountability of heads", "HTXS", "90/2020/NĐ-CP"]),
        ("report", ["<iframe srcdoc=", "&lt;!DOCTYPE html&gt;", "Ranking", "Overdue tasks"]),
    ],
)
def test_outputs_show_the_results(executed: Any, cell: str, expected: list[str]) -> None:
    (found,) = [c for c in executed.cells if c.get("id") == cell]
    shown = "\n".join(_text(output) for output in found.outputs)
    for text in expected:
        assert text in shown
