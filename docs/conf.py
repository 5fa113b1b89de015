"""Sphinx configuration: the API reference, built from the numpydoc docstrings (``sphinx-build -W``)."""

from __future__ import annotations

import ekc_analysis

project = "ekc_analysis"
author = "The ekc_analysis developers"
copyright = "2026, The ekc_analysis developers"  # noqa: A001
release = ekc_analysis.__version__
extensions = ["sphinx.ext.autodoc", "sphinx.ext.autosummary", "sphinx.ext.napoleon", "sphinx.ext.viewcode"]
autosummary_generate = True
autodoc_default_options = {"members": True, "undoc-members": False}
autodoc_typehints = "description"
autodoc_type_aliases = {"Lang": "ekc_analysis.i18n.Lang"}
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False
napoleon_use_ivar = True  # dataclass fields documented once (Attributes section), not twice
exclude_patterns = ["_build", "api/generated/*.inc"]
html_theme = "alabaster"
suppress_warnings = ["autosummary.import_cycle"]
nitpicky = False
