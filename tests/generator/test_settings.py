"""extra.settings read through one typed structure (klimapakt.mkdocs.settings): unknown keys fail loudly."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import yaml
from mkdocs.exceptions import Abort

from conftest import ROOT
from klimapakt.mkdocs import page_macros, settings
from klimapakt.mkdocs.project import Project


class Env:
    page = None

    def __init__(self) -> None:
        self.macros: dict = {}

    def macro(self, function, name=""):
        self.macros[name or function.__name__] = function
        return function


def mkdocs_settings() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader)["extra"]["settings"]


def test_every_key_of_mkdocs_yml_is_a_declared_setting():
    read = settings.read_settings(mkdocs_settings())
    assert read.geschaeftsstelle.email == mkdocs_settings()["geschaeftsstelle"]["email"]
    assert set(settings.known_keys()) == {f"{group}.{key}" for group, values in mkdocs_settings().items()
                                          for key in values}


def test_a_known_key_gives_its_value_and_an_empty_one_stays_empty():
    read = settings.read_settings({"impressum": {"betreiber": "Musterstadt", "telefon": None}})
    assert (read.value("impressum.betreiber"), read.value("impressum.telefon"), read.value("hosting.anbieter")) == \
        ("Musterstadt", "", "")


def test_a_mistyped_key_in_a_page_fails_with_the_list_of_known_keys():
    env = Env()
    page_macros.define(env, Project.from_config(SimpleNamespace(
        config_file_path=str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "docs"),
        extra={"settings": {"impressum": {"betreiber": "Musterstadt"}}})))
    assert env.macros["setting"]("impressum.betreiber") == "Musterstadt"
    with pytest.raises(settings.UnknownSetting) as raised:
        env.macros["setting"]("impressum.betreiberin")
    assert str(raised.value).startswith("Unbekannte Einstellung „impressum.betreiberin“ (mkdocs.yml, extra.settings). "
                                        "Bekannt sind: editor.repository, editor.api_root, geschaeftsstelle.name, ")
    assert "impressum.betreiber, " in str(raised.value)


def test_the_macros_plugin_fails_the_build_on_a_macro_error():
    """mkdocs-macros only stops the build on a raised error with on_error_fail."""
    assert "on_error_fail: true" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_a_mistyped_key_in_mkdocs_yml_stops_the_build_with_the_known_keys():
    with pytest.raises(Abort, match="Unbekannte Einstellung „impressum.betreibr“ in mkdocs.yml .*Bekannt sind: "):
        Project.from_config(SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "docs"),
                                            extra={"settings": {"impressum": {"betreibr": "x"}}}))
    with pytest.raises(Abort, match="Unbekannter Abschnitt „kontakt“"):
        Project.from_config(SimpleNamespace(
            config_file_path=str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "docs"), extra={"settings": {"kontakt": {}}}))
