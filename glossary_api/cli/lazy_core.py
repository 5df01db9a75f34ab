"""The core objects a command needs, built on first use so `cxo --help` stays instant."""

from __future__ import annotations

from functools import cached_property

import click

from ..classifier import Classifier, Core, load_core
from ..config import load_settings
from ..glossary import Glossary
from ..terms_format import load_glossary


class LazyCore:
    """Settings now; the glossary (milliseconds) or the classifier (a second: jieba) when first asked for."""

    def __init__(self, built: Core | None = None) -> None:
        """Read the settings; take a core built already (tests, an embedding program) instead of building one."""
        self.settings = load_settings()
        if built is not None:  # cached_property looks in the instance's dict first
            self.__dict__.update(glossary=built.glossary, classifier=built.classifier)

    @cached_property
    def glossary(self) -> Glossary:
        if "classifier" in self.__dict__:
            return self.classifier.glossary
        return load_glossary(self.settings["TERMS_DIR"])

    @cached_property
    def classifier(self) -> Classifier:
        return load_core(self.settings).classifier


pass_core = click.make_pass_decorator(LazyCore, ensure=True)
