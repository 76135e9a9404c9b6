"""The rule set: one class per rule, one module per rule, grouped by category.

`armc.rules.base` defines the rule API and `armc.rules.registry` discovers the rules."""
