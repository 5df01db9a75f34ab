"""The weights file: read, written, applied in plain Python, refused with the line that is wrong."""

import math
import re

import pytest

from glossary_api import GlossaryFileError
from glossary_api.config import DEFAULT_TERMS_DIR
from glossary_api.model import WEIGHTS_FILE, Model, load_model, write_model
from glossary_api.tokenizer import base_form
from glossary_api.training import MIN_TEXTS

LABELS = ("CRO", "CMO", "CDMO", "CSO", "NONE")


def small_model(**changes):
    values = {
        "labels": LABELS,
        "idf": {"w:trial": 2.0, "w:tablet": 1.0, "ctx:service": 1.5},
        "weights": {"w:trial": (3.0, -1.0, 0.0, 0.0, -2.0), "w:tablet": (-1.0, 2.0, 1.0, 0.0, -1.0)},
        "bias": (0.0, 0.0, 0.0, 0.0, 1.0),
        "temperature": 0.5,
        "threshold": 0.45,
        "settings": {"corpus": "abc"},
    }
    return Model(**{**values, **changes})


def test_values_are_tf_idf_scaled_to_unit_length():
    values = small_model().values({"w:trial": 2, "w:tablet": 1, "w:unknown": 5})
    raw_trial, raw_tablet = (1 + math.log(2)) * 2.0, 1.0
    norm = math.hypot(raw_trial, raw_tablet)
    assert values == pytest.approx({"w:trial": raw_trial / norm, "w:tablet": raw_tablet / norm})


def test_scores_are_the_bias_plus_the_contributions_and_confidence_their_softmax():
    model = small_model()
    contributions = model.contributions({"w:trial": 0.6, "w:tablet": 0.8, "ctx:service": 0.0})
    assert set(contributions) == {"w:trial", "w:tablet"}  # ctx:service has an idf but no weight
    scores = model.scores(contributions.values())
    assert scores == pytest.approx((0.6 * 3 - 0.8, -0.6 + 1.6, 0.8, 0.0, 1.0 - 1.2 - 0.8))
    confidence = model.confidence(scores)
    exps = [math.exp(s / 0.5) for s in scores]
    assert confidence == pytest.approx(tuple(e / sum(exps) for e in exps))


@pytest.mark.parametrize("counts", [{"w:trial": 2, "w:tablet": 1, "w:unknown": 5}, {"ctx:service": 1, "w:tablet": 3}, {"w:unknown": 1}])
def test_weighing_a_text_gives_the_values_contributions_and_scores_training_uses(counts):
    model = small_model()  # ctx:service has an idf but no weight: it counts in the length, not in the scores
    contributions = model.contributions(model.values(counts))
    weighing = model.weigh(counts)
    assert weighing.features == list(contributions)
    assert [weighing.added(i) for i in range(len(weighing.features))] == [pytest.approx(c, abs=1e-12) for c in contributions.values()]
    assert weighing.scores == pytest.approx(model.scores(contributions.values()), abs=1e-12)


def test_a_written_model_reads_back_the_same(tmp_path):
    model = small_model()
    write_model(model, tmp_path / WEIGHTS_FILE, header=["a test model"])
    assert load_model(tmp_path) == model
    text = (tmp_path / WEIGHTS_FILE).read_text(encoding="utf-8")
    assert text.startswith("# a test model\n# corpus: abc\n# temperature: 0.5000\n# threshold: 0.450\nfeature\tidf\tCRO\tCMO\tCDMO\tCSO\tNONE\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no weights file; run `cxo train` to write it."),
        ("feature\tidf\tCRO\n", "header labels CRO; expected CRO, CMO, CDMO, CSO, NONE."),
        ("feature\tidf\tCRO\tCMO\tCDMO\tCSO\tNONE\nw:x\t1\t1\t2\n", ", line 2: 4 cells where the header has 7."),
        ("feature\tidf\tCRO\tCMO\tCDMO\tCSO\tNONE\nw:x\t1\t1\t2\tthree\t0\t0\n", ", line 2: could not convert string to float: 'three'."),
        ("feature\tidf\tCRO\tCMO\tCDMO\tCSO\tNONE\nw:x\t1\t1\t2\t3\t0\t0\n", ": no =bias row."),
    ],
)
def test_a_broken_weights_file_is_refused_saying_where(tmp_path, text, message):
    if text:
        (tmp_path / WEIGHTS_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryFileError) as raised:
        load_model(tmp_path)
    assert str(raised.value) == f"{tmp_path / WEIGHTS_FILE}" + (": " if not message.startswith((",", ":")) else "") + message


def test_the_shipped_weights_cover_every_label_and_are_small(classifier):
    model = classifier.model
    assert model.labels == LABELS
    # sparse: the elastic net keeps under two thirds of the features seen (the corpus grows, so the bound is relative; the
    # share crept up with it: 57% with rounds 1-20, 60.3% with rounds 1-34, 61.2% with rounds 1-43, then 59.5% with rounds
    # 1-44, whose vendors outside pharma bring words seen but not kept, 58.9% with 1-45, 58.4% with 1-46, 58.2% with 1-47, 58.5% with 1-48, 58.6% with 1-49, 59.0% with 1-50, 58.5% with 1-51; 58.6% of 20,912 without letter triples), and the file
    # stays under 1 MB to review in a diff and to load at start-up (850 KB with rounds 1-51, 681 KB without letter triples). Near either bound, a smaller select_c is the lever, chosen on dev
    # and rounds held out like the other settings.
    header = re.fullmatch(rf"(\d+) seen in {MIN_TEXTS}\+ texts, (\d+) kept", model.settings["features"])
    assert header, model.settings["features"]
    seen, kept = int(header[1]), int(header[2])
    assert len(model.weights) == kept and 1000 < kept < 2 / 3 * seen
    assert (DEFAULT_TERMS_DIR / WEIGHTS_FILE).stat().st_size < 1_000_000
    assert 0.2 <= model.threshold <= 0.8 and 0.1 <= model.temperature <= 5


def test_the_keyword_features_of_a_word_are_the_weights_own_strings(classifier):
    # a bulk worker caches the features of every word it meets: they must share the weights' strings, not copy them
    feature = classifier._keywords.of(base_form("formulations"), False)
    assert feature == "w:formulation" and id(feature) in {id(known) for known in classifier.model.idf}
