"""The target ``cli``: ``cchc validate`` and ``cchc score`` run in-process on mutated files."""

from __future__ import annotations

import contextlib
import io
import json
import random
import re

from cchc.cli import main as cli_main

from .corpus import Corpus
from .outcomes import Case, Env, Recorder
from .paths import SUFFIXES, content_of_file
from .score import make_score_plan
from .tokens import JSON_TOKENS, YAML_TOKENS
from .tree import SENTINEL, Json, put, serialise


def _serialise_file(rng: random.Random, data: Json) -> tuple[str, str]:
    form = rng.choice(("json", "json", "yaml"))
    raw = None
    if rng.random() < 0.3 and isinstance(data, dict) and isinstance(data.get("inputs"), dict):
        raw = rng.choice(YAML_TOKENS if form == "yaml" else JSON_TOKENS)
        code = rng.choice(sorted(data["inputs"]) or ["x"])
        data = put(data, ("inputs", code), SENTINEL)
    with contextlib.suppress(Exception):  # too deep, or a value YAML cannot write
        return serialise(data, form, raw), form
    with contextlib.suppress(Exception):  # too deep for JSON too
        text = json.dumps(data, default=str)
        return text.replace(json.dumps(SENTINEL), raw or "1", 1), "json"
    return "{}", "json"


def make_cli(rng: random.Random, corpus: Corpus) -> Case:
    options = ["--lang", rng.choice(("vi", "en"))]
    files: list[tuple[str, str | bytes]] = []
    if rng.random() < 0.4:
        content, how = content_of_file(rng, corpus)
        files.append((rng.choice(SUFFIXES[:6]), content))
        argv = ["validate", "<0>", *(["--json"] if rng.random() < 0.3 else []), *options]
    else:
        plan = make_score_plan(rng, corpus)
        how = "; ".join(plan.notes)
        framework = plan.framework
        if plan.framework_data is not None:
            text, form = _serialise_file(rng, plan.framework_data)
            files.append((f".{form}", text))
            framework = "<0>"
        names = []
        items: list[Json] = list(plan.assessments)
        if rng.random() < 0.3:
            first = items[0]
            items = [
                {
                    "type": "assessment-round",
                    "code": "r",
                    "framework": first.get("framework"),
                    "edition": first.get("edition"),
                    "year": first.get("year"),
                    "assessments": [{k: v for k, v in a.items() if k != "type"} for a in items],
                }
            ]
        for item in items:
            text, form = _serialise_file(rng, item)
            names.append(f"<{len(files)}>")
            files.append((f".{form}", text))
        argv = ["score", framework, *names, "--format", rng.choice(("table", "csv", "json", "md"))]
        if rng.random() < 0.3:
            argv.append("--explain")
        elif rng.random() < 0.2:
            argv += ["--records", rng.choice(("ranking", "inflation", "nodes"))]
        argv += options

    def run(rec: Recorder, env: Env) -> None:
        paths = [str(env.file(suffix, content)) for suffix, content in files]
        args = [paths[int(a[1:-1])] if re.fullmatch(r"<\d+>", a) else a for a in argv]
        run_cli(args, rec)

    return Case(f"cchc {' '.join(argv)}: {how}", files, run)


def run_cli(argv: list[str], rec: Recorder) -> None:
    """Run the command in-process; check the exit code, stderr and stdout's encoding.

    Expected: exit 0, 1 or 2; on exit 2 a message on stderr; whatever is on stderr one
    unindented line, then only the indented lines (findings, validation errors) the
    commands print under it. ``validate`` puts its findings on stdout, so exit 1 may
    leave stderr empty.
    """
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="\n")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")

    def call() -> int | str | None:
        with contextlib.redirect_stderr(err):
            try:
                return cli_main(argv, out)
            except SystemExit as stop:
                return stop.code
            finally:
                with contextlib.suppress(Exception):
                    out.flush()

    rec.stage = "cli"
    try:
        code = call()
    except Exception as error:  # whatever escapes main() is a failure, CchcError included
        rec.fail("cli", error, escaped=True)
        return
    err.flush()
    assert isinstance(err.buffer, io.BytesIO)
    lines = err.buffer.getvalue().decode("utf-8", "replace").splitlines()
    said = "\n".join(lines[:20])
    if code not in (0, 1, 2):
        rec.add("cli", f"exit {code}", False, said)
    elif any("Traceback" in line for line in lines):
        rec.add("cli", f"exit {code}, traceback on stderr", False, said)
    elif code == 2 and (not lines or not lines[0].strip()):
        rec.add("cli", f"exit {code}, no message on stderr", False, said)
    elif lines and (lines[0].startswith(" ") or any(not x.startswith("  ") for x in lines[1:])):
        rec.add("cli", f"exit {code}, stderr not one line", False, said)
    else:
        rec.add("cli", f"exit {code}", True)
