"""Rules of the security category (one rule per module)."""
