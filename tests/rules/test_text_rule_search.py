"""`rules.text.needs_text_rules`: the one search that lets the usual text skip four text rules must never
skip a text one of them objects to."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from klimapakt.rules import text

# Letters, spaces, the characters the rules look for, invisible and blank-looking ones, and all of Unicode.
TRICKY = st.sampled_from(list("aZ ä{}<>/!-#%@:\r\n\t\u00ad\u00a0\u200b\u200e\u2060\ufeff\u3164\u115f\u034f\x07\x85\ue000\U000e0041"))
TEXTS = st.text(st.one_of(TRICKY, st.characters()), max_size=12)


def rules_say(value: str, single_line: bool) -> bool:
    return bool(text.find_hidden_character(value, single_line) or text.check_markup(value)
                or text.check_bracketed_address(value, address=True) or text.check_single_line(value))


@given(TEXTS, st.booleans())
@example("Acme {{ x }}", True)
@example("Erika <erika@acme.example>", True)
@example("Werk\u00adzeug", True)
@example("\u3164", False)
@example("zwei\rZeilen", True)
def test_a_text_the_search_lets_through_is_one_no_rule_objects_to(value, single_line):
    if not text.needs_text_rules(value):
        assert not rules_say(value, single_line)


def test_the_usual_texts_need_no_rule():
    assert not any(map(text.needs_text_rules, ["Acme GmbH", "Wir bauen Werkzeuge für Düsseldorf.", "https://acme.example/ä?x=1#y"]))
    assert all(map(text.needs_text_rules, ["a<b", "{%", "zwei\nZeilen", "Werk\u00adzeug", "\u200b", "\U0001F600"]))
