"""Open Referral HSDS 3.0: export our directory, and import directories that already exist.

Both directions go through one description of the HSDS objects we model (`kinds.KINDS`): which
model holds each object, which of its fields are translated, and how objects nest. HSDS objects we
do not model (program, funding, metadata, organization identifiers) are not imported, and the
tabular export writes their tables with the header row only.

Import works in two steps. First every object of the input is flattened into rows, one per HSDS
id (an object repeated under several parents, such as one phone listed for a service and for its
location, becomes one row with both links, as in HSDS's tabular form), checked against the
official JSON schema and converted into model values; every problem is collected with its object,
field and reason. Only then, and only if nothing is wrong (or the caller asked to skip what is),
is everything written, in one transaction, matching existing rows on their HSDS ids.

- `kinds`: the HSDS objects we model, the input item and the flattening of nested objects.
- `reading`: input files (JSON, or a folder of CSV tables) into items.
- `validating`: the bundled HSDS schemas; items checked and converted into model values.
- `importing`: checked items written to the database.
- `exporting`: the directory as HSDS JSON and as the tabular package, valid against the
  specification's own datapackage.json; a required value we lack is written as `N/A` and
  reported in the export's README.txt (docs/directory.md).
"""
