import unicodedata

import pytest

from glossary_api.text import has_han, lookup_key, normalize


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("ＣＭＯ", "cmo"),
        ("臨床試驗", "临床试验"),
        ("委託製造", "委托制造"),
        ("原料藥和中間體", "原料药和中间体"),
        ("Phase Ⅲ", "phase iii"),  # NFKC expands the Roman numeral: the slow path
        ("GMP　生产", "gmp 生产"),  # ideographic space
    ],
)
def test_normalize_folds_width_case_and_script(raw, folded):
    assert normalize(raw).text == folded


def test_simplified_text_written_in_traditional_folds_back_to_itself():
    # OpenCC writes 借此 as 藉此 and 了解 as 瞭解; going back it leaves 藉 and 瞭, simplified characters too
    from opencc import OpenCC

    simplified = "借此了解市场，仿佛只在抵御风险"
    assert normalize(OpenCC("s2t").convert(simplified)).text == normalize(simplified).text


def test_offsets_map_back_when_folding_changes_length():
    raw = "Phase Ⅲ trial"
    folded = normalize(raw)
    start = folded.text.index("trial")
    assert folded.source_span(start, start + len("trial")) == (raw.index("trial"), len(raw))
    numeral = folded.text.index("iii")
    assert folded.source_span(numeral, numeral + 3) == (6, 7)


def test_offsets_are_identity_on_the_fast_path():
    folded = normalize("臨床試驗")
    assert folded.origin is None
    assert folded.source_span(1, 3) == (1, 3)


# zero-width space, non-joiner and joiner, left-to-right and right-to-left marks, byte-order mark, soft hyphen,
# word joiner, a right-to-left isolate: what text pasted from web pages, PDFs and Word brings along unseen
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\u00ad", "\u2060", "\u2067"]


@pytest.mark.parametrize("mark", INVISIBLE)
def test_invisible_format_characters_are_dropped_with_offsets_kept(mark):
    raw = f"{mark}C{mark}MO 合同{mark}研究组织{mark}"
    folded = normalize(raw)
    assert folded.text == "cmo 合同研究组织"
    assert lookup_key(f"C{mark}MO") == lookup_key("CMO")
    start = folded.text.index("合同")
    assert raw[slice(*folded.source_span(start, start + 6))] == f"合同{mark}研究组织"


def test_only_format_characters_are_dropped():
    from glossary_api.text import _FORMAT_CHARS

    dropped = [chr(c) for c in range(0x110000) if _FORMAT_CHARS.match(chr(c))]
    assert {unicodedata.category(c) for c in dropped} == {"Cf"}
    assert normalize("a\u00a0b\u3000c").text == "a b c"  # spaces are folded, not dropped


@pytest.mark.parametrize("raw", ["fill-finish", "Fill – finish", " fill  finish ", "FILL/FINISH"])
def test_lookup_key_treats_spaces_hyphens_and_slashes_alike(raw):
    assert lookup_key(raw) == "fill finish"


def test_has_han():
    assert has_han("GMP生产")
    assert has_han("𨋢")  # U+282E2, Hong Kong's word for a lift: past the BMP
    assert not has_han("GMP production")


@pytest.mark.parametrize("text", ["𠀀CDMO", "CDMO𠀀", "𪚥CRO", "㐀CRO"])
def test_an_abbreviation_beside_a_rare_han_character_is_still_found(classifier, text):
    reading = classifier.read(text)
    assert [mention.concept.id for mention in reading.mentions] == [text.strip("𠀀𪚥㐀").lower()]


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("trial", "trials"), True),
        (("manufacture", "manufactured", "manufacturing", "manufactures"), True),
        (("study", "studies"), True),
        (("process", "processes", "processing"), True),
        (("fill", "filling", "filled"), True),
        (("production", "product"), False),
        (("development", "developer"), False),
        (("biologics", "biology"), False),
    ],
)
def test_base_form_strips_inflections_not_derivations(words, same):
    from glossary_api.tokenizer import base_form

    assert (len({base_form(w) for w in words}) == 1) is same


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("合同 研究 组织", "合同研究组织"),  # spaces inside Chinese are typed, not meant
        ("两票\u3000制", "两票制"),  # a full-width space too
        ("GMP 生产", "gmp生产"),
        ("临床前 CRO", "临床前cro"),
        ("Phase I clinical trial", "phase i clinical trial"),  # spaces between Latin words stay
        ("衞生署", "卫生署"),  # Hong Kong's 衞, through normalize()
        ("衹", "只"),  # a Hong Kong pair normalize() keeps apart
        ("藴", "蕴"),
    ],
)
def test_lookup_key_drops_spaces_in_chinese_and_folds_regional_variants(raw, key):
    assert lookup_key(raw) == key


@pytest.mark.parametrize(("word", "folded"), [("İstanbul", "istanbul"), ("Straße", "strasse"), ("ДНК", "днк"), ("ΣΤΑΘΕΡΟ", "σταθερο")])
def test_a_word_reads_alike_whatever_else_is_in_the_text(word, folded):
    # "㈱" sends a text down the per-character path; the case folds the one-to-one table lacks must not depend on it
    alone, beside = normalize(f"{word} CRO"), normalize(f"{word} CRO ㈱")
    assert (alone.text, beside.text) == (f"{folded} cro", f"{folded} cro (株)")
    assert alone.source_span(0, len(folded)) == beside.source_span(0, len(folded)) == (0, len(word))
