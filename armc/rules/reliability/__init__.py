"""Rules of the reliability category (one rule per module)."""
