"""ZAAKOBJECTen: what a zaak is about (Zaken API 1.7.0, ``/zaakobjecten``).

Rules (the OAS "Er wordt gevalideerd op" of zaakobject_create/update and the schema texts):

- the object is named by its ``object`` URL, by an ``objectIdentificatie``, or both; neither is
  400 ``nonFieldErrors`` / ``invalid-zaakobject``.
- a given ``object`` URL gives a valid response (HTTP 200): 400 ``object`` / ``bad-url``.
- ``objectIdentificatie`` is validated against the schema of the ``objectType`` (31 types,
  ``schemas_objecten``; BSNs pass the 11-proof) and stored complete.
- ``objectType`` "overige" needs ``objectTypeOverige`` or ``objectTypeOverigeDefinitie``
  (``missing-object-type-overige``); other types may not have them
  (``invalid-object-type-overige-usage``). ``objectTypeOverige`` matches ``[a-z\\_]+``.
- with ``objectTypeOverigeDefinitie`` an ``object`` URL is required and ``objectIdentificatie`` is
  not possible; the object's data (jq path ``objectData``) is validated against the JSON schema
  found in the objecttype resource (jq path ``schema``): 400 ``object`` / ``invalid-schema``.
- ``zaakobjecttype`` (optional) belongs to the zaaktype of the zaak: 400 ``nonFieldErrors`` /
  ``zaaktype-mismatch``.
- ``zaak``, ``object`` and ``objectType`` cannot change (400 ``wijzigen-niet-toegelaten``).
- zrc-007: once the zaak is closed, zaakobjecten change only with ``zaken.geforceerd-bijwerken``.

Input: snake_case keys; ``zaak`` and ``zaakobjecttype`` are model instances (for an update,
``zaak`` may be the URL as sent when it names no zaak); the JSON groups are as sent.
"""

from __future__ import annotations

import re


from zaakwerk.core.actor import Actor
from zaakwerk.core.db import change
from zaakwerk.core.errors import ValidationErrors
from zaakwerk.core.references import ReferenceLookupError, fetch_json, is_local

from ..models import ZaakObject
from ..representation_objecten import zaakobject_url, zaakobjecten_json
from ..schemas_objecten import OBJECT_IDENTIFICATIE, ObjectTypeOverigeDefinitie
from .betrokkenen import decode_group
from .common import ensure_open_or_forced, locked_zaak, record_zaak_change
from .relaties import check_url_answers

NON_FIELD = "nonFieldErrors"
IMMUTABLE = "wijzigen-niet-toegelaten"
OVERIGE = "overige"
# the OAS pattern, unanchored as JSON Schema patterns are
OBJECT_TYPE_OVERIGE_PATTERN = re.compile(r"[a-z\_]+")
DEFINITIE = "objectTypeOverigeDefinitie"


def _snapshot(actor: Actor, obj: ZaakObject) -> dict:
    return zaakobjecten_json([obj], actor.base_url)[0]


def _weergave(zaak, obj: ZaakObject) -> str:
    return f"{zaak.identificatie} - {obj.object_type}: {obj.relatieomschrijving or obj.object}"[:200]


def _check_zaakobjecttype(zaak, zaakobjecttype, errors: ValidationErrors) -> None:
    if zaakobjecttype is not None and zaakobjecttype.zaaktype_id != zaak.zaaktype_id:
        errors.add(NON_FIELD, "zaaktype-mismatch", "Het zaakobjecttype hoort niet bij het zaaktype van de zaak.")


def _check_overige(object_type: str, overige: str, definitie, errors: ValidationErrors) -> None:
    if object_type == OVERIGE:
        if not overige and not definitie:
            errors.add(NON_FIELD, "missing-object-type-overige",
                       'Als objectType "overige" is, geef dan objectTypeOverige of '
                       "objectTypeOverigeDefinitie op.")
    else:
        if overige:
            errors.add("objectTypeOverige", "invalid-object-type-overige-usage",
                       'objectTypeOverige mag alleen bij objectType "overige".')
        if definitie:
            errors.add(DEFINITIE, "invalid-object-type-overige-usage",
                       'objectTypeOverigeDefinitie mag alleen bij objectType "overige".')
    if overige and not OBJECT_TYPE_OVERIGE_PATTERN.search(overige):
        errors.add("objectTypeOverige", "invalid", "objectTypeOverige bestaat uit kleine letters en '_'.")


