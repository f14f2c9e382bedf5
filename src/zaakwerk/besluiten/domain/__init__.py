"""The rules of the Besluiten register: ``besluit`` (besluiten) and ``informatieobjecten``
(besluitinformatieobjecten). ``common`` holds what both share."""
