"""Rules of the practice category (one rule per module)."""
