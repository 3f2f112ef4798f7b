"""What a risk rule may never use, and why.

Article 6(4) of the PNR Directive (EU) 2016/681 forbids assessment criteria
based on a person's race or ethnic origin, political opinions, religion or
philosophical beliefs, trade-union membership, health, sex life or sexual
orientation; the Court of Justice (C-817/19, Ligue des droits humains,
2022) requires criteria to be non-discriminatory and targeted. The rule
language has no condition over such data at all; this module turns an
attempt to write one into a refusal that says why, instead of a bare
"unknown condition", and refuses rule texts that name such a
characteristic. Both read the text as a person sees it
(:func:`liaison.criteria.lookalike.fold`): a zero-width space, a soft
hyphen, fullwidth letters or a Cyrillic "о" in "religiоn" change nothing.
"""

from __future__ import annotations

import re

from liaison.criteria.lookalike import fold, plain

_ARTICLE = "Article 6(4) of Directive (EU) 2016/681 and C-817/19"

# Field or condition names someone might try, with the characteristic each reveals.
FORBIDDEN_FIELDS: dict[str, str] = {
    "race": "race or ethnic origin",
    "ethnicity": "race or ethnic origin",
    "ethnic_origin": "race or ethnic origin",
    "skin_colour": "race or ethnic origin",
    "name": "race or ethnic origin (names are read as a proxy for origin)",
    "surname": "race or ethnic origin (names are read as a proxy for origin)",
    "given_names": "race or ethnic origin (names are read as a proxy for origin)",
    "language": "race or ethnic origin",
    "nationality": "race or ethnic origin (nationality is not a travel pattern)",
    "religion": "religion or philosophical beliefs",
    "belief": "religion or philosophical beliefs",
    "meal": "religion or philosophical beliefs, or health (meal codes such as MOML, KSML, HNML, DBML)",
    "meal_preference": "religion or philosophical beliefs, or health (meal codes)",
    "special_meal": "religion or philosophical beliefs, or health (meal codes)",
    "political_opinion": "political opinions",
    "political_party": "political opinions",
    "trade_union": "trade-union membership",
    "union_membership": "trade-union membership",
    "health": "health",
    "medical": "health",
    "disability": "health",
    "wheelchair": "health (WCHR and similar assistance codes)",
    "special_service_request": "health, religion or beliefs (SSR codes carry meals and assistance)",
    "ssr": "health, religion or beliefs (SSR codes carry meals and assistance)",
    "pregnancy": "health",
    "sex_life": "sex life or sexual orientation",
    "sexual_orientation": "sex life or sexual orientation",
    "gender": "sex (a discriminatory criterion under Article 21 of the Charter)",
    "sex": "sex (a discriminatory criterion under Article 21 of the Charter)",
    "age": "age (a discriminatory criterion under Article 21 of the Charter)",
    "remarks": "any of them: free-text remarks can reveal religion, health or sex life",
    "free_text": "any of them: free text can reveal religion, health or sex life",
    "osi": "any of them: other service information is free text",
    "history": "any of them: PNR history is free text",
    "contact": "any of them: contact details are identifying, not a travel pattern",
    "email": "any of them: contact details are identifying, not a travel pattern",
}

# Words that, in a rule's name, description or a list name, show it targets a
# protected characteristic rather than a travel pattern (English and French).
_TERMS = re.compile(
    r"\b("
    r"muslims?|islam\w*|jews?|jewish|juifs?|juives?|christians?|chr[ée]tien\w*|hindus?|sikhs?|buddhists?"
    r"|kosher|casher|halal|religio\w*|ethni\w*|races?|racial|roma|tsiganes?|gitans?"
    r"|gays?|lesbian\w*|lesbiennes?|homosexu\w*|transgender|bisexu\w*"
    r"|hiv|vih|pregnan\w*|enceintes?|disabled|handicap\w*|wheelchairs?|fauteuil roulant"
    r"|trade[- ]unions?|syndica\w*|political|politiques?"
    r")\b",
    re.IGNORECASE,
)


def forbidden_field(key: str) -> str | None:
    """Why ``key`` may not be used in a rule, or None."""
    reason = FORBIDDEN_FIELDS.get(fold(key).replace(" ", "_"))
    if reason is None:
        return None
    return f"{key!r} would select people by {reason}; refused under {_ARTICLE}"


def forbidden_words(text: str) -> str | None:
    """Why a rule's text may not be accepted, or None."""
    found = _TERMS.search(fold(text))
    if found is None:
        return None
    word = found.group(0)
    disguised = "" if word in plain(text) else " (written with invisible or look-alike characters)"
    return (
        f"{word!r}{disguised} names a protected characteristic; a risk rule may only describe "
        f"travel and booking patterns ({_ARTICLE})"
    )
