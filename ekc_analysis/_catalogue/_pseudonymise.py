"""What pseudonymising noted: the lines ``python -m ekc_analysis pseudonymise`` prints (``pseudonymise_line_<key>``)
and what :func:`ekc_analysis.pseudonymise` did to a column or why it left one out (the values of its frame's
``.attrs["pseudonymised"]`` and ``.attrs["left_out"]``, as messages): key → (English, Dutch).
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # the command's lines: what was done to each table, the key, the files written
    "pseudonymise_line_done": ("{table}: {column}: {what}", "{table}: {column}: {what}"),
    "pseudonymise_line_left_out": ("{table}: left out: {columns}", "{table}: weggelaten: {columns}"),
    "pseudonymise_line_why": ("{column} ({why})", "{column} ({why})"),
    "pseudonymise_line_nothing": (
        "{table}: no identifier columns found", "{table}: geen identificerende kolommen gevonden"),
    "pseudonymise_line_review": (
        "columns left out are not in the output; look at them, and keep one that holds nothing personal with --keep "
        "COLUMN (repeatable)",
        "weggelaten kolommen staan niet in de uitvoer; bekijk ze, en houd een kolom zonder persoonsgegevens met "
        "--keep KOLOM (herhaalbaar)"),
    "pseudonymise_line_new_key": (
        "new key written to {key_file} (readable by you only); keep it apart from the data",
        "nieuwe sleutel geschreven naar {key_file} (alleen door u leesbaar); bewaar hem apart van de gegevens"),
    "pseudonymise_line_old_key": (
        "{key_file} exists: its key is used (--new-key writes a key only when the file is missing)",
        "{key_file} bestaat: die sleutel wordt gebruikt (--new-key schrijft alleen een sleutel als het bestand "
        "ontbreekt)"),
    "pseudonymise_line_wrote": ("wrote {path}", "geschreven: {path}"),
    "pseudonymise_line_key_apart": (
        "the key stays in {key_file}; keep it apart from the data",
        "de sleutel blijft in {key_file}; bewaar hem apart van de gegevens"),
    # what ekc.pseudonymise did to a column, and why it left one out (its frame's .attrs, as messages)
    "pseudonymise_done_year": ("birth date coarsened to year", "geboortedatum afgerond op het jaar"),
    "pseudonymise_done_pseudonym": ("HMAC-SHA256 pseudonym ({why})", "HMAC-SHA256-pseudoniem ({why})"),
    "pseudonymise_done_asked": (
        "HMAC-SHA256 pseudonym (column asked for)", "HMAC-SHA256-pseudoniem (gevraagde kolom)"),
    "pseudonymise_why_unknown": ("not a column the package knows", "geen kolom die het pakket kent"),
    "pseudonymise_why_free_text": ("free text", "vrije tekst"),
}
