"""Validation rules, German messages throughout: text, single values, logo files.

This face hands on the rules' names for callers outside the package; the package's own modules
import the rule modules themselves.
"""

from .logo_content import check_svg, raster_size  # noqa: F401
from .logos import LOGO_NAME_MAX, LOGO_NAME_RE, check_logo  # noqa: F401
from .text import *  # noqa: F401,F403
from .values import *  # noqa: F401,F403
