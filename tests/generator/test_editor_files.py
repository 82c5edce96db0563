"""The form editor at /admin/: written from the pinned npm package only when a repository is configured,
with every URL it would fetch from a CDN pointed at a copy beside the page."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from klimapakt.mkdocs import admin

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = {"editor": {"repository": "besitzer/klimapakt-test"}}


def test_without_a_repository_the_site_has_no_editor(tmp_path):
    assert admin.write_admin(tmp_path, ROOT, {"editor": {"repository": ""}}) is None
    assert admin.write_admin(tmp_path, ROOT, {}) is None
    assert not (tmp_path / "admin").exists()


def test_a_repository_not_in_the_form_owner_name_stops_the_build_in_german(tmp_path):
    with pytest.raises(admin.AdminError, match="kein GitHub-Repository der Form „besitzer/name“"):
        admin.write_admin(tmp_path, ROOT, {"editor": {"repository": "https://github.com/besitzer/name"}})


def test_without_the_npm_package_the_build_says_to_run_npm_ci(tmp_path):
    with pytest.raises(admin.AdminError, match="npm ci --ignore-scripts"):
        admin.write_admin(tmp_path / "site", tmp_path, SETTINGS)


@pytest.mark.npm  # the editor bundle comes from the pinned npm package @sveltia/cms
def test_the_editor_is_written_with_its_fonts_locale_and_configuration(tmp_path):
    target = admin.write_admin(tmp_path, ROOT, SETTINGS)
    bundle = (target / "sveltia-cms.js").read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" not in bundle and "githubstatus.com/api" not in bundle
    assert "`./locales`" in bundle and "`./package.json`" in bundle
    assert "maximum-scale" not in bundle and "`width=device-width`,`initial-scale=1`," in bundle  # zoom allowed
    for name in ("source-sans-3-latin-wght-normal.woff2", "material-symbols-outlined-latin-wght-normal.woff2"):
        assert (target / "fonts" / name).stat().st_size > 10_000
        assert f"fonts/{name}" in bundle
    assert yaml.safe_load((target / "locales/de.json").read_text(encoding="utf-8"))
    config = yaml.safe_load((target / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "besitzer/klimapakt-test"
    page = (target / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page and '<html lang="de">' in page


def test_a_bundle_that_moved_a_cdn_url_stops_the_build():
    with pytest.raises(admin.AdminError, match="neue Sveltia-Version"):
        admin.self_hosted("console.log('no CDN URLs here')")
