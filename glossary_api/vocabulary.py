"""The domain's fixed lists: languages, categories, facets, labels, name statuses and regions.

Everything else (the terms/ format, the HTTP shapes, the classifier, the exports) takes its closed
sets from here, so adding a category or a label is a change in one place.
"""

from __future__ import annotations

import re

# BCP 47 tags of the glossary's languages, in the order they are shown.
LANGUAGES = ("en", "zh-Hans", "zh-Hant")
CATEGORIES = (
    "organization",
    "discovery-preclinical",
    "clinical",
    "data-statistics",
    "safety",
    "regulatory",
    "cmc-development",
    "manufacturing",
    "quality",
    "supply-chain",
    "commercial",
    "market-policy",
    "business",
    "out-of-domain",
)
# What a concept says about a vendor: the classifier's signals are weights on these.
FACETS = ("research", "development", "manufacturing", "commercial")
LABELS = ("CRO", "CMO", "CDMO", "CSO")
NONE_LABEL = "NONE"
ALL_LABELS = (*LABELS, NONE_LABEL)

# The kinds of names, best first: used to rank matches and to list names.
DESIGNATION_TYPES = ("abbreviation", "preferred", "variant")
# TBX administrativeStatus of a name; the last two are names to avoid (shown beside the preferred term).
STATUSES = ("preferred", "admitted", "deprecated", "superseded")
AVOIDED_STATUSES = ("deprecated", "superseded")
# Where a name is used, when only some of its language's readers use it (TBX geographicalUsage).
REGIONS = ("CN", "TW", "HK", "MO", "SG", "US", "GB")

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
