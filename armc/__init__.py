"""armc: an ARM template compiler and static analyser."""

__version__ = "0.1.0"