def _identificatie(object_type: str, raw, errors: ValidationErrors) -> dict | None:
    schema = OBJECT_IDENTIFICATIE.get(object_type)
    if schema is None or raw is None:  # the types without objectIdentificatie ignore one sent
        return None
    return decode_group(schema, raw, "objectIdentificatie", errors)


def _check_object_url(value: str, errors: ValidationErrors) -> None:
    try:
        check_url_answers(value)
    except ReferenceLookupError as exc:
        errors.add("object", exc.code, exc.detail)


def _remote_checks(object_type: str, object_url: str, raw_identificatie, raw_definitie,
                   errors: ValidationErrors) -> dict | None:
    """The checks that need another register (the object URL answers; an "overige" object
    satisfies the schema of its objecttype). They run before the zaak is locked, so a slow
    register does not hold up other writes on the zaak. Returns the decoded definitie."""
    definitie = None
    if raw_definitie is not None:
        definitie = decode_group(ObjectTypeOverigeDefinitie, raw_definitie, DEFINITIE, errors)
    if object_url:
        if raw_definitie is None:
            _check_object_url(object_url, errors)
        elif definitie is not None and object_type == OVERIGE and raw_identificatie is None:
            check_overige_definitie(definitie, object_url, errors)
    return definitie


def build_zaakobject(zaak, data: dict, definitie: dict | None, errors: ValidationErrors) -> ZaakObject:
    """The local rules of a new zaakobject (``_remote_checks`` did the ones that need another
    register and decoded ``definitie``): problems are added to ``errors``; the unsaved ZaakObject
    is returned (meaningful only without problems). No database access (``domain.bulk``)."""
    object_type = data["object_type"]
    object_url = data.get("object") or ""
    raw_identificatie = data.get("object_identificatie")
    raw_definitie = data.get("object_type_overige_definitie")
    if object_type not in OBJECT_IDENTIFICATIE:
        errors.add("objectType", "invalid_choice", f'"{object_type}" is geen geldige keuze.')
    overige = data.get("object_type_overige") or ""
    zaakobjecttype = data.get("zaakobjecttype")
    _check_zaakobjecttype(zaak, zaakobjecttype, errors)
    _check_overige(object_type, overige, raw_definitie, errors)
    identificatie = _identificatie(object_type, raw_identificatie, errors)
    if raw_definitie is not None:
        if not object_url:
            errors.add("object", "required",
                       "Geef een object-URL op als je objectTypeOverigeDefinitie gebruikt.")
        if raw_identificatie is not None:
            errors.add("objectIdentificatie", "invalid",
                       "objectIdentificatie kan niet samen met objectTypeOverigeDefinitie.")
    if not object_url and not raw_identificatie and raw_definitie is None:
        errors.add(NON_FIELD, "invalid-zaakobject", "Geef het object (URL) of de objectIdentificatie op.")
    return ZaakObject(
        zaak=zaak, object=object_url, zaakobjecttype=zaakobjecttype, object_type=object_type,
        object_type_overige=overige, object_type_overige_definitie=definitie,
        relatieomschrijving=data.get("relatieomschrijving") or "", object_identificatie=identificatie,
    )


