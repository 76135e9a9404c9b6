"""Rules of the validation category: what Azure would reject (one rule per module)."""
