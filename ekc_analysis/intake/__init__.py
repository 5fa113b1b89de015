"""Files -> validated Registry / study frame: schema, readers, rules, messages, pseudonymise, sample data.

Modules inside are private; this folder's public names are re-exported here.
"""

from __future__ import annotations

from ..i18n import check_lang
from ._load import SAMPLE_AS_OF, SAMPLE_DIR, load, load_study, sample_data, sample_path
from ._mapping import read_mapping, split_mapping, value_aliases
from ._messages import cli_warnings, fold, message_lines
from ._pseudonym_files import run
from ._pseudonymise import pseudonymise
from ._readers import sheet_names
from ._reading import FileIntake, is_technical, localise, problems_table, rule_summary
from ._registry import Registry
from ._rowargs import (
    MissingWeights,
    as_columns,
    canonical_order,
    effective_sizes,
    missing_weights,
    warn_effective_size,
    weights_argument,
)
from ._schema import AGREEMENTS, CASES, CLOSED_STATUSES, EXECUTIONS, normalise
from ._spreadsheets import csv_text, is_formula_like, write_csv, write_xlsx

__all__ = [
    "AGREEMENTS",
    "CASES",
    "CLOSED_STATUSES",
    "EXECUTIONS",
    "FileIntake",
    "MissingWeights",
    "Registry",
    "SAMPLE_AS_OF",
    "SAMPLE_DIR",
    "as_columns",
    "canonical_order",
    "check_lang",
    "cli_warnings",
    "csv_text",
    "effective_sizes",
    "fold",
    "is_formula_like",
    "is_technical",
    "load",
    "load_study",
    "localise",
    "message_lines",
    "missing_weights",
    "normalise",
    "problems_table",
    "pseudonymise",
    "read_mapping",
    "rule_summary",
    "run",
    "sample_data",
    "sample_path",
    "sheet_names",
    "split_mapping",
    "value_aliases",
    "warn_effective_size",
    "weights_argument",
    "write_csv",
    "write_xlsx",
]
