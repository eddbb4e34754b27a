"""Deterministic, realistic Brazilian data for sandbox items (everything derives from the seed)."""
