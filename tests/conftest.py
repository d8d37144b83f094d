"""Shared test fixtures and the location of ../shared/eval."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
EXAMPLES = ROOT / "examples"


def require_shared() -> Path:
    """The eval folder, or skip the test with a message saying why."""
    if not (EVAL / "score.py").is_file():
        pytest.skip(f"../shared/eval not found at {EVAL}: quality floors not checked")
    return EVAL


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    return require_shared()
