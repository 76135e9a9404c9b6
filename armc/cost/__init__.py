"""Cost: an offline price catalog, monthly estimates of templates, budgets and cost diffs.

`catalog` holds prices (its own JSON format, `schemas/armc-price-catalog.schema.json`);
`importer` builds catalogs from Azure Retail Prices API pages or the shared CSV snapshot;
`estimate` prices the resources of a loaded template; `diff` compares two estimates;
`render` prints them. Money is `decimal.Decimal` throughout, rounded to cents only when shown.
"""
