"""Reproducible builds: two builds of one commit with SOURCE_DATE_EPOCH and KLIMAPAKT_TODAY set are byte-identical.

The two builds differ in everything that must not matter: output folder, hash seed (set and
dict order), the machine's time zone and the wall clock. They run one after the other, and a
build takes more than a second, so a stamp read from the clock would differ between them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import TODAY, build_site

EPOCH = 1764000000  # 2025-11-24 16:00 UTC
BUILDS = {"a": {"PYTHONHASHSEED": "1", "TZ": "UTC"}, "b": {"PYTHONHASHSEED": "2", "TZ": "America/New_York"}}


def files_of(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def hard_link_groups(site: Path) -> set[frozenset[str]]:
    """Files that are one file on disk (the badges of one year), as sets of paths."""
    groups: dict[int, set[str]] = {}
    for name, path in files_of(site).items():
        if path.stat().st_nlink > 1:
            groups.setdefault(path.stat().st_ino, set()).add(name)
    return {frozenset(group) for group in groups.values()}


@pytest.fixture(scope="module")
def sites(demo_registry, tmp_path_factory) -> dict[str, Path]:
    def build(name: str) -> Path:
        out = tmp_path_factory.mktemp(f"reproducible-{name}") / "site"
        result = build_site(demo_registry, out, SOURCE_DATE_EPOCH=str(EPOCH), KLIMAPAKT_TODAY=TODAY.isoformat(),
                            **BUILDS[name])
        if result.returncode != 0:
            pytest.fail(f"mkdocs build ({name}) failed:\n{result.stdout}\n{result.stderr}")
        return out

    return {name: build(name) for name in BUILDS}  # not in parallel: see the module's docstring


def test_two_builds_write_the_same_files(sites):
    assert sorted(files_of(sites["a"])) == sorted(files_of(sites["b"]))


def test_two_builds_are_byte_identical(sites):
    a, b = files_of(sites["a"]), files_of(sites["b"])
    differing = [name for name in sorted(a.keys() & b.keys()) if a[name].read_bytes() != b[name].read_bytes()]
    assert differing == [], "files that differ between the two builds:\n" + "\n".join(differing)


def test_badges_are_hard_linked_alike_in_both_builds(sites):
    groups = hard_link_groups(sites["a"])
    assert groups, "no hard-linked badges in the demo build"
    assert all(name.startswith("partner/") and name.endswith("/badge.svg") for group in groups for name in group)
    assert groups == hard_link_groups(sites["b"])


def test_sitemap_and_its_gzip_header_carry_the_source_date_epoch_day(sites):
    day = dt.datetime.fromtimestamp(EPOCH, dt.timezone.utc).date()
    assert f"<lastmod>{day.isoformat()}</lastmod>" in (sites["a"] / "sitemap.xml").read_text(encoding="utf-8")
    header = (sites["a"] / "sitemap.xml.gz").read_bytes()[:10]
    mtime = int.from_bytes(header[4:8], "little")  # RFC 1952: MTIME, seconds since 1970
    assert mtime == int(dt.datetime.combine(day, dt.time.min, dt.timezone.utc).timestamp())


def test_generated_timestamps_are_the_source_date_epoch(sites):
    stamp = dt.datetime.fromtimestamp(EPOCH, dt.timezone.utc)
    assert f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}" in (sites["a"] / "veranstaltungen.ics").read_text(encoding="utf-8")
    exported = (sites["a"] / "daten/partners.json").read_text(encoding="utf-8")
    assert f'"generated": "{stamp:%Y-%m-%dT%H:%M:%SZ}"' in exported



def test_the_spreadsheet_export_is_stamped_with_the_source_date_epoch(sites):
    """The document time is SOURCE_DATE_EPOCH; every zip member carries XlsxWriter's fixed 1980-01-01."""
    import io
    import zipfile

    import openpyxl

    data = (sites["a"] / "daten/partners.xlsx").read_bytes()
    stamp = dt.datetime.fromtimestamp(EPOCH, dt.timezone.utc).replace(tzinfo=None)
    properties = openpyxl.load_workbook(io.BytesIO(data)).properties
    assert properties.created == properties.modified == stamp
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
