"""The rules of the Documenten register: one module per subject (documenten: informatieobjecten,
versions, locks and content; bestandsdelen: uploads in parts; relaties: objectinformatieobjecten and
the in-process seam with the Zaken and Besluiten registers; bulk: the bulk path for imports)."""
