"""A short plain-text summary of a Document, for a terminal: officials first, then the other records."""

from __future__ import annotations

import textwrap

from vnextract.records import Document

__all__ = ["summary"]


def _shorten(items: list[str], limit: int) -> str:
    shown = "; ".join(items[:limit])
    return shown + (f"; … {len(items) - limit} more" if len(items) > limit else "")


def _wrapped(line: str, width: int) -> list[str]:
    return textwrap.wrap(line, width=width, subsequent_indent="    ", break_on_hyphens=False) or [line]


def summary(doc: Document, *, chars: int | None = None, limit: int = 6, width: int = 100) -> str:
    """A few readable lines: who holds which office, then organisations, dates and percentages.

    Args:
        doc: the Document.
        chars: the text length, shown in the heading when given.
        limit: at most this many items per line of organisations, dates, percentages.
        width: long lines are wrapped at this many characters.
    """
    if not isinstance(doc, Document):
        raise TypeError(f"summary() needs a Document, not {type(doc).__name__}")
    head = [doc.id or "document"]
    if doc.published:
        head.append(f"published {doc.published.isoformat()}")
    if chars is not None:
        head.append(f"{chars:,} characters")
    lines = [" · ".join(head)]
    officials = doc.officials
    lines.append(f"Officials ({len(officials)}):" if officials else "Officials: none found")
    for person in officials:
        lines.append(f"  {person.name}")
        for pos in person.positions:
            flags = "".join(f" [{w}]" for w, on in (("former", pos.former), ("acting", pos.acting)) if on)
            org = pos.organization or pos.organization_text
            lines.append(f"    {pos.title}{' · ' + org if org else ''}{flags}")
    others = [p.name for p in doc.people if not p.positions]
    if others:
        lines.append(f"Other people ({len(others)}): {_shorten(others, limit)}")
    orgs = sorted(doc.organizations, key=lambda o: -len(o.mentions))
    if orgs:
        names = [o.name + (f" ×{len(o.mentions)}" if len(o.mentions) > 1 else "") for o in orgs]
        lines.append(f"Organizations ({len(orgs)}): {_shorten(names, limit)}")
    if doc.dates:
        lines.append(f"Dates ({len(doc.dates)}): {_shorten([f'{d.text} → {d.value}' for d in doc.dates], limit)}")
    if doc.percentages:
        pcts = [f"{p.qualifier + ' ' if p.qualifier else ''}{p.text} → {p.value:g}" for p in doc.percentages]
        lines.append(f"Percentages ({len(pcts)}): {_shorten(pcts, limit)}")
    for warning in doc.warnings:
        lines.append(f"Warning: {warning.code}: {warning.message}")
    return "\n".join(part for line in lines for part in _wrapped(line, width))
