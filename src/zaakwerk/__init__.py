"""Zaakwerk: a zaaksysteem implementing the VNG ZGW APIs."""

__version__ = "0.1.0"
