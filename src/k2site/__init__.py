"""k2site: a static site generator for evidence-annotated health articles."""

__version__ = "0.2.0"
