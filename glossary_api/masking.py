"""Category names masked: how much a classifier leans on "CRO", "合同研究组织" and their kin.

Real vendor texts often describe services without naming their category, so the evaluation also
scores every in-domain text with the names of the four categories (and of the sector) replaced by
a neutral word, and training adds masked copies of the training texts so that the weights learn
the services, not only the names. The copies take a number instead of a word (training.py): a word
would become a feature of its own, learned as a stand-in for the names. The list is written out
here, on purpose independent of the glossary: it must not change when the glossary does.
"""

from __future__ import annotations

import re

# Names of the categories and the sector, longest first within each script; acronyms in capitals only.
_LATIN_NAMES = [
    r"contract research,? development,? (?:and|&) manufacturing organi[sz]ations?",
    r"contract development (?:and|&) manufacturing organi[sz]ations?",
    r"contract development (?:and|&) manufacturing",
    r"contract research organi[sz]ations?",
    r"clinical research organi[sz]ations?",
    r"contract manufacturing organi[sz]ations?",
    r"contract manufacturers?",
    r"contract sales organi[sz]ations?",
    r"contract sales",
    r"contract research",
    r"contract manufacturing",
]
_ACRONYMS = ["CRDMO", "CTDMO", "CDMOs?", "CMOs?", "CROs?", "CSOs?", "CXOs?", "CDOs?"]
_HAN_NAMES = [
    "合同研究组织", "合同研究組織", "合约研究组织", "合約研究機構", "受托研究机构", "受託研究機構", "委託研究機構", "契約研究機構",
    "医药研发外包", "醫藥研發外包", "临床研究组织", "合同生产组织", "合同生產組織", "合同定制生产", "委托生产", "委託生產",
    "受托生产", "受託生產", "委託製造", "受託製造", "委托制造", "受托制造", "合同生产", "合同生產",
    "合同研发生产组织", "合同研发生产", "合同定制研发生产", "定制研发生产", "委託開發暨製造", "委託開發製造", "受託開發製造",
    "委托开发生产", "合同销售组织", "合同銷售組織", "医药销售外包", "醫藥銷售外包", "委外銷售", "合約銷售", "合同推广组织",
    "医药外包", "醫藥外包",
]
_LATIN = re.compile(
    r"\b(?:" + "|".join(_LATIN_NAMES) + r")\b|(?<![A-Za-z])(?:" + "|".join(_ACRONYMS) + r")(?![A-Za-z])",
    re.IGNORECASE,
)
_HAN = re.compile("|".join(sorted(_HAN_NAMES, key=len, reverse=True)))


NEUTRAL_WORDS = ("provider", "服务商")  # what the evaluation writes for a Latin name and for a Chinese one


def mask_category_names(text: str, neutral: tuple[str, str] = NEUTRAL_WORDS) -> str:
    """Return text with every category name replaced: by neutral[0] for Latin ones, neutral[1] for Chinese ones."""
    latin_word, han_word = neutral

    def latin(match: re.Match) -> str:
        word = match.group(0)
        spelled_out = " " in word
        return latin_word if spelled_out or word.removesuffix("s").isupper() else word

    return _HAN.sub(han_word, _LATIN.sub(latin, text))
