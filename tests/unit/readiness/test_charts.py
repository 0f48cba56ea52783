"""Charts render offline to SVG with a text alternative and the table behind them."""

from jtai.readiness.charts import bar_chart


def test_bar_chart_is_svg_with_alt_text_and_table_and_no_inline_styles():
    chart = bar_chart("Referrals by source", [("gp", 10.0), ("school", 4.0)], "Referrals")
    assert chart.svg.startswith("<svg") and "style=" not in chart.svg
    assert "gp 10" in chart.alt and "school 4" in chart.alt
    assert chart.table == (("gp", 10.0), ("school", 4.0))
