"""The check of pages and posts (klimapakt.pages): each rule with someone doing it wrong and right, exact messages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from klimapakt.pages.check import page_problems

TODAY = dt.date(2026, 11, 25)
GOOD_POST = """---
date: 2026-11-25
categories:
  - Netzwerktreffen
slug: neues-treffen
description: Heute trafen sich die Partner.
---

# Neues Treffen

Text mit [Mitmachen](../../mitmachen.md) und dem [Profil](../../partner/muster-gmbh.md).
"""
PAGE = "---\ntitle: Seite\n---\n\n# Seite\n\n{body}\n"


def problems(tmp_path: Path, files: dict[str, str], partner_ids=("muster-gmbh",)) -> list[str]:
    docs = tmp_path / "docs"
    for name, text in {"mitmachen.md": "# Mitmachen\n\n## Wer mitmachen kann\n", **files}.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    return [p.text() for p in page_problems(docs, partner_ids, TODAY)]


def post(tmp_path: Path, front: str, body: str = "# Titel\n\nText.\n") -> list[str]:
    return problems(tmp_path, {"aktuelles/posts/p.md": f"---\n{front}\n---\n\n{body}"})


def page(tmp_path: Path, body: str, front: str = "title: Seite") -> list[str]:
    return problems(tmp_path, {"seite.md": f"---\n{front}\n---\n\n# Seite\n\n{body}\n"})


P = "docs/aktuelles/posts/p.md"
S = "docs/seite.md"


def test_a_valid_post_and_page_with_profile_and_page_links_pass(tmp_path):
    assert problems(tmp_path, {"aktuelles/posts/neu.md": GOOD_POST, "seite.md": PAGE.format(
        body="Ein [Profil](partner/muster-gmbh.md), eine [Stelle](mitmachen.md#wer-mitmachen-kann), "
             "[E-Mail](mailto:a@b.example), [Telefon](tel:+49211000), [extern](https://www.duesseldorf.de).\n\n"
             "CO<sub>2</sub><br>\n<abbr title=\"Letter of Intent\">LoI</abbr>\n\n"
             "<details markdown><summary>Mehr</summary>\n\nText\n\n</details>\n\n"
             "[Knopf](mitmachen.md){ .md-button }\n\n!!! note \"Hinweis\"\n    Text\n\n"
             "| a | b |\n|:--|--:|\n| 1 | 2 |\n")}) == []


@pytest.mark.parametrize("front, expected", [
    ("date: 2026-12-32\ndescription: x", f"{P}:2: Meldung: date: „2026-12-32“: den 32. Dezember 2026 gibt es nicht. Bitte den Tag prüfen."),
    ("date: 2026-13-01\ndescription: x", f"{P}:2: Meldung: date: „2026-13-01“: einen Monat 13 gibt es nicht. Das Datum wird JJJJ-MM-TT geschrieben."),
    ("date: 2021-10\ndescription: x", f"{P}:2: Meldung: date: „2021-10“ ist kein Datum in der Form JJJJ-MM-TT, z. B. 2025-07-03. Ist nur der Monat bekannt, schreiben Sie den Ersten des Monats und `date_precision: month`."),
    ("description: x", f"{P}:3: Meldung: date: fehlt. Bitte das Datum der Meldung eintragen, z. B. „date: 2025-07-03“."),
    ("date: 2021-10-31\ndate_precision: month\ndescription: x", f"{P}:3: Meldung: date_precision: 2021-10-31 passt nicht zur Genauigkeit „month“ (Monat): Schreiben Sie den ersten Tag des Monats, 2021-10-01. Angezeigt wird dann nur „Oktober 2021“."),
    ("date: 2021-10-01\ndate_precision: month\ndescription: Am 31. Oktober 2021 war es.", f"{P}:4: Meldung: description: nennt den Tag „31. Oktober“, aber die Quelle gibt nur den Monat (date_precision: month). Bitte ohne Tag schreiben, z. B. „Oktober 2021“."),
    ("date: 2026-11-25\ndescription: x\ndraft: ja", f"{P}:4: Meldung: draft: bitte „true“ (noch nicht veröffentlichen) oder „false“ schreiben."),
    ("date: 2026-11-25\ndescription: x\ncategories: Treffen", f"{P}:4: Meldung: categories: bitte eine Liste von Kategorien, je Zeile „  - Netzwerktreffen“."),
    ("date: 2026-11-25\ndescription: x\nslug: Neues Treffen", f"{P}:4: Meldung: slug: nur Kleinbuchstaben a–z, Ziffern und Bindestriche, z. B. „achtes-netzwerktreffen“."),
    ("date: 2026-11-25\ndescription: <b>x</b>", f"{P}:3: Meldung: description: Der Text enthält HTML (z. B. „<b>“). Bitte nur reinen Text eintragen."),
    ("date: 2026-11-25\ndescription: x\nrender_macros: true", f"{P}:4: Meldung: render_macros: Meldungen nutzen keine Bausteine wie {{{{ … }}}}; bitte die Zeile löschen."),
])
def test_post_front_matter_mistakes_are_named_at_their_line(tmp_path, front, expected):
    assert post(tmp_path, front) == [expected]


def test_an_unknown_key_is_named_with_the_likely_one(tmp_path):
    (message,) = post(tmp_path, "date: 2026-11-25\ndescripton: x\ndescription: y")
    assert message.startswith(f"{P}:3: Meldung: descripton: „descripton“ ist hier kein bekanntes Feld. Meinten Sie "
                              "„description“? Erlaubt sind: date (Datum JJJJ-MM-TT);")


def test_a_post_without_description_gets_a_hint_and_builds(tmp_path):
    assert post(tmp_path, "date: 2026-11-25") == [
        f"{P}:3: Meldung: description: fehlt. Bitte eine Kurzbeschreibung in einem Satz eintragen (höchstens 300 "
        "Zeichen); sie steht in der Liste „Aktuelles“, auf der Startseite und im Feed."]


def test_a_yaml_alias_bomb_in_the_front_matter_is_refused_before_it_expands(tmp_path):
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n" + "".join(
        f"{c}: &{c} [{(',').join(['*' + p] * 9)}]\n" for p, c in zip("bcdefgh", "cdefghi"))
    found = post(tmp_path, "date: 2026-11-25\ndescription: x\n" + bomb)
    assert found[0] == (f"{P}:4: Datei: In Spalte 4 steht ein YAML-Anker („&…“); das wird hier nicht unterstützt. "
                        "Bitte die Angaben ausschreiben. Ein Text, der mit „&“, „*“, „!“ oder „%“ beginnt, muss in "
                        "Anführungszeichen stehen.")


def test_a_yaml_syntax_error_in_the_front_matter_names_its_line(tmp_path):
    (message,) = post(tmp_path, "date: 2026-11-25\ndescription: \"x")
    assert message.startswith(f"{P}:3: Datei: YAML-Syntaxfehler")


@pytest.mark.parametrize("body, expected", [
    ('{{ cycler.__init__.__globals__.os.popen("id").read() }}', "„{{ cycler.__init__.__globals__.os.popen(“ ist kein erlaubter Baustein."),
    ('{% include "../mkdocs.yml" %}', "„{% include \"../mkdocs.yml\" %}“ ist kein erlaubter Baustein."),
    ('{{ setting("x") | attr("__class__") }}', "„{{ setting(\"x\") | attr(\"__class__\") }}“ ist kein erlaubter Baustein."),
    ('{{ config.extra }}', "„{{ config.extra }}“ ist kein erlaubter Baustein."),
    ('## Titel {#kennung}', "„{#kennung}“: „{#“ beginnt in dieser Seite einen Programmkommentar."),
])
def test_template_code_outside_the_documented_calls_is_refused_at_its_line(tmp_path, body, expected):
    (message,) = page(tmp_path, body, front="render_macros: true")
    assert message.startswith(f"{S}:7: Seite: {expected}")


def test_the_documented_calls_pass_where_the_page_opts_in(tmp_path):
    calls = ('{{ setting("impressum.betreiber") }}<br>\n{{ contact_box("Fragen? Die Geschäftsstelle hilft") }}\n'
             '{{ latest_news(3) }} {{ events_page("past") }} {{ progress_figure("zeitverlauf") }} {{ partner_directory() }}')
    assert page(tmp_path, calls, front="render_macros: true") == []


def test_a_call_in_a_page_that_does_not_opt_in_asks_for_the_line_once(tmp_path):
    assert page(tmp_path, "{{ office_email_link() }}\n\n{{ key_figures() }}") == [
        f"{S}:7: Seite: „{{{{ office_email_link() }}}}“ ist ein Baustein, aber die Seite hat ihn nicht eingeschaltet: "
        "bitte oben zwischen den Zeilen „---“ die Zeile „render_macros: true“ ergänzen."]


def test_a_post_may_hold_no_template_code(tmp_path):
    (message,) = post(tmp_path, "date: 2026-11-25\ndescription: x", "# T\n\n{{ key_figures() }}\n")
    assert message.startswith(f"{P}:8: Meldung: „{{{{ key_figures() }}}}“: In Meldungen sind „{{{{“, „{{%“ und „{{#“ nicht erlaubt")


@pytest.mark.parametrize("body, expected", [
    ("<script>alert(1)</script>", "Das HTML-Element <script> ist auf Seiten nicht erlaubt. Skripte sind auf Seiten nicht erlaubt."),
    ('<iframe src="https://evil.example"></iframe>', "Das HTML-Element <iframe> ist auf Seiten nicht erlaubt. Eingebettete fremde Inhalte"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "Das HTML-Element <meta> ist auf Seiten nicht erlaubt."),
    ('<base href="https://evil.example/">', "Das HTML-Element <base> ist auf Seiten nicht erlaubt."),
    ('<form action="https://evil.example"><input name="x"></form>', "Das HTML-Element <form> ist auf Seiten nicht erlaubt."),
    ("<!--><script>alert(1)</script>-->", "Der Kommentar „<!--><script>alert(1)</script>“ enthält spitze Klammern"),
    ("<![CDATA[ > <script>alert(1)</script> ]]>", "„<![CDATA[ > <script>alert(1)</scr“: Anweisungen in spitzen Klammern"),
    ("<!-- x --!><b onclick=alert(1)>x</b> -->", "Das HTML-Element <b> ist auf Seiten nicht erlaubt. Für Fettes bitte **Text** schreiben."),
    ("<?php echo 1; ?>", "„<?php echo 1; ?“: Anweisungen in spitzen Klammern sind auf Seiten nicht erlaubt."),
    ('<svg onload="alert(1)"></svg>', "Das HTML-Element <svg> ist auf Seiten nicht erlaubt."),
    ("<style>@import url(https://evil.example/x.css);</style>", "Das HTML-Element <style> ist auf Seiten nicht erlaubt."),
    ("[Klick](javascript:alert(1))", "„javascript:alert(1)“ ist als Link nicht erlaubt. Erlaubt sind Adressen mit https://, mailto: und tel:"),
    ('<a href="jav&#x61;script&#58;alert(1)">x</a>', "„javascript:alert(1)“ ist als Link nicht erlaubt."),
    ("[Alt](http://www.duesseldorf.de)", "„http://www.duesseldorf.de“: Bitte die sichere Adresse mit „https://“ verlinken."),
    ("Absatz\n{: onclick=\"alert(1)\" }", "„onclick“ an <p> würde Programmcode ausführen und ist nicht erlaubt."),
    ("Absatz\n{: style=\"background:url(https://evil.example/p.gif)\" }", "„style“ ist nicht erlaubt: Gestaltung kommt aus docs/assets/css/."),
    ("![Pixel](https://tracker.example/p.gif)", "Das Bild „https://tracker.example/p.gif“ käme von einem anderen Server"),
    ("[Seite](keine-seite.md)", "Die Seite „keine-seite.md“ gibt es nicht."),
    ("[Seite](mitmache.md)", "Die Seite „mitmache.md“ gibt es nicht. Meinten Sie „mitmachen.md“?"),
    ("[Stelle](mitmachen.md#wer-kann)", "Auf „mitmachen.md“ gibt es keine Überschrift mit der Stelle „#wer-kann“. Meinten Sie „wer-mitmachen-kann“?"),
    ("[Profil](partner/musterr-gmbh.md)", "Einen Partner mit der Kennung „musterr-gmbh“ gibt es in partners.yml nicht. Meinten Sie „muster-gmbh“?"),
    ("[Profil](partner/muster-gmbh/)", "„partner/muster-gmbh/“: Profile bitte als Datei verlinken: [Name](partner/muster-gmbh.md)."),
    ("[Start](/mitmachen/)", "„/mitmachen/“ beginnt mit „/“; Links innerhalb der Website bitte relativ zur Datei schreiben"),
])
def test_markup_and_links_outside_the_allow_list_are_refused_at_their_line(tmp_path, body, expected):
    found = page(tmp_path, "Erster Absatz.\n\n" + body)
    line = 9 + body.count("\n")  # attr_list's `{: … }` stands below its paragraph
    assert found and all(m.startswith(f"{S}:{line}: Seite: ") for m in found), found
    assert found[0].startswith(f"{S}:{line}: Seite: {expected}"), found


def test_the_profile_link_of_a_post_is_checked_from_its_folder(tmp_path):
    assert post(tmp_path, "date: 2026-11-25\ndescription: x", "# T\n\n[P](partner/muster-gmbh.md)\n") == [
        f"{P}:8: Meldung: „partner/muster-gmbh.md“: Profile liegen im Ordner partner/ der Website; von dieser Datei "
        "aus heißt der Link [Name](../../partner/muster-gmbh.md)."]


def test_the_guide_s_example_post_passes(tmp_path):
    guide = (Path(__file__).resolve().parents[2] / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide.split("## Eine Meldung schreiben", 1)[1]
    example = section.split("```markdown\n", 1)[1].split("   ```", 1)[0]
    text = "\n".join(line.removeprefix("   ") for line in example.split("\n"))
    assert problems(tmp_path, {"aktuelles/posts/2026-01-beispiel-meldung.md": text}) == []


def test_an_anchor_on_a_page_with_macros_is_only_a_hint(tmp_path):
    found = problems(tmp_path, {"seite.md": PAGE.format(body="[Termin](termine.md#treffen-2027)"),
                                "termine.md": "---\nrender_macros: true\n---\n\n# Termine\n\n{{ events_page() }}\n"})
    assert found == [f"{S}:7: Seite: Auf „termine.md“ gibt es keine Überschrift mit der Stelle „#treffen-2027“. Die Stelle "
                     "einer Überschrift heißt wie die Überschrift in Kleinbuchstaben, mit „-“ statt Leerzeichen. Stammt "
                     "die Stelle von einem Baustein der Seite, ist alles in Ordnung; bitte in der Vorschau ausprobieren."]


def test_the_more_marker_and_plain_comments_pass(tmp_path):
    assert page(tmp_path, "Anfang\n\n<!-- more -->\n\nRest <!-- Notiz der Redaktion -->") == []


def test_a_post_without_its_head_is_told_what_is_missing_at_line_1(tmp_path):
    found = problems(tmp_path, {"aktuelles/posts/p.md": "# Titel\n\nText.\n"})
    assert f"{P}:1: Meldung: date: fehlt. Bitte das Datum der Meldung eintragen, z. B. „date: 2025-07-03“." in found


def test_a_key_written_twice_in_the_head_names_both_lines(tmp_path):
    assert page(tmp_path, "Text.", front="render_macros: true\ntitle: Seite\nrender_macros: true") == [
        f"{S}:4: Datei: render_macros: „render_macros“ steht schon in Zeile 2. Bitte eine der beiden Zeilen löschen."]
