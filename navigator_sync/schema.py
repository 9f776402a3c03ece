"""Contract v1's own checks: every violation of its JSON Schemas (and of the rules a schema
cannot say), field by field in Russian. The stand-in Navigator answers 422 with them, and the
portal runs them before publishing (``readiness``), so both say the same. No Django here.
"""

import json
import re
from pathlib import Path

import jsonschema_rs
from jsonschema import Draft202012Validator

CONTRACT = Path(__file__).resolve().parent / "contract" / "v1"


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((CONTRACT / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


VALIDATORS = {name: _validator(name) for name in ("organisation", "program", "withdrawal")}
# The same schemas compiled by jsonschema-rs: a yes/no answer many times faster. Only a payload
# it refuses goes through ``jsonschema`` for the field-by-field errors.
FAST = {
    name: jsonschema_rs.validator_for(validator.schema, validate_formats=True)
    for name, validator in VALIDATORS.items()
}


def _field(error) -> str:
    path = ""
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    if error.validator == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        name = missing[1] if missing else ""
        return f"{path}.{name}" if path else name
    if error.validator == "additionalProperties":
        extra = re.findall(r"'([^']+)'", error.message)
        name = extra[0] if extra else ""
        return f"{path}.{name}" if path else name
    return path


MESSAGES = {
    "required": "обязательное поле",
    "additionalProperties": "поле не предусмотрено контрактом",
    "enum": "недопустимое значение",
    "const": "недопустимое значение",
    "pattern": "неверный формат",
    "format": "неверный формат",
    "minItems": "нужен хотя бы один элемент",
    "uniqueItems": "значения повторяются",
    "minLength": "пустое значение",
}


def _message(error) -> str:
    if error.validator in MESSAGES:
        return MESSAGES[error.validator]
    if error.validator == "type":
        return f"неверный тип значения (ожидается {error.validator_value})"
    if error.validator == "minimum":
        return f"значение меньше допустимого ({error.validator_value})"
    if error.validator == "maximum":
        return f"значение больше допустимого ({error.validator_value})"
    if error.validator == "maxLength":
        return f"длиннее {error.validator_value} знаков"
    return error.message


def field_errors(kind: str, payload) -> list[dict]:
    """Every violation of the schema (and of the rules a schema cannot say), by field."""
    if not isinstance(payload, dict):
        return [{"field": "", "message": "ожидается объект JSON"}]
    if kind == "program" and payload.get("isDeleted") is True:
        kind = "withdrawal"
    errors = []
    if not FAST[kind].is_valid(payload):
        errors = [
            {"field": _field(e), "message": _message(e)}
            for e in sorted(VALIDATORS[kind].iter_errors(payload), key=lambda e: list(e.path))
        ]
    if kind == "program" and not errors:
        if payload["minAge"] > payload["maxAge"]:
            errors.append({"field": "maxAge", "message": "меньше minAge"})
        for index, group in enumerate(payload["groups"]):
            if group["ageFrom"] > group["ageTo"]:
                errors.append({"field": f"groups[{index}].ageTo", "message": "меньше ageFrom"})
    return errors
