"""Stage 4's kinds of fact: one module each, all behind ``FactCheck``."""
from __future__ import annotations

from ..model import FactlintError
from ..rules import RuleErrors, RuleSet
from .base import FactCheck, Hit
from .date import DateCheck
from .members import SetCheck
from .name import NameCheck
from .participants import ParticipantsCheck
from .quantity import QuantityCheck
from .quote import QuoteCheck
from .title import TitleCheck

KINDS: dict[str, type[FactCheck]] = {c.kind: c for c in (
    DateCheck, SetCheck, ParticipantsCheck, QuoteCheck, NameCheck, TitleCheck, QuantityCheck)}

__all__ = ["KINDS", "FactCheck", "Hit", "compile_checks"]


def compile_checks(rules: RuleSet) -> list[FactCheck]:
    """One check per fact; every bad reference is collected before giving up."""
    checks, errors = [], []
    for fact in rules.facts:
        try:
            checks.append(KINDS[fact.kind](fact, rules))
        except FactlintError as e:
            errors.append(e)
    if errors:
        raise RuleErrors(errors)
    return checks
