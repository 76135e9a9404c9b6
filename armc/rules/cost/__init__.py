"""Rules of the cost category (one rule per module)."""
