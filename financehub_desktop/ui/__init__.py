"""PySide6: main window, pages, table models, charts, the Connect web view, dialogs, Qt adapters."""
