"""The records of the registries, each field declared once (see `fields`), and their vocabulary.

This face hands on the names other layers use; it defines nothing itself.
"""

from ..vocabulary import *  # noqa: F401,F403  (allowed values and limits)
from .events import EVENT_KINDS, Event, EventRegistry, Location  # noqa: F401
from .fields import Field, all_records, declared, fields_of  # noqa: F401
from .partner_rules import *  # noqa: F401,F403  (record rules)
from .partners import Agreement, Contact, Emission, Measure, Partner, PartnerRegistry, Target  # noqa: F401