def create_zaakobject(actor: Actor, data: dict) -> ZaakObject:
    ensure_open_or_forced(actor, data["zaak"])
    errors = ValidationErrors()
    object_type = data["object_type"]
    object_url = data.get("object") or ""
    raw_identificatie = data.get("object_identificatie")
    raw_definitie = data.get("object_type_overige_definitie")
    definitie = _remote_checks(object_type, object_url, raw_identificatie, raw_definitie, errors)
    with change():
        zaak = locked_zaak(data["zaak"])
        ensure_open_or_forced(actor, zaak)
        obj = build_zaakobject(zaak, data, definitie, errors)
        errors.raise_if_any()
        obj.save(force_insert=True)
        record_zaak_change(actor, zaak=zaak, actie="create", resource="zaakobject",
                           resource_url=zaakobject_url(actor.base_url, obj.pk), oud=None,
                           nieuw=_snapshot(actor, obj), weergave=_weergave(zaak, obj))
        return obj


def update_zaakobject(actor: Actor, obj: ZaakObject, data: dict, partial: bool) -> ZaakObject:
    """PUT and PATCH. Fields not sent keep their value (``objectIdentificatie`` and
    ``objectTypeOverigeDefinitie`` too: a sent one replaces the stored one as a whole)."""
    remote_errors = ValidationErrors()
    raw_definitie = data.get("object_type_overige_definitie")
    if raw_definitie is not None and obj.object and obj.object_type == OVERIGE \
            and data.get("object_identificatie") is None:
        # a new definitie: the (immutable) object against it, before the zaak is locked
        ensure_open_or_forced(actor, obj.zaak)
        definitie = decode_group(ObjectTypeOverigeDefinitie, raw_definitie, DEFINITIE, ValidationErrors())
        if definitie is not None:
            check_overige_definitie(definitie, obj.object, remote_errors)
    with change():
        zaak = locked_zaak(obj.zaak_id)
        ensure_open_or_forced(actor, zaak)
        obj = ZaakObject.objects.select_for_update().get(pk=obj.pk)
        oud = _snapshot(actor, obj)
        errors = ValidationErrors()
        if "zaak" in data and getattr(data["zaak"], "pk", None) != obj.zaak_id:
            errors.add("zaak", IMMUTABLE, "De zaak mag niet gewijzigd worden.")
        if "object" in data and (data["object"] or "") != obj.object:
            errors.add("object", IMMUTABLE, "Het object mag niet gewijzigd worden.")
        if "object_type" in data and data["object_type"] != obj.object_type:
            errors.add("objectType", IMMUTABLE, "Het objectType mag niet gewijzigd worden.")
        errors.raise_if_any()
        zaakobjecttype = data["zaakobjecttype"] if "zaakobjecttype" in data else obj.zaakobjecttype
        _check_zaakobjecttype(zaak, zaakobjecttype, errors)
        overige = (data.get("object_type_overige") or "") if "object_type_overige" in data \
            else obj.object_type_overige
        definitie = obj.object_type_overige_definitie
        if raw_definitie is not None:
            definitie = decode_group(ObjectTypeOverigeDefinitie, raw_definitie, DEFINITIE, errors)
        elif "object_type_overige_definitie" in data:  # null: no definitie
            definitie = None
        _check_overige(obj.object_type, overige, definitie, errors)
        identificatie = obj.object_identificatie
        if data.get("object_identificatie") is not None:
            if definitie:
                errors.add("objectIdentificatie", "invalid",
                           "objectIdentificatie kan niet samen met objectTypeOverigeDefinitie.")
            else:
                identificatie = _identificatie(obj.object_type, data["object_identificatie"], errors)
        if definitie and not obj.object:
            errors.add("object", "required", "Geef een object-URL op als je objectTypeOverigeDefinitie gebruikt.")
        for param in remote_errors.params:
            errors.add(param.name, param.code, param.reason)
        errors.raise_if_any()
        obj.zaakobjecttype = zaakobjecttype
        obj.object_type_overige = overige
        obj.object_type_overige_definitie = definitie
        obj.object_identificatie = identificatie
        if "relatieomschrijving" in data or not partial:
            obj.relatieomschrijving = data.get("relatieomschrijving") or ""
        obj.save()
        record_zaak_change(actor, zaak=zaak, actie="partial_update" if partial else "update",
                           resource="zaakobject", resource_url=zaakobject_url(actor.base_url, obj.pk),
                           oud=oud, nieuw=_snapshot(actor, obj), weergave=_weergave(zaak, obj))
        return obj


