"""Inline SVG bar charts of engine figures. Presentation only: scales bars to pixels."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ressourcemodel.formatting import format_kr, format_number

COLORS = ["#1f5f8b", "#6aa84f", "#e69138", "#999999"]


def bars(
    groups: list[tuple[str, list[Decimal]]],
    *,
    series: list[str],
    money: bool = True,
    stacked_first: int = 0,
    width: int = 720,
    height: int = 240,
) -> SafeString:
    """Grouped bars; the first ``stacked_first`` series are stacked into one bar."""
    if not groups:
        return mark_safe("")
    pad_l, pad_b, pad_t = 70, 28, 10
    plot_h = height - pad_b - pad_t

    def bar_values(vals: list[Decimal]) -> list[list[tuple[int, Decimal]]]:
        if stacked_first:
            return [list(enumerate(vals[:stacked_first]))] + [
                [(stacked_first + i, v)] for i, v in enumerate(vals[stacked_first:])
            ]
        return [[(i, v)] for i, v in enumerate(vals)]

    sums = (sum((v for _, v in b), Decimal(0)) for _, vals in groups for b in bar_values(vals))
    peak = max(sums, default=Decimal(1)) or Decimal(1)
    n_bars = len(bar_values(groups[0][1]))
    group_w = (width - pad_l) / len(groups)
    bar_w = max(2.0, group_w * 0.8 / n_bars)

    def fmt(v: Decimal) -> str:
        return format_kr(v, 0) if money else format_number(v)

    parts = [
        (
            f'<svg class="chart" viewBox="0 0 {width} {height + 24}" role="img" '
            f'xmlns="http://www.w3.org/2000/svg">'
        )
    ]
    parts += _grid(peak, money=money, width=width, left=pad_l, top=pad_t, plot_h=plot_h)
    for gi, (label, vals) in enumerate(groups):
        x0 = pad_l + gi * group_w + group_w * 0.1
        for bi, stack in enumerate(bar_values(vals)):
            base = Decimal(0)
            for si, v in stack:
                h = float(v / peak) * plot_h if v > 0 else 0.0
                y = pad_t + plot_h - float(base / peak) * plot_h - h
                parts.append(
                    f'<rect x="{x0 + bi * bar_w:.1f}" y="{y:.1f}" width="{bar_w - 1:.1f}" '
                    f'height="{h:.1f}" fill="{COLORS[si % len(COLORS)]}">'
                    f"<title>{escape(label)} – {escape(series[si])}: "
                    f"{escape(fmt(v))}</title></rect>"
                )
                base += v
        parts.append(
            f'<text x="{x0 + n_bars * bar_w / 2:.1f}" y="{height - 10}" '
            f'text-anchor="middle" class="axis">{escape(label)}</text>'
        )
    parts += _legend(series, left=pad_l, height=height)
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _grid(peak: Decimal, *, money: bool, width: int, left: int, top: int, plot_h: int) -> list[str]:
    """Five horizontal lines with their values (thousands of kroner for money)."""
    parts = []
    for k in range(5):
        y = top + plot_h - plot_h * k / 4
        parts.append(f'<line x1="{left}" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="axis">'
            f"{escape(format_number(peak * k / 4 / (1000 if money else 1), 0))}"
            f"{' t.' if money else ''}</text>"
        )
    return parts


def _legend(series: list[str], *, left: int, height: int) -> list[str]:
    return [
        f'<rect x="{left + si * 150}" y="{height + 8}" width="10" height="10" '
        f'fill="{COLORS[si % len(COLORS)]}"/><text x="{left + si * 150 + 14}" '
        f'y="{height + 17}" class="axis">{escape(name)}</text>'
        for si, name in enumerate(series)
    ]
