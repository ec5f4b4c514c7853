"""The parts of ``scripts/fuzz.py``; its docstring says what the fuzzer does and how to run it.

- :mod:`fuzzing.values`: odd numbers, dates, texts and Python values for a place in data.
- :mod:`fuzzing.tokens`: JSON, YAML, raw and byte fragments for a place in a text.
- :mod:`fuzzing.tree`: places in JSON-like data, and data written as JSON or YAML.
- :mod:`fuzzing.corpus`: the built-in documents as text, data and scoring material.
- :mod:`fuzzing.mutate`: changes to text, bytes and data, each with a note.
- :mod:`fuzzing.outcomes`: an input (:class:`~fuzzing.outcomes.Case`) and its outcomes.
- :mod:`fuzzing.loads`, :mod:`fuzzing.score`, :mod:`fuzzing.paths`, :mod:`fuzzing.cli`:
  the targets; :mod:`fuzzing.targets` makes input ``index`` of a target for a seed.
- :mod:`fuzzing.pool`: the time limit, the workers and what happens when one hangs or dies.
- :mod:`fuzzing.report`: the tally of outcomes and the table printed from it.
- :mod:`fuzzing.main`: the command line, and ``--replay``.
"""
