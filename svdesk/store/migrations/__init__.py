"""The schema, one module per step, applied in this order with sqlite-utils' ``Migrations``.

Rules for a step: never edit a step that has shipped — add a new one; every table is STRICT
(where it fits) and every row has ``id`` (a UUID), ``created_at`` and ``updated_at`` so two copies
can be merged later; soft-deletable rows have ``deleted_at``. A step that adds a column to a table merged between
copies (``m012_row_versions.MERGED_TABLES``) calls ``m012_row_versions.install_triggers`` again;
a new table of records is added to ``MERGED_TABLES`` (and given its triggers) in the same step.

The number of steps is also written to ``PRAGMA user_version``: a file whose number is higher
than ``SCHEMA_VERSION`` was written by a newer svdesk and is refused.
"""

from __future__ import annotations

from svdesk.store.migrations import m001_foundation  # noqa: I001 - one line per step, in order
from svdesk.store.migrations import m002_frameworks
from svdesk.store.migrations import m003_statement
from svdesk.store.migrations import m004_measures
from svdesk.store.migrations import m005_stories
from svdesk.store.migrations import m006_tenders
from svdesk.store.migrations import m007_cic34
from svdesk.store.migrations import m008_true_figures
from svdesk.store.migrations import m009_commitment_value
from svdesk.store.migrations import m010_story_names
from svdesk.store.migrations import m011_unit_words
from svdesk.store.migrations import m012_row_versions

STEPS = [
    m001_foundation.apply,
    m002_frameworks.apply,
    m003_statement.apply,
    m004_measures.apply,
    m005_stories.apply,
    m006_tenders.apply,
    m007_cic34.apply,
    m008_true_figures.apply,
    m009_commitment_value.apply,
    m010_story_names.apply,
    m011_unit_words.apply,
    m012_row_versions.apply,
]

SCHEMA_VERSION = len(STEPS)
MIGRATION_SET = "svdesk"


def _step_name(step) -> str:
    return step.__module__.rsplit(".", 1)[-1]


def build_migrations():
    # Imported here: sqlite-utils is slow to import and opening a file must not wait for it.
    from sqlite_utils import Migrations

    migrations = Migrations(MIGRATION_SET)
    for step in STEPS:
        migrations(name=_step_name(step))(step)
    return migrations


KNOWN_STEP_NAMES = [_step_name(step) for step in STEPS]
