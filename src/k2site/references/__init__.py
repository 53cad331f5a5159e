"""The references: .bib texts -> `Study` values (BibTeX, LaTeX), and studies ->
CSL-JSON, formatted by citeproc-py (with its patches) and exported as BibTeX and RIS."""
