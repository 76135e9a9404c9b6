"""Resource property types from Azure's published REST models (the `azure-mgmt-*` SDKs).

`armc.types.tables` loads the generated tables in `data/` (lazily, one package file at a time);
`armc.types.check` walks a resource body against them. The tables are regenerated with
`python tools/generate_types.py` (see docs/types.md); armc needs no Azure SDK at run time."""
