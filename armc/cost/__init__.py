"""Cost: an offline price catalog, monthly estimates of templates, budgets and cost diffs.

`catalog` holds prices (its own JSON format, `schemas/armc-price-catalog.schema.json`);
`importer` builds catalogs from Azure Retail Prices API pages or the shared CSV snapshot;
`pricing` prices one resource by type (with `disks` for managed-disk tiers); `estimate` loads
templates (ARM JSON or .armc, evaluated) and prices them into the `model`; `diff` compares two
estimates; `render` prints them. Money is `decimal.Decimal` throughout, rounded to cents only
when shown. See docs/cost.md.
"""
