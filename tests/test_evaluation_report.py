"""The evaluation arithmetic, on labels chosen by hand (no classifier involved)."""

from glossary_api.evaluation import LabelledText, evaluate


class FixedClassifier:
    """Answers a fixed label per text, so the expected figures can be worked out by hand."""

    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers

    def classify(self, text: str):
        return type("Decision", (), {"label": self.answers[text]})()


def test_a_label_only_ever_predicted_wrongly_counts_in_macro_f1():
    items = [LabelledText("1", "a", "CRO"), LabelledText("2", "b", "CRO")]
    report = evaluate(FixedClassifier({"a": "CRO", "b": "CSO"}), items)
    # CRO: precision 1, recall 0.5, F1 2/3; CSO: predicted once, never right, F1 0
    assert round(report.per_label["CRO"].f1, 3) == 0.667
    assert report.per_label["CSO"].f1 == 0
    assert round(report.macro_f1, 3) == 0.333
    assert report.confusion["CRO"]["CSO"] == 1
    assert [(item.id, label) for item, label in report.misclassified] == [("2", "CSO")]
