"""HTTP routes of the sandbox, one module per area of the Pluggy API (plus the admin API)."""
