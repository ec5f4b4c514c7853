"""Test helpers for cchc users: Hypothesis strategies in :mod:`cchc.testing.strategies`.

Requires hypothesis (``pip install "cchc[testing]"``).
"""
