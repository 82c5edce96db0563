"""Validation rules, German messages throughout: text, single values, logo files, whole records, events.

This face hands on the rules' names for callers outside the package; the package's own modules
import the rule modules themselves.
"""

from .logos import LOGO_NAME_MAX, LOGO_NAME_RE, check_logo, check_svg, raster_width  # noqa: F401
from .records import *  # noqa: F401,F403
from .text import *  # noqa: F401,F403
from .values import *  # noqa: F401,F403
