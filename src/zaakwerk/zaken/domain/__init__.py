"""The rules of the Zaken register, one module per subject:

- ``zaak``: creating, changing and deleting zaken (identificatie, defaults, deadlines, opschorting,
  verlenging, hoofdzaak/deelzaken, relevanteAndereZaken, the delete cascade of zrc-023);
- ``status``: statussen, resultaten, closing and reopening (zrc-007, zrc-008); the archive
  derivation itself (zrc-021, all nine afleidingswijzen) is in ``zaken/archief.py``;
- ``betrokkenen``: rollen; ``objecten``: zaakobjecten; ``eigenschappen``: zaakeigenschappen;
- ``relaties``: zaakinformatieobjecten, zaakbesluiten, zaakcontactmomenten, zaakverzoeken,
  klantcontacten; ``notities``: zaaknotities;
- ``bulk``: the bulk path for imports (zaken with their parts, zaakinformatieobjecten), by the
  same rules as the modules above.

``common`` holds what they share: URLs, recording (audit trail + notification on kanaal zaken)
and the guard that a closed zaak changes only with zaken.geforceerd-bijwerken.
"""
