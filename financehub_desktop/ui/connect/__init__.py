"""The Pluggy Connect widget in an embedded QtWebEngine view, and the bridge from its URL events to Qt."""
