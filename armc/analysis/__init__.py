"""The analysis engine: runs rules over a template, applies configuration and suppressions."""
