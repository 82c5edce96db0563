"""Property-based tests: the check never crashes, and what it accepts reaches the page intact.

1. Generated valid registries load without a problem, into records equal to what was written,
   validate against the JSON Schema, and render into a card and a profile that show every
   value, HTML-escaped, numbers to the last written decimal.
2. Generated messy registries, arbitrary text and mutated valid files never raise; every
   problem is one line with a line number inside the file.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from helpers.corpus import AGREEMENT, CONTACT, EMISSIONS, SECOND, registry
from helpers.examples import SETTINGS
from helpers.yaml12 import yaml12
from klimapakt import model, rules
from klimapakt.rules import numbers, placeholders
from klimapakt.rules.values import YES_NO  # „n“, „yes“ …: refused as ids on purpose (a yes/no answer)
from klimapakt.exports import schema
from klimapakt.render import html as render
from klimapakt.load.loader import load_text
from klimapakt.source.syntax import MAYBE_SPECIAL_TOKEN_RE, UNSUPPORTED_TOKENS, maybe_special
from klimapakt.vocabulary import district_label

TODAY = dt.date(2026, 11, 25)
ROOT = Path(__file__).resolve().parents[2]
LOGOS = Path(__file__).resolve().parents[1] / "fixtures" / "logos"
GOOD_LOGOS = ["ok.svg", "ok.png", "ok.jpg", "ok.webp"]
VALIDATOR = jsonschema.Draft7Validator(schema.json_schema(), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


class Dumper(yaml.SafeDumper):
    """Writes YAML as staff would; strings a YAML 1.2 reader takes for numbers (`1e5`) get quotes."""


Dumper.add_implicit_resolver("tag:yaml.org,2002:float", re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789."))


def represent_float(dumper: yaml.SafeDumper, value: float) -> yaml.ScalarNode:
    """1.25 as staff write it; 1.255 (three decimals, like a thousands point) in quotes, as the guide says."""
    node = dumper.represent_float(value)
    if numbers.decimal_escape(node.value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", node.value, style='"')
    return node


Dumper.add_representer(float, represent_float)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=10**9)


# --- strategies for valid data

TRICKY = "äöüÄÖÜß€–„“‚‘ &<>\"'#:{}%!*@,.;/\\|?-_()[]+=~^`$"
ALPHABET = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789   " + TRICKY)


def plain_text(max_size: int, single_line: bool = True) -> st.SearchStrategy[str]:
    chars = ALPHABET if single_line else st.one_of(ALPHABET, st.just("\n"))
    return (st.text(chars, min_size=1, max_size=max_size).map(str.strip)
            .filter(lambda s: s and rules.find_hidden_character(s) is None and not rules.check_markup(s) and "\n\n\n" not in s and not stands_in(s)))


def stands_in(text: str) -> bool:
    """A stand-in for no value („-“, „?“) or a text in typographic quotes („…“): refused on purpose."""
    return (rules.placeholder_message(text, "name", False, False) is not None or placeholders.placeholder(text)
            or (len(text) > 1 and text[0] in "„“‚‘" and text[-1] in "“‘"))


# Not a stand-in: an id „na“ or „tbd“ is refused as „keine Angabe“ (rules.placeholder_message), on purpose.
ids = st.from_regex(r"[a-z0-9]{1,12}(-[a-z0-9]{1,8}){0,3}", fullmatch=True).filter(lambda s: not stands_in(s) and s not in YES_NO)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=TODAY)
years = st.integers(model.YEAR_MIN, model.YEAR_MAX)
thousandths = st.integers(0, 10**12).map(lambda n: n / 1000 if n % 7 else n // 1000)  # floats and ints
hosts = st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]\.(de|com|org|example)", fullmatch=True)
websites = st.builds(lambda scheme, host, path: f"{scheme}://{host}{path}", st.sampled_from(["https", "http"]), hosts,
                     st.sampled_from(["", "/", "/klima?x=1&y='2'", "/a\"b", "/über-uns#ziele"]))
emails = st.builds(lambda user, host: f"{user}@{host}", st.from_regex(r"[a-z][a-z0-9+_-]{0,5}(\.[a-z0-9+_-]{1,5}){0,2}", fullmatch=True), hosts)
phones = st.from_regex(r"(\+49 211 [1-9][0-9]{3,7}|0211 [1-9][0-9]{4,6}(-[0-9]{1,3})?|\(0211\) [0-9]{2} [0-9]{2} [0-9]{2})",
                       fullmatch=True)


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


@st.composite
def targets(draw) -> dict:
    baseline = draw(st.integers(model.YEAR_MIN, model.YEAR_MAX - 1))
    target: dict = {"year": draw(st.integers(baseline + 1, model.YEAR_MAX))}
    percent = draw(optional(st.integers(0, 100_000).map(lambda n: n / 1000 if n % 3 else n // 1000)))
    if percent is not None:
        target.update(reduction_percent=percent, baseline_year=baseline)
    if percent is None or draw(st.booleans()):
        target["climate_neutral"] = True
    scopes = draw(st.lists(st.sampled_from([1, 2, 3]), unique=True, max_size=3))
    if scopes:
        target["scopes"] = scopes
    return target


def coherent_role(partner: dict) -> dict:
    """Role and status as the record rule allows them: `founding` status only for founding partners,
    and a founding partner is a Klimapartner only with an agreement (partner_rules.check_founding_status)."""
    if partner["status"] == model.STATUS_FOUNDING:
        partner = {**partner, "role": model.ROLE_FOUNDING}
    if partner["role"] == model.ROLE_FOUNDING and partner["status"] == model.STATUS_PARTNER and "agreement" not in partner:
        partner = {**partner, "status": model.STATUS_FOUNDING}
    return partner


measures = st.fixed_dictionaries(
    {"title": plain_text(160), "field": st.sampled_from(list(model.MEASURE_FIELDS)),
     "status": st.sampled_from(list(model.MEASURE_STATUSES))},
    optional={"year": years, "description": plain_text(300, single_line=False)})
emission_rows = st.fixed_dictionaries({"year": years, "scope1": thousandths}, optional={"scope2": thousandths, "scope3": optional(thousandths)})
contacts = st.fixed_dictionaries({}, optional={"name": plain_text(120), "role": plain_text(120), "email": emails, "phone": phones})
agreements = st.fixed_dictionaries({}, optional={"signed": dates, "targets": st.lists(targets(), max_size=3),
                                                 "measures": st.lists(measures, max_size=4)})
partners = st.fixed_dictionaries(
    {"id": ids, "name": plain_text(120), "role": st.sampled_from(list(model.ROLES)),
     "status": st.sampled_from(list(model.STATUSES))},
    optional={"joined": dates, "sector": st.sampled_from(list(model.SECTORS)), "size": st.sampled_from(list(model.SIZES)),
              "district": st.sampled_from(list(model.DISTRICTS)), "website": websites, "logo": st.sampled_from(GOOD_LOGOS),
              "description": plain_text(1500, single_line=False), "contact": contacts, "agreement": agreements,
              "emissions": st.lists(emission_rows, max_size=4, unique_by=lambda row: row["year"]), "last_reviewed": dates}
).map(lambda p: coherent_role(p))
registries = st.lists(partners, min_size=1, max_size=4, unique_by=lambda p: p["id"]).map(lambda ps: {"partners": ps})


# --- 1. what is accepted arrives intact

def record_as_data(record: Any) -> Any:
    """A loaded record back as plain data, leaving out what was not given."""
    if isinstance(record, tuple):
        return [record_as_data(item) for item in record]
    if hasattr(record, "__dataclass_fields__"):
        data = {}
        for name in record.__dataclass_fields__:
            value = getattr(record, name)
            if name in ("line", "lines") or value is None or value == () or (name == "climate_neutral" and value is False):
                continue
            data[name] = record_as_data(value)
        return data
    return record


def written(data: Any) -> Any:
    """The generated data as the loader should return it: text stripped, nothing left empty."""
    if isinstance(data, dict):
        return {k: written(v) for k, v in data.items() if v is not None and v != []}
    if isinstance(data, list):
        return [written(item) for item in data]
    return data.strip() if isinstance(data, str) else data


def number_shown(value: float | int) -> str:
    return render.number_de(value)


def shown_values(partner: model.Partner) -> list[str]:
    """Every value of a partner as a visitor reads it on the card or the profile page."""
    texts = [partner.name, partner.description, partner.website, partner.logo]
    if partner.contact:
        texts += [partner.contact.name, partner.contact.role, partner.contact.email, partner.contact.phone]
    texts += [m.title for m in partner.measures] + [m.description for m in partner.measures]
    shown = [str(escape(t)) for t in texts if t]
    shown += [render.LABELS["role"][partner.role], render.LABELS["status"][partner.status]]
    shown += [render.LABELS["sector"][partner.sector]] if partner.sector else []
    shown += [render.LABELS["size"][partner.size]] if partner.size else []
    shown += [f"<dd>{district_label(partner.district)}</dd>"] if partner.district else []  # the profile's "Lage"
    shown += [render.date_de(d) for d in (partner.joined, partner.last_reviewed) if d]
    agreement = partner.agreement
    if agreement:
        shown += [render.date_de(agreement.signed)] if agreement.signed else []
        for t in agreement.targets:
            shown.append(f"Bis {t.year}:")
            shown += [f"{number_shown(t.reduction_percent)} % weniger Emissionen als {t.baseline_year}"] if t.baseline_year else []
            shown += [f"(Scope {', '.join(map(str, t.scopes))})"] if t.scopes else []
            shown += ["klimaneutral"] if t.climate_neutral else []
        for m in agreement.measures:
            shown += [render.LABELS["field"][m.field], render.LABELS["measure_status"][m.status]]
            shown += [f", {m.year}"] if m.year else []
    for e in partner.emissions:
        shown.append(f'<th scope="row">{e.year}</th>')
        shown += [f'<td data-value="{v}">{number_shown(v)}</td>' for v in (e.scope1, e.scope2, e.scope3) if v is not None]
    return shown


def parse_german_number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


@SETTINGS
@given(registries)
def test_valid_registries_load_exactly_as_written_and_render_every_value_escaped(data):
    text = dump(data)
    loaded = load_text(text, today=TODAY, logo_dir=LOGOS)
    assert [str(p) for p in loaded.problems if p.severity == "error"] == []
    assert [record_as_data(p) for p in loaded.partners] == written(data["partners"])
    assert [e.message for e in VALIDATOR.iter_errors(yaml12(text))] == []
    for partner in loaded.partners:
        html = render.render_card(partner) + render.render_profile(partner, office_email="klimapakt@duesseldorf.de")
        assert f'href="../partner/{partner.id}/"' in html
        for value in shown_values(partner):
            assert value in html
        for e in partner.emissions:  # the page shows each number to its last written decimal
            for v in (e.scope1, e.scope2, e.scope3):
                if v is not None:
                    assert parse_german_number(number_shown(v)) == v


# --- 2. nothing crashes, every problem is one readable line

def assert_sane(text: str) -> None:
    loaded = load_text(text, today=TODAY, logo_dir=LOGOS)
    last_line = text.count("\n") + 1
    for problem in loaded.problems:
        assert 1 <= problem.line <= last_line, problem
        assert len(str(problem).splitlines()) == 1 and problem.message, problem
        assert str(problem).startswith(f"partners.yml:{problem.line}: ")
    if not [p for p in loaded.problems if p.severity == "error"]:
        # Accepted: nothing written was dropped, every partner renders.
        assert len(loaded.partners) == len(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["partners"] or [])
        for partner in loaded.partners:
            assert str(escape(partner.name)) in render.render_card(partner)


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(), st.text(max_size=30), st.dates(),
    st.sampled_from(["no", "on", "07", "1.10", "2024-02-30", "15.03.2024", "javascript:alert(1)", "<b>x</b>", "{{ x }}",
                     "ok.svg", "narrow.png", "script.svg", "missing.png", "../x.png", "https://acme.example", "50 %",
                     "1,5", "founding", "partner", "C", 3, 11, 2030, 1989, -5, 101, 120.5678, "1e5"]))
keys = st.one_of(st.sampled_from([f.key for record in model.all_records(model.PartnerRegistry) for f in model.fields_of(record)] + ["webiste", "beschreibung"]),
                 st.text(max_size=10))
messy = st.recursive(scalars, lambda children: st.one_of(st.lists(children, max_size=4),
                                                          st.dictionaries(keys, children, max_size=6)), max_leaves=25)
messy_partners = st.lists(st.one_of(st.dictionaries(keys, messy, max_size=12), partners, messy), max_size=4)


@SETTINGS
@given(st.one_of(messy_partners.map(lambda ps: {"partners": ps}), st.dictionaries(keys, messy, max_size=3), messy))
def test_generated_messy_registries_never_crash_the_check(data):
    assert_sane(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes_the_check(text):
    load_text(text, today=TODAY, logo_dir=LOGOS)


BASES = [
    registry(AGREEMENT + EMISSIONS + CONTACT + "    last_reviewed: 2026-06-01\n") + SECOND,
    (ROOT / "partners.yml").read_text(encoding="utf-8"),
]
SNIPPETS = [":", ": ", " ", "  ", "\t", "-", "- ", "#", " #", '"', "'", "&", "*", "!", "%", "@", "`", "|", ">", "[", "]",
            "{", "}", "{{", "<b>", "\n", "\r\n", "\u2028", "\x00", "\ufeff", "ä", "no", "07", "1.10", "2024-01-01", "---",
            "? ", ",", "\\", "&a ", "*a", "!!str "]


@st.composite
def mutated(draw) -> str:
    lines = draw(st.sampled_from(BASES)).split("\n")
    for _ in range(draw(st.integers(1, 5))):
        operation = draw(st.sampled_from(["insert", "delete", "duplicate", "swap", "indent", "dedent", "drop"]))
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        if operation == "insert":
            column = draw(st.integers(0, len(line)))
            lines[index] = line[:column] + draw(st.sampled_from(SNIPPETS)) + line[column:]
        elif operation == "delete" and line:
            start = draw(st.integers(0, len(line) - 1))
            lines[index] = line[:start] + line[start + draw(st.integers(1, 4)):]
        elif operation == "duplicate":
            lines.insert(index, line)
        elif operation == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], line
        elif operation == "indent":
            lines[index] = draw(st.sampled_from([" ", "  ", "\t"])) + line
        elif operation == "dedent":
            lines[index] = line[draw(st.integers(1, 2)):] if line.startswith(" ") else line
        elif operation == "drop" and len(lines) > 1:
            del lines[index]
    return "\n".join(lines)


@SETTINGS
@given(mutated())
def test_mutated_valid_registries_never_crash_and_report_sane_lines(text):
    assert_sane(text)


@SETTINGS
@given(st.one_of(mutated(), st.text(alphabet=st.sampled_from("ab :-?,[]{}&*!%#'\"\n\t|>"), max_size=60)))
def test_the_quick_prefilter_never_hides_an_anchor_alias_tag_or_directive(text):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:  # the check scans only files that parse
        yaml.compose(text, Loader=loader)
        special = any(type(token) in UNSUPPORTED_TOKENS for token in yaml.scan(text, Loader=loader))
    except yaml.YAMLError:
        return
    assert not special or MAYBE_SPECIAL_TOKEN_RE.search(text)


@SETTINGS
@given(st.one_of(mutated(), st.text(alphabet=st.sampled_from("ab :-?,[]{}&*!%#'\"\n\t\r|>"), max_size=60)))
def test_the_fast_prefilter_answers_as_the_pattern_does(text):
    assert maybe_special(text) == bool(MAYBE_SPECIAL_TOKEN_RE.search(text))
