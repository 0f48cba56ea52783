"""Find the children inspectors will ask about: cohort, front door, inspection lists, chronology.

Plain Python building SQL for DuckDB; the rules are a versioned data file (`definitions/`). Never
imports Django, the web app or the CLI. See docs/reference/cohort.md.
"""

from jtai.cohort.chronology import Entry, chronology
from jtai.cohort.definition import Definition, DefinitionError, load_definition
from jtai.cohort.export import COHORT_EXPORT_COLUMNS, write_cohort_csv
from jtai.cohort.front_door import FrontDoorItem, FrontDoorResult, front_door
from jtai.cohort.lists import InspectionLists, ListRow, inspection_lists
from jtai.cohort.select import CohortChild, CohortResult, Evidence, SourceRecord, select_cohort
from jtai.cohort.tables import CohortTables, assignments_from_truth, tables_from_files
from jtai.cohort.workbook import write_inspection_lists

__all__ = [
    "COHORT_EXPORT_COLUMNS",
    "CohortChild",
    "CohortResult",
    "CohortTables",
    "Definition",
    "DefinitionError",
    "Entry",
    "Evidence",
    "FrontDoorItem",
    "FrontDoorResult",
    "InspectionLists",
    "ListRow",
    "SourceRecord",
    "assignments_from_truth",
    "chronology",
    "front_door",
    "inspection_lists",
    "load_definition",
    "select_cohort",
    "tables_from_files",
    "write_cohort_csv",
    "write_inspection_lists",
]
