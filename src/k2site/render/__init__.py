"""Render stage: a resolved `Site` -> output files (path, bytes), through view-model
dicts and the Jinja2 theme."""
