"""Charts as SVG with Vega-Altair and vl-convert, offline, each with a text alternative and the
table behind it.

    bar_chart(title, rows, value_title) -> Chart

vl-convert renders in process with no network; its SVG carries ARIA roles and no inline `style`
attributes, so it can be inlined under the site's Content Security Policy. Bars start at zero, are
labelled directly, and use one colour (GOV.UK blue): colour never carries the meaning.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass

BLUE = "#1d70b8"


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str
    alt: str  # the text alternative: what the chart says, in words
    table: tuple[tuple[str, float], ...]  # the figures behind it
    value_title: str


def _alt(title: str, rows: Sequence[tuple[str, float]], value_title: str) -> str:
    if not rows:
        return f"{title}: no data."
    ordered = sorted(rows, key=lambda r: -r[1])
    top = ", ".join(f"{label} {value:g}" for label, value in ordered[:3])
    return (
        f"Bar chart, {title}: {len(rows)} bars of {value_title.lower()}. Largest: {top}. "
        "The table below gives every figure."
    )


@functools.lru_cache(maxsize=64)
def _svg(spec: str) -> str:
    import vl_convert  # imported here: it starts a JavaScript engine on first use

    return str(vl_convert.vegalite_to_svg(json.loads(spec)))


def bar_chart(title: str, rows: Sequence[tuple[str, float]], value_title: str) -> Chart:
    """A horizontal bar chart of (label, value) rows, in the order given."""
    import altair as alt

    values = [{"label": label, "value": value} for label, value in rows]
    alt_text = _alt(title, rows, value_title)
    base = alt.Chart(alt.Data(values=values)).encode(
        y=alt.Y("label:N", sort=None, title=None),
        x=alt.X("value:Q", title=value_title, scale=alt.Scale(zero=True)),
    )
    chart = (
        (base.mark_bar(color=BLUE) + base.mark_text(align="left", dx=3).encode(text="value:Q"))
        .properties(title=title, width=360, description=alt_text)
        .configure_view(stroke=None)
        .configure(font="Arial")
    )
    svg = _svg(json.dumps(chart.to_dict(), sort_keys=True))
    return Chart(title, svg, alt_text, tuple((label, value) for label, value in rows), value_title)
