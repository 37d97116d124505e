"""Fixtures of the rule tests: a fresh, valid content root per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from .builders import Root, make_root


@pytest.fixture
def root(tmp_path: Path) -> Root:
    """A content root with a valid profile and nothing else."""
    return make_root(tmp_path)
