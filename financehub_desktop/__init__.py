"""FinanceHub Desktop: Brazilian bank data through Pluggy, kept encrypted on your own computer."""

__version__ = "0.1.0"
APP_NAME = "FinanceHub Desktop"
APP_ID = "financehub-desktop"
