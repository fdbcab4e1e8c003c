"""Scoring of the extraction against the shared development data."""
