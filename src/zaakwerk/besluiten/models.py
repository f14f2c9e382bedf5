"""Storage of the Besluiten register (no rules here: see domain/)."""