def delete_zaakobject(actor: Actor, obj: ZaakObject) -> None:
    with change():
        zaak = locked_zaak(obj.zaak_id)
        ensure_open_or_forced(actor, zaak)
        oud = _snapshot(actor, obj)
        weergave = _weergave(zaak, obj)
        obj.delete()
        record_zaak_change(actor, zaak=zaak, actie="destroy", resource="zaakobject",
                           resource_url=oud["url"], oud=oud, nieuw=None, weergave=weergave)


# ---- objectType "overige" with a definitie: the object's data against the objecttype's schema ------


def check_overige_definitie(definitie: dict, object_url: str, errors: ValidationErrors) -> None:
    """Fetch the objecttype (``definitie.url``), take its JSON schema (jq path ``schema``), fetch
    the object, take its data (jq path ``objectData``) and validate the data against the schema.
    Adds 400 problems to ``errors``."""
    try:
        objecttype = fetch_json(definitie["url"])
    except ReferenceLookupError as exc:
        errors.add(f"{DEFINITIE}.url", exc.code, exc.detail)
        return
    schema = _jq(definitie["schema"], objecttype, f"{DEFINITIE}.schema", errors)
    if schema is _INVALID:
        return
    if not isinstance(schema, dict):
        errors.add(f"{DEFINITIE}.schema", "invalid", "Op het opgegeven pad staat geen JSON-schema.")
        return
    if is_local(object_url):
        errors.add("object", "invalid-resource",
                   "Een object van deze server kan niet tegen een objecttype-schema worden gevalideerd.")
        return
    try:
        resource = fetch_json(object_url)
    except ReferenceLookupError as exc:
        errors.add("object", exc.code, exc.detail)
        return
    object_data = _jq(definitie["objectData"], resource, f"{DEFINITIE}.objectData", errors)
    if object_data is _INVALID:
        return
    if object_data is None:
        errors.add(f"{DEFINITIE}.objectData", "invalid", "Op het opgegeven pad staan geen objectgegevens.")
        return
    outcome = schema_allows(schema, object_data)
    if outcome is None:
        errors.add(f"{DEFINITIE}.schema", "invalid", "Het gevonden JSON-schema is ongeldig of onbruikbaar.")
    elif not outcome:
        errors.add("object", "invalid-schema", "De objectgegevens voldoen niet aan het schema van het objecttype.")


_INVALID = object()
_JQ_TOKEN = re.compile(r"""
    \.(?P<name>[A-Za-z_][A-Za-z0-9_]*)          # .field
  | \."(?P<quoted>(?:[^"\\]|\\.)*)"              # ."field with spaces"
  | \[\s*(?P<index>-?\d+)\s*\]                   # [0]
  | \[\s*"(?P<key>(?:[^"\\]|\\.)*)"\s*\]         # ["field"]
  | \.(?=\[)                                     # the dot of .[0] / .["field"]
""", re.VERBOSE)


def jq_path(expression: str, data):
    """Evaluate a jq *path* expression (``.``, ``.record.data``, ``.versions[0].jsonSchema``,
    ``."a b"``, ``.["x"]``) on JSON data, with jq's semantics for absent keys (null). Other jq
    programs are refused with ValueError: the standard's examples are all paths, and evaluating
    arbitrary programs from a client is neither needed nor safe."""
    expression = expression.strip()
    if not expression.startswith("."):
        raise ValueError(expression)
    if expression == ".":
        return data
    position, value = 0, data
    while position < len(expression):
        match = _JQ_TOKEN.match(expression, position)
        if match is None or match.end() == position:
            raise ValueError(expression)
        position = match.end()
        name = match.group("name")
        if name is None and match.group("quoted") is not None:
            name = match.group("quoted").replace('\\"', '"')
        if name is None and match.group("key") is not None:
            name = match.group("key").replace('\\"', '"')
        if name is not None:
            value = value.get(name) if isinstance(value, dict) else None
        elif match.group("index") is not None:
            index = int(match.group("index"))
            value = value[index] if isinstance(value, list) and -len(value) <= index < len(value) else None
    return value


