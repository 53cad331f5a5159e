"""Browser tests: the built K2 site in headless Chromium (a package, so its conftest
keeps a module name of its own beside tests/conftest.py)."""
