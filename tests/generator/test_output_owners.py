"""Every file of the built site is a file under docs/ (where klimapakt.rules.owners says MkDocs writes
it) or has its generator in owners.GENERATED: the list `check` judges pages by is complete."""

from __future__ import annotations

from conftest import ROOT
from klimapakt.rules import owners


def test_every_built_file_has_the_owner_the_check_assumes(real_site):
    docs = ROOT / "docs"
    from_docs = {owners.site_path(src, docs) for src in owners.docs_files(docs)}
    built = [p.relative_to(real_site).as_posix() for p in real_site.rglob("*") if p.is_file()]
    assert built and [path for path in built if path not in from_docs and not owners.generated_owner(path)] == []
    assert {path for path in from_docs if path not in built} == set()
