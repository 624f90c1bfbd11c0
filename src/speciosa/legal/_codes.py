"""Jurisdiction codes as users write them: ``th``, ``US-LA``, ``us-ca:san-diego``, ``Texas``."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Final

from speciosa.errors import InputError
from speciosa.knowledge import KnowledgeBase, iso_name

__all__ = ["Place", "resolve_place"]

_CODE: Final = re.compile(r"^([A-Za-z]{2})(?:-([A-Za-z0-9]{1,3}))?(?::([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*))?$")
# common non-ISO spellings that users type
_ALIASES: Final = {"UK": "GB", "EL": "GR"}


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved jurisdiction code and the chain of codes whose law applies, innermost first."""

    code: str
    name: str
    chain: tuple[str, ...]


def _normalise(text: str) -> str | None:
    match = _CODE.match(text.strip())
    if match is None:
        return None
    country, sub, locality = match.groups()
    country = _ALIASES.get(country.upper(), country.upper())
    code = country + (f"-{sub.upper()}" if sub else "")
    return code + (f":{locality.lower()}" if locality else "")


def _suggestions(kb: KnowledgeBase, text: str) -> list[str]:
    keys: dict[str, str] = {}
    for j in kb.jurisdictions:
        keys[j.name.lower()] = j.id
        keys[j.id.lower()] = j.id
        keys[j.id.lower().replace("-", "")] = j.id
    wanted = text.strip().lower()
    hits = [keys[k] for k in difflib.get_close_matches(wanted, list(keys), n=4, cutoff=0.75)]
    unique = list(dict.fromkeys(hits))[:4]
    return [f"{c} ({kb.jurisdiction(c).name})" for c in unique]


def _unknown(kb: KnowledgeBase, text: str, why: str) -> InputError:
    close = _suggestions(kb, text)
    hint = (
        f"did you mean {', '.join(close)}?" if close else "list the known codes with `speciosa legal --list`"
    )
    return InputError("jurisdiction", f"{text!r} {why}; {hint}")


def resolve_place(kb: KnowledgeBase, text: str) -> Place:
    """Resolve a code (any case; ``UK`` for ``GB``) or an exact jurisdiction name.

    A valid ISO 3166 code without a record resolves (its status is ``unknown`` and its parents'
    law still applies); a locality must have a record.

    Raises
    ------
    InputError
        For text that is neither a known name nor an ISO 3166 code, naming the closest codes.
    """
    code = _normalise(text)
    if code is None or not kb.has("jurisdictions", code):
        by_name = {j.name.lower(): j.id for j in kb.jurisdictions}
        code = by_name.get(text.strip().lower()) or code
    if code is None:
        raise _unknown(kb, text, "is not an ISO 3166 code (TH, US-LA) or a locality (US-CA:san-diego)")
    known = kb.has("jurisdictions", code)
    if ":" in code and not known:
        raise _unknown(kb, text, "is not a locality in the data")
    iso = code.split(":")[0]
    if not known and iso_name(iso) is None:
        raise _unknown(kb, text, "is not an ISO 3166 code")
    chain = [code]
    if ":" in code:
        chain.append(iso)
    if "-" in iso:
        chain.append(iso.split("-")[0])
    name = kb.jurisdiction(code).name if known else (iso_name(code) or code)
    return Place(code, name, tuple(chain))
