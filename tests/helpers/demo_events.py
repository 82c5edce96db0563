"""The fixture events for a build of a fixture registry: the partners they name become its partners.

A fixture or demo registry holds none of the repository's partners, so a build of it cannot read
events.yml, whose events may name any of them (a staff edit that no fixture build may depend on).
"""

from __future__ import annotations

from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "events-valid.yml"
FIXTURE_PARTNERS = ("ihk-duesseldorf", "handwerkskammer-duesseldorf")  # the ids the fixture names


def demo_partner_ids(registry: Path) -> tuple[str, ...]:
    """The registry's partners that stand in for the fixture's partners (fewer if it holds fewer)."""
    from klimapakt.load import loader
    return tuple(p.id for p in loader.load_file(registry).partners[:len(FIXTURE_PARTNERS)])


def write_demo_events(registry: Path, target: Path) -> Path:
    """The fixture's events at `target`, naming the registry's first partners instead of the fixture's;
    a fixture partner without a stand-in is left out, and so is the list when none is left."""
    text = FIXTURE.read_text(encoding="utf-8")
    ids = demo_partner_ids(registry)
    for index, fixture_id in enumerate(FIXTURE_PARTNERS):
        line = f"      - {fixture_id}\n"
        text = text.replace(line, f"      - {ids[index]}\n" if index < len(ids) else "")
    if not ids:
        text = text.replace("    partners:\n", "")
    target.write_text(text, encoding="utf-8")
    return target
