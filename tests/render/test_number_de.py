"""The German number format: the fast path for whole numbers and plain floats writes what Babel writes."""

from __future__ import annotations

from babel.numbers import format_decimal
from hypothesis import example, given
from hypothesis import strategies as st

from klimapakt.render import html as render

FAST_FLOATS = st.floats(min_value=0, max_value=1e15, exclude_max=True, allow_nan=False, allow_infinity=False)
ROUNDED = st.builds(round, FAST_FLOATS, st.integers(min_value=0, max_value=6))


@given(st.one_of(st.integers(min_value=-10**18, max_value=10**18), FAST_FLOATS, ROUNDED,
                 st.floats(min_value=-1e20, max_value=1e20), st.floats(min_value=-1e6, max_value=0)))
@example(-0.0)
def test_every_number_reads_as_babel_writes_it(value):
    plain = value + 0.0 if type(value) is float else value  # the site writes 0, not Babel's -0, for -0.0
    assert render.number_de(value) == format_decimal(plain, locale=render.GERMAN)


def test_the_fast_path_covers_the_usual_numbers_and_rounds_half_to_even():
    assert render._plain_number_de(1234567) == "1.234.567"
    assert render._plain_number_de(1234.5675) == "1.234,568"  # Babel's rounding: half to even, on the decimal text
    assert render._plain_number_de(0.0005) == "0"
    assert render._plain_number_de(2.0) == "2"
    assert render._plain_number_de(-1) is None and render._plain_number_de(True) is None
    assert render.number_de(-0.0) == render.number_de(0.0) == "0"
