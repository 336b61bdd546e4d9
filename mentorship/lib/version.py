"""The application's version: printed into what leaves the system (a college's package to
the regional centre), so the reader knows which version wrote it. pyproject.toml carries the
same number (tests/test_project.py keeps them equal)."""

APP_VERSION = "1.14.0"
