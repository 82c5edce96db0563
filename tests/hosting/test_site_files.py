"""What the build writes for a web server: the policy in every page, redirects, precompressed copies."""

from __future__ import annotations

import base64
import gzip
import hashlib
import re

import brotli
import pytest

from klimapakt.hosting import compress, csp, nginx, redirects

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script>var a = 1;</script><script src="x.js"></script><script id="__config" type="application/json">{"a": 1}</script>
<noscript><style>.x { display: none; }</style></noscript></head><body><script>b()</script></body></html>"""


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_a_pages_policy_hashes_exactly_its_inline_scripts_and_styles():
    policy = csp.page_policy(PAGE)
    assert policy.scripts == {sha("var a = 1;"), sha("b()")}  # not the external one, not the JSON data
    assert policy.styles == {sha(".x { display: none; }")}
    meta = policy.value(header=False)
    assert meta.startswith("default-src 'none'; script-src 'self' 'sha256-")
    assert "'unsafe-inline'" not in meta and "frame-ancestors" not in meta
    assert "object-src 'none'; base-uri 'self'; form-action 'self'" in meta
    assert policy.value(header=True) == meta + "; frame-ancestors 'none'"


def test_the_meta_comes_right_after_the_charset_before_any_script_and_only_once():
    policy = csp.page_policy(PAGE)
    once = csp.with_meta(PAGE, policy)
    twice = csp.with_meta(once, policy)
    assert once == twice
    assert once.count('http-equiv="Content-Security-Policy"') == 1
    assert once.index("Content-Security-Policy") < once.index("<script")
    assert re.search(r'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src \'none\';', once)


def test_secure_site_writes_every_page_and_the_union_for_the_header(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text(PAGE.replace("var a = 1;", "var a = 2;"), encoding="utf-8")
    union = csp.secure_site(tmp_path)
    assert sha("var a = 1;") in union.scripts and sha("var a = 2;") in union.scripts
    assert sha("var a = 2;") not in (tmp_path / "index.html").read_text(encoding="utf-8")  # each page its own
    header = (tmp_path / csp.HEADER_FILE).read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{union.value(header=True)}" always;' in header


def test_a_page_secured_in_memory_is_written_as_secure_site_writes_it_and_not_read_again(tmp_path):
    html, policy = csp.secure_page(PAGE)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(html, encoding="utf-8")
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    union = csp.secure_site(tmp_path, {"a/index.html": policy})
    assert html == (tmp_path / "index.html").read_text(encoding="utf-8")  # the same bytes either way
    (tmp_path / "a" / "index.html").write_text("<p>changed</p>", encoding="utf-8")
    assert csp.secure_site(tmp_path, {"a/index.html": policy}) == union
    assert (tmp_path / "a" / "index.html").read_text(encoding="utf-8") == "<p>changed</p>"  # not read, not rewritten


def test_redirect_pairs_become_nginx_301s(tmp_path):
    pairs = [("partner/alt-gmbh/", "partner/neu-gmbh/"), ("partner/aelter/", "partner/neu-gmbh/")]
    redirects.write_nginx_redirects(tmp_path, pairs)
    assert (tmp_path / redirects.REDIRECTS_FILE).read_text(encoding="utf-8").splitlines()[1:] == [
        'location = "/partner/alt-gmbh/" { return 301 "/partner/neu-gmbh/"; }',
        'location = "/partner/aelter/" { return 301 "/partner/neu-gmbh/"; }']


def test_no_pairs_still_write_the_snippet_nginx_includes(tmp_path):
    redirects.write_nginx_redirects(tmp_path, [])
    assert (tmp_path / redirects.REDIRECTS_FILE).read_text(encoding="utf-8").startswith("# Written by the build")


@pytest.mark.parametrize("pair", [("partner/a/", "partner/a/"), ("partner/a", "partner/b/"), ('partner/a"; x/', "partner/b/"),
                                  ("/partner/a/", "partner/b/"), ("partner/a/", "partner/B/")])
def test_a_redirect_that_is_not_between_two_site_folders_is_refused(tmp_path, pair):
    with pytest.raises(ValueError, match="Keine Weiterleitung zwischen zwei Seiten"):
        redirects.write_nginx_redirects(tmp_path, [pair])


def test_former_ids_of_partners_give_the_pairs():
    class P:  # a partner with the registry's future `former_ids` field
        def __init__(self, pid, former=()):
            self.id, self.former_ids = pid, former
    assert redirects.former_profile_paths([P("neu", ("alt", "uralt")), P("b")], "partner") == [
        ("partner/alt/", "partner/neu/"), ("partner/uralt/", "partner/neu/")]


def test_text_files_get_reproducible_gzip_and_brotli_copies_where_smaller(tmp_path):
    text = ("<p>Klimapakt</p>\n" * 200).encode()
    (tmp_path / "index.html").write_bytes(text)
    (tmp_path / "tiny.css").write_bytes(b"a{}")
    (tmp_path / "logo.png").write_bytes(text)
    assert compress.compress_site(tmp_path) == 2
    assert gzip.decompress((tmp_path / "index.html.gz").read_bytes()) == text
    assert brotli.decompress((tmp_path / "index.html.br").read_bytes()) == text
    first = (tmp_path / "index.html.gz").read_bytes()
    compress.compress_site(tmp_path)
    assert (tmp_path / "index.html.gz").read_bytes() == first  # no time stamp inside
    assert not (tmp_path / "tiny.css.gz").exists() and not (tmp_path / "logo.png.gz").exists()


@pytest.mark.parametrize(("field", "value"), [("root", "/srv/x; evil"), ("root", "relative"), ("server_name", "a;b"),
                                              ("listen", "80; include /etc/passwd")])
def test_the_nginx_placeholders_refuse_what_would_change_the_configuration(field, value):
    values = {"root": "/srv/klimapakt/current", "server_name": "klimapakt.example.org", "listen": "80", field: value}
    with pytest.raises(ValueError, match="ist hier nicht erlaubt"):
        nginx.render(**values)


def test_the_rendered_configuration_has_no_placeholder_left():
    text = nginx.render(root="/srv/klimapakt/current", server_name="klimapakt.example.org", listen="443 ssl")
    assert not re.search(r"@[A-Z_]+@", text)
    assert "root /srv/klimapakt/current;" in text and "listen 443 ssl;" in text


def test_every_page_of_a_build_carries_the_policy_of_its_own_inline_code(demo_site):
    pages = sorted(demo_site.rglob("*.html"))
    assert len(pages) > 60
    for page in pages:
        html = page.read_text(encoding="utf-8")
        metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert metas == [csp.page_policy(html).value(header=False)], page
        assert html.index("Content-Security-Policy") < html.index("<script"), page
        assert " style=" not in html, page  # style attributes would need 'unsafe-inline'
