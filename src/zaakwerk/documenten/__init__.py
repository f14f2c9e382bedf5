"""The Documenten register."""
