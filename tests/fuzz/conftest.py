"""The bad-input campaign's settings and fixtures.

Profiles (chosen by the environment variable ``HYPOTHESIS_PROFILE``):

- ``ci`` (the default, run by ``make test``): few examples per page, derandomised, so the
  whole campaign stays near a minute on a small machine and a red run is always caused by
  a change of the code, never by the luck of the draw;
- ``deep``: many random examples per page (``HYPOTHESIS_EXAMPLES``, 400 by default), for
  a long local run (``HYPOTHESIS_PROFILE=deep .venv/bin/python -m pytest tests/fuzz``);
  what it finds is kept in ``var/hypothesis`` and replayed first on the next run.

Each test gets the fixture tree once; every example then runs inside a savepoint that is
rolled back, so examples never see each other's rows.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
          HealthCheck.data_too_large, HealthCheck.filter_too_much]
DATABASE = Path(__file__).resolve().parents[2] / "var" / "hypothesis"

settings.register_profile("ci", max_examples=5, deadline=None, derandomize=True,
                          database=None, suppress_health_check=HEALTH, print_blob=True)
settings.register_profile("deep", max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", 400)),
                          deadline=None,
                          database=DirectoryBasedExampleDatabase(DATABASE),
                          suppress_health_check=HEALTH, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def examples(share: float = 1.0) -> int:
    """The profile's number of examples, scaled for a page that costs more (or less)."""
    return max(2, round(settings.default.max_examples * share))


@pytest.fixture
def campaign(tree, client):
    """The fixture tree, with records on both sides for forms to choose among (their own)
    and to be tricked into choosing (the other union's)."""
    from tests.fuzz.sides import furnish

    furnish(tree)
    return tree
