"""Storage of the Documenten register (no rules here: see domain/)."""
