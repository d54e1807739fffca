"""Charts of the reports, rendered on the server as SVG by pygal: no JavaScript, no external file."""

import pygal
from pygal.style import Style

from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from reports.numbers import format_figure

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#262626",
    foreground_strong="#262626",
    foreground_subtle="#595959",
    colors=("#007d7e", "#6f2c91", "#b35900", "#1f5fad"),
    font_family="sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=12,
    legend_font_size=13,
    title_font_size=16,
)


def _accessible_without_scripts(title):
    """An xml filter for pygal: drop its script elements (js=[] keeps its inline config
    script), and name the chart for screen readers with a title element."""

    def apply(root):
        for parent in list(root.iter()):
            for child in list(parent):
                if str(child.tag).rsplit("}", 1)[-1] == "script":
                    parent.remove(child)
        name = root.makeelement("title", {})
        name.text = str(title)
        root.insert(0, name)
        root.set("role", "img")
        return root

    return apply


def render_chart(title, figures):
    """Draw the report's chart columns per group as horizontal bars, the figures printed on them.

    Return the SVG as a string to inline in the page: without the XML declaration and
    without pygal's script tags (its tooltips need JavaScript that the admin does not load).
    """
    columns = [column for column in figures.columns if column.key in figures.chart_columns]
    chart = pygal.HorizontalBar(
        style=STYLE,
        title=str(title),
        disable_xml_declaration=True,
        js=[],
        print_values=True,
        show_legend=len(columns) > 1,
        legend_at_bottom=True,
        width=800,
        height=max(260, 120 + 36 * len(figures.rows) * len(columns)),
        truncate_label=40,
        no_data_text=gettext("Geen gegevens"),
        show_y_guides=False,
    )
    chart.add_xml_filter(_accessible_without_scripts(title))
    # pygal draws the first label at the bottom; reversed, the chart reads like the table.
    rows = list(reversed(figures.rows))
    chart.x_labels = [str(name) for name, _values in rows]
    for column in columns:
        chart.add(
            str(column.label),
            [None if values[column.key] is None else float(values[column.key]) for _name, values in rows],
            formatter=lambda value, column=column: format_figure(value, column),
        )
    return mark_safe(chart.render(is_unicode=True))  # noqa: S308 - pygal escapes every label and value
