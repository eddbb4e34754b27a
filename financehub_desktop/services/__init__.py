"""Use cases: the one API that the UI and the CLI call. Plain Python, no Qt."""
