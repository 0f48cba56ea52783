"""Rules the readers apply while converting a file: structure, types, code lists, required values.

File-level rules (`ingest.*`) reject the whole file with one message naming the cause; cell-level
rules (`validate.E0nn`) name the row, column and offending value.
"""

from __future__ import annotations

from jtai.core.issues import Severity
from jtai.validate.rules.base import Rule, Stage, register

E, Q, W = Severity.ERROR, Severity.QUERY, Severity.WARNING
R = Stage.READ

UNREADABLE = register(
    Rule("ingest.E001", E, "File cannot be read", "The file cannot be read: {cause}.", R)
)
ENCODING = register(
    Rule(
        "ingest.E002",
        E,
        "File is not UTF-8",
        "The file is not UTF-8 text ({cause}). Save it as UTF-8 (Excel: CSV UTF-8) and send it "
        "again.",
        R,
    )
)
BAD_XML = register(
    Rule(
        "ingest.E003",
        E,
        "XML is truncated or malformed",
        "The XML is truncated or malformed: {cause}.",
        R,
        "CIN census",
    )
)
MISSING_COLUMNS = register(
    Rule(
        "ingest.E004",
        E,
        "Required column or sheet missing",
        "Required column(s) missing: {missing}. The file is rejected; nothing in it was loaded.",
        R,
    )
)
BAD_CSV_SHAPE = register(
    Rule(
        "ingest.E005",
        E,
        "CSV rows do not match the header",
        "The CSV is malformed: {cause}.",
        R,
        "CSV files",
    )
)
BAD_MAPPING = register(
    Rule(
        "ingest.E006",
        E,
        "Mapping file is invalid",
        "Mapping file {mapping}, line {line}: {cause}.",
        R,
        "local layouts (YAML mapping)",
    )
)
UNRECOGNISED = register(
    Rule(
        "ingest.W001",
        W,
        "File not recognised",
        "Not recognised as any file in the input contract ({cause}); it was not loaded.",
        R,
    )
)
UNKNOWN_COLUMN = register(
    Rule(
        "ingest.W002",
        W,
        "Unknown column",
        "Column '{column}' is not in the contract for this file; its values are kept as raw data "
        "only.",
        R,
        "CSV and spreadsheet files",
    )
)

REQUIRED_VALUE = register(
    Rule(
        "validate.E001",
        E,
        "Required value missing",
        "'{column}' must have a value but is blank.",
        R,
    )
)
BAD_DATE = register(
    Rule(
        "validate.E002",
        E,
        "Not a date",
        "'{column}' has '{value}', which is not a date: use YYYY-MM-DD or DD/MM/YYYY.",
        R,
    )
)
BAD_CODE = register(
    Rule(
        "validate.E003",
        E,
        "Code not in the code list",
        "'{column}' has '{value}', which is not one of its codes.",
        R,
    )
)
BAD_FLAG = register(
    Rule(
        "validate.E004",
        E,
        "Not a yes/no flag",
        "'{column}' has '{value}': use Y or N (yes/no, true/false, 1/0 are accepted).",
        R,
    )
)
BAD_NUMBER = register(
    Rule(
        "validate.E005",
        E,
        "Not a number in range",
        "'{column}' has '{value}', which is not a number in the allowed range.",
        R,
    )
)
BAD_FORMAT = register(
    Rule(
        "validate.E006",
        E,
        "Value in the wrong format",
        "'{column}' has '{value}', which is not in the expected format.",
        R,
    )
)
SDQ_RANGE = register(
    Rule(
        "180",
        E,
        "SDQ score is not a whole number from 0 to 40",
        "SDQ_SCORE is '{value}': it must be a whole number from 0 to 40.",
        R,
        "SSDA903 OC2",
        mirrors="903 rule 180",
    )
)
