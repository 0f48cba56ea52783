"""Link each child across agencies (issue 5): deterministic on valid identifiers, then Splink.

Public surface: `link_persons`, `Decision`, `LinkResult`, `LinkEvent`, `LinkSettings`,
`DEFAULT_SETTINGS`, `make_linker`, `write_links_csv`, `quality`. See docs/reference/linkage.md.
"""

from jtai.link.api import link_persons
from jtai.link.export import LINKS_CSV_COLUMNS, write_links_csv
from jtai.link.keys import LinkEvent
from jtai.link.model import make_linker
from jtai.link.quality import quality
from jtai.link.result import Decision, LinkResult
from jtai.link.settings import DEFAULT_SETTINGS, LinkSettings

__all__ = [
    "DEFAULT_SETTINGS",
    "LINKS_CSV_COLUMNS",
    "Decision",
    "LinkEvent",
    "LinkResult",
    "LinkSettings",
    "link_persons",
    "make_linker",
    "quality",
    "write_links_csv",
]
