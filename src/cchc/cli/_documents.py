"""``cchc demo``, ``show``, ``validate`` and ``schema``: the built-in example and documents."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from pydantic import ValidationError

from cchc import datasets
from cchc.cli._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNREADABLE,
    Commands,
    command,
    one_line,
    say,
    validation_lines,
    write_file,
)
from cchc.documents import Document, Programme
from cchc.errors import CchcError
from cchc.findings import Finding
from cchc.io import json_schema, load
from cchc.vocabulary import Lang

__all__ = ["add_parsers", "demo", "schema", "show", "validate"]


def add_parsers(
    commands: Commands[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``demo``, ``show``, ``validate`` and ``schema`` to the ``cchc`` command."""
    command(
        commands,
        common,
        "demo",
        summary="run the built-in Hương Sơn example",
        description="Load the Hương Sơn programme and its cascade, summarise them and check"
        " them; show the illustrative plan's status, survey and scored round.",
    ).set_defaults(run=demo)
    show_parser = command(
        commands,
        common,
        "show",
        summary="summarise a built-in programme",
        description="Print a readable summary of a built-in programme.",
    )
    show_parser.add_argument("name", choices=datasets.NAMES)
    show_parser.set_defaults(run=show)
    validate_parser = command(
        commands,
        common,
        "validate",
        summary="check documents in JSON or YAML files",
        description="Load each file, validate it and run the cross-record checks on all of"
        " them together. Exit 0 when clean, 1 on findings of severity error, 2 when a file"
        " cannot be read.",
    )
    validate_parser.add_argument("files", nargs="+", metavar="FILE")
    validate_parser.add_argument("--json", action="store_true", help="print findings as JSON")
    validate_parser.set_defaults(run=validate)
    schema_parser = command(
        commands,
        common,
        "schema",
        summary="print the JSON Schema of every document",
        description="Write the JSON Schema (draft 2020-12).",
    )
    schema_parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead (-: stdout)"
    )
    schema_parser.set_defaults(run=schema)


def show(args: argparse.Namespace, out: TextIO) -> int:
    """``cchc show NAME``."""
    from cchc.summary import programme_summary  # noqa: PLC0415 - each command imports its own

    print(programme_summary(datasets.get(args.name), args.lang), file=out)
    return EXIT_OK


def schema(args: argparse.Namespace, out: TextIO) -> int:
    """``cchc schema [-o FILE]``."""
    text = json.dumps(json_schema(), ensure_ascii=False, indent=2)
    if not args.output or args.output == "-":
        print(text, file=out)
        return EXIT_OK
    write_file(args.output, text + "\n", args.lang)
    return EXIT_OK


def demo(args: argparse.Namespace, out: TextIO) -> int:
    """``cchc demo``: the Hương Sơn example end to end."""
    from cchc.checks import check  # noqa: PLC0415 - each command imports its own
    from cchc.summary import programme_summary  # noqa: PLC0415

    lang: Lang = args.lang
    chain = datasets.cascade(datasets.huong_son_programme())
    heading = "Chuỗi chương trình" if lang == "vi" else "Programme cascade"
    print(f"# {heading}", file=out)
    for depth, programme in enumerate(chain):
        title = programme.label_vi if lang == "vi" else programme.label_en
        print(f"{'  ' * depth}- {programme.instrument.symbol}: {title}", file=out)
    print(file=out)
    print(programme_summary(chain[0], lang), file=out)
    print(file=out)
    print(_findings_text([(None, f) for f in check(*chain)], lang), file=out)
    print(file=out)
    _demo_plan(chain, lang, out)
    print(file=out)
    _demo_round(lang, out)
    return EXIT_OK


def _demo_plan(cascade: Sequence[Programme], lang: Lang, out: TextIO) -> None:
    from cchc.monitoring import monitor  # noqa: PLC0415 - the engines load only when used

    plan = datasets.huong_son_plan_2022()
    status = monitor(plan, as_of=datasets.HUONG_SON_PLAN_AS_OF, programme=cascade)
    print(status.to_markdown(lang).replace("## ", "# ", 1), file=out)


def _demo_round(lang: Lang, out: TextIO) -> None:
    # The engines load only when used, to keep the command quick to start.
    from cchc.scoring import score_round  # noqa: PLC0415
    from cchc.surveys import survey_inputs, survey_results, with_survey_inputs  # noqa: PLC0415

    sipas = datasets.sipas_questionnaire()
    survey = survey_results(sipas, datasets.survey_round("huong-son-sipas-2024"), resamples=200)
    if lang == "vi":
        print("# Chỉ số hài lòng SIPAS các xã, thị trấn năm 2024 (minh họa)", file=out)
    else:
        print("# SIPAS satisfaction of Hương Sơn's communes, 2024 (illustrative)", file=out)
    print(file=out)
    print(survey.to_markdown("overall", lang=lang), file=out)
    print(file=out)
    framework = datasets.framework("illustrative-district")
    before = score_round(framework, datasets.assessment_round("huong-son-communes-2023"))
    # Criterion 8.1 (SIPAS, 10 points) is scored from the survey's raw responses.
    current = with_survey_inputs(
        datasets.assessment_round("huong-son-communes-2024"), "8.1", survey_inputs(survey)
    )
    now = score_round(framework, current, previous=before)
    if lang == "vi":
        print("# Chỉ số CCHC các xã, thị trấn huyện Hương Sơn năm 2024 (minh họa)", file=out)
    else:
        print("# Reform index of Hương Sơn's communes, 2024 (illustrative)", file=out)
    print(file=out)
    print(now.to_markdown(lang), file=out)
    last = next(card for card in now.cards if card.unit == now.rows[-1].unit)
    print(file=out)
    print(last.explain(lang), file=out)
    from cchc.accountability import accountability_summary  # noqa: PLC0415

    print(file=out)
    print(accountability_summary(lang, current), file=out)


def _findings_text(located: Sequence[tuple[str | None, Finding]], lang: Lang) -> str:
    if not located:
        return "Kiểm tra: không có phát hiện." if lang == "vi" else "Check: no findings."
    head = "Kiểm tra" if lang == "vi" else "Check"
    lines = [f"{head}: {len(located)}"]
    lines += [f"  - {name + ': ' if name else ''}{finding}" for name, finding in located]
    return "\n".join(lines)


def validate(args: argparse.Namespace, out: TextIO) -> int:
    """``cchc validate FILE...``: every file's validity and cross-record findings."""
    from cchc.checks import check_each  # noqa: PLC0415 - each command imports its own

    lang: Lang = args.lang
    documents: dict[str, Document] = {}
    failed = False
    for name in args.files:
        try:
            documents[name] = load(name)
        except ValidationError as error:
            failed = True
            count = error.error_count()
            print(
                one_line(
                    say(
                        lang,
                        f"{name}: {count} lỗi dữ liệu không hợp lệ",
                        f"{name}: {count} validation error(s)",
                    )
                ),
                file=sys.stderr,
            )
            for line in validation_lines(error):
                print(line, file=sys.stderr)
        except CchcError as error:
            failed = True
            print(one_line(str(error)), file=sys.stderr)
    names = list(documents)
    per_document = check_each(*documents.values())
    located = [(names[i], f) for i, found in enumerate(per_document) for f in found]
    if args.json:
        records = [{"file": name, **f.as_dict()} for name, f in located]
        print(json.dumps(records, ensure_ascii=False, indent=2), file=out)
    elif documents:
        print(_findings_text(located, lang), file=out)
    findings = [f for _, f in located]
    if failed:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK
