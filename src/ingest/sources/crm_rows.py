"""Rows of contacts CSVs as exporting tools write them, made what ``contacts_csv`` reads: a Salesforce report's footer
left out, and a CRM's cells (``contacts_shapes.crm_shape``) read as the tool means them — Twenty's JSON lists and
calling codes, Odoo's "Company, Person"."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import replace

from .contacts_shapes import PARENT, Shape
from .tabular import Row

# A Salesforce report's "Export Details" ends in the report's footer, each line one quoted field under the header: a
# blank line, "Grand Totals (2 records)", "Confidential Information - Do Not Distribute", "Copyright (c) 2000-2025
# salesforce.com, inc. All rights reserved." (report<digits>.csv, the CRM hunt of sweep 21; kept under an Outlook
# header too). Each line was quarantined ("row has 1 fields, the header 11"): report furniture, left out, counted.
_REPORT_FOOTER = re.compile(r"grand totals \(\d+ records?\)|confidential information - do not distribute"
                            r"|copyright \(c\) [\d\s-]+salesforce\.com, inc\. all rights reserved\.?", re.I)
FOOTER_NOTE = "a Salesforce report's footer left out"


def without_footer(rows: Iterable[Row]) -> tuple[list[Row], int]:
    """The rows without a report's footer (``_REPORT_FOOTER``), and how many lines it had."""
    rows = list(rows)
    kept = [row for row in rows if not (row.problem and _REPORT_FOOTER.fullmatch(",".join(row.raw).strip()))]
    return kept, len(rows) - len(kept)


def crm_row(row: Row, shape: Shape) -> Row:
    """A CRM's row as the shape reads it: Twenty's lists (JSON: '["a@example.com"]') as values joined by commas,
    its primary number with its calling code (``_with_calling_code``), Odoo's display name split (``_odoo_parent``)."""
    if row.problem:
        return row
    values = {column: _json_list(value) for column, value in row.values.items()}
    return replace(row, values=_odoo_parent(_with_calling_code(values, shape), shape))


def _with_calling_code(values: dict[str, str], shape: Shape) -> dict[str, str]:
    """Twenty writes the primary number without its country ("601555012") and the code beside it, in "Phones /
    Primary Phone Calling Code" ("+48"): the number with the code, so that it is no national number of the file."""
    if not shape.calling_code:
        return values
    code, column = values.get(shape.calling_code, "").strip(), shape.calling_code.replace("calling code", "number")
    number = values.get(column, "").strip()
    if code and number[:1].isdigit() and not number.startswith("00"):
        values[column] = f"{code} {number}"
    return values


def _odoo_parent(values: dict[str, str], shape: Shape) -> dict[str, str]:
    """Odoo's "Display Name" of a company's contact is "Company, Person": the person, the company in
    ``contacts_shapes.PARENT`` (only in Odoo's file: elsewhere "Berger, Jana" is one name)."""
    display = next((column for column in shape.display if ", " in values.get(column, "")), None)
    if shape.parent_in_display and display:
        values[PARENT], _, values[display] = values[display].rpartition(", ")
    return values


def _json_list(value: str) -> str:
    """A cell holding a JSON list (Twenty's "Emails / Additional Emails", "Phones / Additional Phones": strings, or
    {"number", "callingCode"} objects) as its values joined by commas; any other cell as it is."""
    if not (value.startswith("[") and value.endswith("]")):
        return value
    try:
        items = json.loads(value)
    except ValueError:
        return value
    if not isinstance(items, list):
        return value
    return ", ".join(f"{item.get('callingCode', '')} {item.get('number', '')}".strip() if isinstance(item, dict)
                     else str(item) for item in items)
