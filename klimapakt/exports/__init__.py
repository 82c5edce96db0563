"""Files derived from the records and their declarations: open data (JSON, CSV, CSVW) and the JSON Schemas.

This face hands on the open-data names that other layers use; it defines nothing itself.
"""

from .cells import csv_cell, csv_scalar, csv_text, datatype, parse_csv_cell, parse_scalar  # noqa: F401
from .csv_tables import PARTNER_ID, Column, Table, tables  # noqa: F401
from .opendata import (  # noqa: F401
                       EXPORT_DIR,
                       LICENCE_EXCEPTION,
                       LICENCE_ID,
                       LICENCE_NAME,
                       LICENCE_URL,
                       ExportFile,
                       Metadata,
                       csv_metadata,
                       export_files,
                       field_list,
                       generated_now,
                       json_default,
                       partners_json,
                       type_label,
                       write_exports,
)
