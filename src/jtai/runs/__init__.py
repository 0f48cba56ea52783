"""The one place the steps are chained, so the command line and the web cannot drift apart.

Each run is a plain function: the CLI and the web parse their input, call one of these, and format
what comes back. Dates are parameters; nothing here reads the clock. One module per step:
`loading` (files into records), `linking` (records into children), `demo`.
"""

from jtai.runs.demo import DEMO_AREA_CODE, DEMO_AREA_NAME, DEMO_USERS, DemoResult, prepare_demo
from jtai.runs.linking import LinkOutcome, area_assignments, link_area
from jtai.runs.loading import REPORT_COLUMNS, FileOutcome, FolderLoad, Progress, load_folder
from jtai.runs.sampling import draw_selection, save_as_audit_list, swap_child

__all__ = [
    "DEMO_AREA_CODE",
    "DEMO_AREA_NAME",
    "DEMO_USERS",
    "REPORT_COLUMNS",
    "DemoResult",
    "FileOutcome",
    "FolderLoad",
    "LinkOutcome",
    "Progress",
    "area_assignments",
    "draw_selection",
    "link_area",
    "load_folder",
    "prepare_demo",
    "save_as_audit_list",
    "swap_child",
]
