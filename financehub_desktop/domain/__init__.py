"""Pure domain types: money, enums, dates and the error tree. No I/O, no Qt."""
