"""The catalogue of finding rules: stable ids, default severities and what each one means.

Rule ids are public: baselines, SARIF ``ruleId`` and ``--rule`` filters use them, so an id
is never renamed or reused. Each rule names its family: the module of `dedupe.checks` that
raises it. A new rule is a row here and, for a new family, a module there.
"""

from __future__ import annotations

from dataclasses import dataclass

from dedupe.model import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: its id, default severity, family (its checker module in `dedupe.checks`),
    a one-line summary and a longer help text."""

    id: str
    severity: Severity
    family: str
    summary: str
    help: str


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            "number-mismatch",
            "error",
            "numbers",
            "Two sources give values that do not overlap for the same count or quantity.",
            "The paired passages count the same kind of thing (troops, dollars, percent) but "
            "their values, after allowing for hedges such as 'about' or 'up to', cannot both "
            "be true. Check which source has the right figure.",
        ),
        Rule(
            "number-qualifier",
            "warning",
            "numbers",
            "Two sources give the same value with a different hedge or bound.",
            "The same figure is qualified differently ('about 10,000' vs 'up to 10,000'), or "
            "one source is exact where the other is vague. The claims are compatible but do "
            "not say the same thing.",
        ),
        Rule(
            "date-mismatch",
            "error",
            "dates",
            "Two sources date the same event differently.",
            "After resolving relative dates ('on Friday') against each article's date, the "
            "paired passages give dates that do not overlap.",
        ),
        Rule(
            "quote-drift",
            "warning",
            "quotes",
            "The same quotation from the same speaker is worded differently.",
            "A direct quotation attributed to one speaker (or, where a speaker is not found, "
            "one with nearly the same words) appears in two sources with different words. "
            "Quotes should be verbatim; one of them may be a translation or a paraphrase "
            "presented as a quote.",
        ),
        Rule(
            "name-variant",
            "info",
            "names",
            "One name is spelled two ways.",
            "Two sources spell the same person's or place's name differently "
            "('Sergei Lavrov' / 'Sergey Lavrov'), often a transliteration difference.",
        ),
        Rule(
            "attribution-mismatch",
            "warning",
            "attribution",
            "The same claim is credited to different sources.",
            "The paired passages make the same claim but attribute it to different sources "
            "('the Pentagon said' / 'the West believes').",
        ),
        Rule(
            "duplicate",
            "info",
            "copies",
            "A passage or article is copied from another source with little change.",
            "Most of the text of one document appears, nearly verbatim, in a document from "
            "another source: a reprint or a shared wire story.",
        ),
        Rule(
            "omission",
            "info",
            "omissions",
            "A claim made by one source is left out by the other.",
            "Shown only with --show-omissions: the passage in one source carries a number, "
            "date or quotation that its paired passage in the other source does not.",
        ),
        Rule(
            "number-update",
            "warning",
            "numbers",
            "Two sources give different values for a running count (a toll, the injured).",
            "The dead, the injured, the arrested or homes without power are counted again as a "
            "story develops, and the two passages are not copies of one sentence: both reports "
            "may have been right when written. Check which figure is the later or official one.",
        ),
    )
}
