"""Renderers for diagnostics."""
