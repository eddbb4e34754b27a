"""Where a profile lives on disk, its settings file and logging. Imports only the domain."""