def _jq(expression: str, data, name: str, errors: ValidationErrors):
    try:
        return jq_path(expression, data)
    except ValueError:
        errors.add(name, "invalid", "Alleen jq-paden worden ondersteund, zoals .record.data of .jsonSchema.")
        return _INVALID


def schema_allows(schema: dict, data) -> bool | None:
    """Does ``data`` satisfy the JSON schema? None when the schema itself is unusable. Uses
    jsonschema-rs when installed (every draft); otherwise the common keywords
    (``_subset_allows``). References are never fetched."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - depends on the installation
        return _subset_allows(schema, data)

    def refuse(uri):
        raise ValueError(f"externe $ref {uri} wordt niet opgehaald")

    try:
        validator = jsonschema_rs.validator_for(schema, retriever=refuse)
    except (jsonschema_rs.ValidationError, ValueError, TypeError):
        return None
    try:
        return validator.is_valid(data)
    except (jsonschema_rs.ValidationError, ValueError):
        return None


_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}


def _subset_allows(schema, data) -> bool | None:
    """A JSON schema check of the keywords objecttype schemas use (type, enum, const, required,
    properties, additionalProperties, items, length/size/range limits, pattern, allOf/anyOf/
    oneOf/not). None for a schema it cannot evaluate (e.g. one with $ref)."""
    if schema is True or schema == {}:
        return True
    if schema is False:
        return False
    if not isinstance(schema, dict) or "$ref" in schema:
        return None
    results: list[bool | None] = []
    kind = schema.get("type")
    if kind is not None:
        kinds = kind if isinstance(kind, list) else [kind]
        if any(k not in _TYPES for k in kinds):
            return None
        results.append(any(_TYPES[k](data) for k in kinds))
    if "enum" in schema:
        results.append(data in schema["enum"])
    if "const" in schema:
        results.append(data == schema["const"])
    if isinstance(data, dict):
        results.append(all(key in data for key in schema.get("required", [])))
        properties = schema.get("properties", {})
        for key, value in data.items():
            if key in properties:
                results.append(_subset_allows(properties[key], value))
            elif "additionalProperties" in schema:
                results.append(_subset_allows(schema["additionalProperties"], value))
    if isinstance(data, list):
        if isinstance(schema.get("items"), dict):
            results.extend(_subset_allows(schema["items"], item) for item in data)
        if "minItems" in schema:
            results.append(len(data) >= schema["minItems"])
        if "maxItems" in schema:
            results.append(len(data) <= schema["maxItems"])
    if isinstance(data, str):
        if "minLength" in schema:
            results.append(len(data) >= schema["minLength"])
        if "maxLength" in schema:
            results.append(len(data) <= schema["maxLength"])
        if "pattern" in schema:
            try:
                results.append(re.search(schema["pattern"], data) is not None)
            except re.error:
                return None
    if _TYPES["number"](data):
        for key, test in (("minimum", lambda v, m: v >= m), ("maximum", lambda v, m: v <= m),
                          ("exclusiveMinimum", lambda v, m: v > m), ("exclusiveMaximum", lambda v, m: v < m)):
            if key in schema and not isinstance(schema[key], bool):
                results.append(test(data, schema[key]))
    for sub in schema.get("allOf", []):
        results.append(_subset_allows(sub, data))
    if "anyOf" in schema:
        outcomes = [_subset_allows(sub, data) for sub in schema["anyOf"]]
        results.append(None if None in outcomes else any(outcomes))
    if "oneOf" in schema:
        outcomes = [_subset_allows(sub, data) for sub in schema["oneOf"]]
        results.append(None if None in outcomes else outcomes.count(True) == 1)
    if "not" in schema:
        outcome = _subset_allows(schema["not"], data)
        results.append(None if outcome is None else not outcome)
    if None in results:
        return None
    return all(results)
