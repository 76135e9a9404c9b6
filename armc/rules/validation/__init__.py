"""Rules of the validation category (one rule per module)."""
