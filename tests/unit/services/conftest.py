from tests.support.sample_store import bus, store

__all__ = ["bus", "store"]
