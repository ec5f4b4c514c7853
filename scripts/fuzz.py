"""Fuzz cchc's loaders, scoring engine and command line with deterministic bad input.

Usage (from the repository root, in the dev environment)::

    python scripts/fuzz.py                          # 1,000,000 inputs, seed 0, 2 workers
    python scripts/fuzz.py --count 50000 --seed 7   # a quicker run
    python scripts/fuzz.py --targets score,cli --count 20000
    python scripts/fuzz.py --seed 7 --replay score:1234          # rerun one input, traceback
    python scripts/fuzz.py --seed 7 --replay loads-text:99 --write bad.json

Not run in CI: a full run takes minutes to an hour. It is the check behind "bad input
never hangs, never escapes": every input must end as ``ok``, a
:class:`cchc.errors.CchcError` (``LoadError``, ``ScoringError`` …) or pydantic's
``ValidationError``. Anything else — ``ValueError``, ``TypeError``, ``OverflowError``,
``decimal.InvalidOperation``, ``RecursionError``, ``MemoryError``, a warning (numpy's
overflow ``RuntimeWarning`` included, as warnings are errors here), an error whose
message cannot be written as UTF-8, a hang, a crash — is *unexpected*.

Targets (each gets a share of ``--count``):

``loads-text``
    :func:`cchc.io.loads` on JSON and YAML text made from the built-in documents, with
    scalars replaced and tokens inserted: huge exponents, 5000-digit numbers, lone
    surrogates, NUL, deep nesting, YAML tags, anchors, aliases and merge keys,
    impossible dates, hex/octal/underscored integers.
``loads-bytes``
    The same as bytes: flipped bits, invalid UTF-8, BOMs, UTF-16/32 and Latin-1.
``loads-struct``
    A built-in document parsed, one place replaced by an odd value (or a raw token,
    deleted, duplicated, swapped), then written back as JSON or YAML for
    :func:`cchc.io.loads` (stage ``loads-struct``) or handed to :func:`cchc.io.validate`
    as Python data (stage ``validate-struct``).
``score``
    Frameworks and assessments of the built-in rounds with maxima, rule parameters,
    inputs, self-assessed and appraised points replaced (then rebuilt through
    :func:`cchc.io.validate`, stage ``score:build``), scored card by card
    (:func:`cchc.scoring.score_round` plus the explanations, ``score:card``) and in a
    batch (:func:`cchc.scoring.batch.score_table`, ``score:batch``). ``score:agree``
    compares the two: the same rows, or the same refusal (the batch path may refuse
    what is past 64 bits or 9 decimal places, saying to use ``cchc.score``).
``load-path``
    :func:`cchc.load` on odd paths (NUL, surrogates, directories, long names, symlink
    loops, missing files) and on files with odd suffixes and mutated contents.
``cli``
    A few runs of ``cchc validate`` and ``cchc score`` in-process on mutated files: the
    exit code must be 0, 1 or 2, with nothing on stderr but one line (and the indented
    finding or validation lines the command documents), and output written as UTF-8.

Each input is made from ``(seed, target, index)`` alone, so ``--replay TARGET:INDEX``
makes it again and runs it in this process with tracebacks. Each input runs under a
``--seconds`` alarm (outcome ``hang``); one stuck in C code, where the alarm cannot
stop it, is killed by the parent (``hang (killed)``) and its worker restarted. Workers
run with a ``--memory-mb`` address-space limit, so a runaway allocation is a
``MemoryError`` rather than a machine out of memory.
Outcomes are the same from run to run for the same seed and count, except an input
whose time is close to the limit (a hang on a loaded machine, not on an idle one).

The table printed lists, per target and stage, how often each outcome occurred, then
the first example (lowest index) of each unexpected outcome. Exit status: 0 when every
outcome was expected, 1 otherwise.

This file is the entry point; the fuzzer itself is the package ``scripts/fuzzing``
(values, corpus and mutations, one module a target, the worker pool and the report).
"""

from __future__ import annotations

import sys

from fuzzing.main import main

if __name__ == "__main__":
    sys.exit(main())
