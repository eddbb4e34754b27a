"""The sync engine: refresh an item at Pluggy, pull every product into the store, resumably; events from the relay
or from polling, applied once each. Plain asyncio, no Qt (docs/sync.md).

- ``engine.SyncEngine(client, store).sync_item(item_id, answer_mfa=..., observer=...) -> SyncReport``
- ``scheduler.SyncScheduler``: the user's interval, history of runs, observers for the UI
- ``events.EventProcessor`` + ``sources.RelaySource`` / ``sources.PollingSource``
- ``command.add_parser``: ``financehub sync [--item ID] [--demo]`` (registered by ``cli.py``)
"""
