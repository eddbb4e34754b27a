"""Fixtures shared by every test below this folder."""

from tests.loop_guard import isolate_running_loop

__all__ = ["isolate_running_loop"]
