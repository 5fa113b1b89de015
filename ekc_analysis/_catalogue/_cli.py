"""What the command line prints in a run of a command (validate, report, simulate, reproduce), in its ``--lang``:
key → (English, Dutch). The package's own messages (notes, problems, warnings) come from their parts, a warning in
the frame ``cli_warning``; the lines of ``pseudonymise`` are in ``_pseudonymise.py``, the help in ``_cli_help.py``.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "cli_error": ("error: {error}", "fout: {error}"),
    "cli_warning": ("warning: {text}", "waarschuwing: {text}"),
    "cli_problems_suffix": (
        "--problems {file}: the file must end in .csv or .xlsx",
        "--problems {file}: het bestand moet eindigen op .csv of .xlsx"),
    "cli_mapping_unknown": (
        "--mapping {file}: unknown column name(s) {shown}; choose from {known}",
        "--mapping {file}: onbekende kolomnaam of -namen {shown}; kies uit {known}"),
    # validate: a valid export in one line
    "cli_valid": ("{path}: valid — {n:,} initiatives{agreements}{synthetic}.",
                  "{path}: in orde — {n:,} aanmeldingen{agreements}{synthetic}."),
    "cli_valid_agreements": (" and {n:,} agreements", " en {n:,} afspraken"),
    "cli_synthetic": (" (synthetic data)", " (synthetische gegevens)"),
    # validate and report: the problems of an export
    "cli_problems_found_one": ("{path}: {n} problem found", "{path}: {n} probleem gevonden"),
    "cli_problems_found": ("{path}: {n} problems found", "{path}: {n} problemen gevonden"),
    "cli_per_rule": ("Per rule:", "Per regel:"),
    "cli_every_problem": ("Every problem:", "Alle problemen:"),
    "cli_more": ("  ... and {left} more{hint}", "  ... en nog {left}{hint}"),
    "cli_more_hint": (
        " (save them all with --problems FILE.xlsx)",
        " (bewaar ze allemaal met --problems BESTAND.xlsx)"),
    "cli_what_was_read": ("What was read:", "Wat is ingelezen:"),
    "cli_saved_one": ("{n} problem saved to {path}", "{n} probleem opgeslagen in {path}"),
    "cli_saved": ("{n} problems saved to {path}", "{n} problemen opgeslagen in {path}"),
    # report
    "cli_wrote": ("wrote:", "geschreven:"),
    "cli_no_pdf": (
        "no PDF: Chromium is not installed (or could not print)",
        "geen PDF: Chromium is niet geïnstalleerd (of kon niet printen)"),
    # reproduce: its progress lines
    "cli_reproduce_loading": ("loading and validating {data}", "{data} inlezen en controleren"),
    "cli_reproduce_analyses": ("funnel, plans, execution, trial, cohort, meta-analysis",
                               "trechter, plannen, uitvoering, trial, cohort, meta-analyse"),
    "cli_reproduce_render": ("reports, figures and tables (nl, en)", "rapporten, figuren en tabellen (nl, en)"),
    "cli_reproduce_render_pdf": ("reports, figures and tables (nl, en), PDFs by Chromium",
                                 "rapporten, figuren en tabellen (nl, en), pdf's door Chromium"),
    "cli_reproduce_writing": ("writing files", "bestanden schrijven"),
    "cli_reproduce_manifest": ("manifest", "manifest"),
    "cli_reproduce_done": ("wrote {n} files to {out} ({seconds:.1f} s)",
                           "{n} bestanden geschreven in {out} ({seconds:.1f} s)"),
    # simulate
    "cli_simulate_wrote": ("wrote {n} files to {out}: {names}", "{n} bestanden geschreven naar {out}: {names}"),
}
