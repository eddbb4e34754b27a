"""The webhook relay a user may host: receives Pluggy webhooks, stores them, serves them to the app by cursor.

A separate program (``financehub relay``): it imports only ``financehub_desktop.pluggy.webhooks`` (and ``domain``),
never the app's configuration, store or services. Deployment: docs/relay.md.
"""
