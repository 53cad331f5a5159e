"""Lint stage: a resolved site and its page texts -> overclaim notes and warnings, from
each claim's words against its evidence."""
