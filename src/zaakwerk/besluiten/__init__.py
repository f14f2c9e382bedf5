"""The Besluiten register."""
