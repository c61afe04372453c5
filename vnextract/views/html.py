"""``render_html``: an article with every record marked, a legend and a table of officials.

The output is self-contained (inline CSS and JavaScript, no network), in the
spirit of displaCy's manual mode but for vnextract's nested records: one
``<mark>`` per mention, coloured and labelled by kind, nested where one record
lies inside another, with the normalised value as its tooltip.  Hovering a row
of the officials table lights up that person's mentions and the position's
span (CSS ``:has()``, so it works where scripts do not run, such as
JupyterLab); the script adds the reverse direction and click-to-pin.
"""

from __future__ import annotations

import html
from functools import cache
from importlib import resources

import regex

from vnextract.records import Document
from vnextract.views.marks import KINDS, Node, collect_marks, nest_marks

__all__ = ["render_fragment", "render_html"]

_UNSAFE = regex.compile(r"[\p{Cs}\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # lone surrogates, controls but \t\n\r


@cache
def _asset(name: str) -> str:
    return resources.files("vnextract.views").joinpath(name).read_text(encoding="utf-8")


def _esc(text: str) -> str:
    return html.escape(_UNSAFE.sub("\ufffd", text), quote=True)


def _check(doc: Document, text: str) -> None:
    if not isinstance(doc, Document):
        raise TypeError(f"render_html() needs a vnextract Document, not {type(doc).__name__}")
    if not isinstance(text, str):
        raise TypeError(f"render_html() needs the document's text as str, not {type(text).__name__}")
    for mark in collect_marks(doc):
        if mark.end > len(text):
            raise ValueError(f"the text is shorter than the document's offsets ({mark.end} > {len(text)}): wrong text?")
    spans = [(m.start, m.end, m.text) for p in doc.people for m in p.mentions]
    spans += [(q.start, q.end, q.text) for person in doc.people for q in person.positions]
    spans += [(m.start, m.end, m.text) for o in doc.organizations for m in o.mentions]
    spans += [(r.start, r.end, r.text) for r in [*doc.dates, *doc.percentages]]
    for start, end, written in spans:
        if text[start:end] != written:
            raise ValueError(
                f"the text does not match the document: [{start}:{end}] is {text[start:end]!r}, "
                f"the record says {written!r} (pass the exact string that was extracted)"
            )


def _open_tag(node: Node) -> str:
    mark = node.mark
    assert mark is not None
    classes = [f"vnx-{mark.kind}"]
    if node.piece:
        classes.append("vnx-cont")
    cut = node.end < mark.end
    if cut:
        classes.append("vnx-cut")
    attrs = f' class="{" ".join(classes)}" data-k="{mark.key}" title="{_esc(mark.tooltip)}"'
    if not cut:  # the label is drawn by CSS (::after), so it is not part of the text
        attrs += f' data-label="{_kind_label(mark.kind)}"'
    if mark.group:
        attrs += f' data-person="{mark.group}"'
    return f"<mark{attrs}>"


def _kind_label(kind: str) -> str:
    return next(k.label for k in KINDS if k.name == kind)


def _marked_text(text: str, root: Node) -> str:
    """The text with the tree of marks as nested ``<mark>`` elements (iterative: no recursion limit)."""
    out: list[str] = []
    stack: list[tuple[Node, int, int]] = [(root, 0, root.start)]  # node, next child, text written up to
    while stack:
        node, child, pos = stack.pop()
        if child < len(node.children):
            nxt = node.children[child]
            out.append(_esc(text[pos : nxt.start]))
            stack.append((node, child + 1, nxt.end))
            out.append(_open_tag(nxt))
            stack.append((nxt, 0, nxt.start))
            continue
        out.append(_esc(text[pos : node.end]))
        if node.mark is not None:
            out.append("</mark>")
    return "".join(out)


def _legend(doc: Document) -> str:
    counts = {
        "person": sum(len(p.mentions) for p in doc.people),
        "position": sum(len(p.positions) for p in doc.people),
        "organization": sum(len(o.mentions) for o in doc.organizations),
        "date": len(doc.dates),
        "percentage": len(doc.percentages),
    }
    items = [
        f'<li class="vnx-l-{k.name}" style="background: var(--vnx-{k.name})" title="{_esc(k.description)}">'
        f"<b>{k.label}</b> {counts[k.name]}</li>"
        for k in KINDS
    ]
    return f'<ul class="vnx-legend">{"".join(items)}</ul>'


def _flags(former: bool, acting: bool) -> str:
    return "".join(
        f'<span class="vnx-flag">{word}</span>' for word, on in (("former", former), ("acting", acting)) if on
    )


def _officials_table(doc: Document) -> tuple[str, list[str]]:
    rows, keys = [], []
    for i, person in enumerate(doc.people):
        for j, pos in enumerate(person.positions):
            key = f"p{i} p{i}.{j}"
            keys.append(key)
            org = pos.organization or pos.organization_text
            org_cell = _esc(org) if org else '<span class="vnx-none">—</span>'
            name_cell = _esc(person.name) if j == 0 else ""
            rows.append(
                f'<tr data-hl="{key}"><td>{name_cell}</td><td>{_esc(pos.title)}{_flags(pos.former, pos.acting)}</td>'
                f"<td>{org_cell}</td></tr>"
            )
    if not rows:
        return '<p class="vnx-none">No officials found.</p>', keys
    head = "<thead><tr><th>Name</th><th>Title</th><th>Organization</th></tr></thead>"
    return f'<table class="vnx-officials">{head}<tbody>{"".join(rows)}</tbody></table>', keys


def _details(title: str, header: tuple[str, ...], rows: list[tuple[str, tuple[str, ...]]]) -> str:
    if not rows:
        return ""
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join(
        f'<tr data-hl="{key}">' + "".join(f"<td>{_esc(c)}</td>" for c in cells) + "</tr>" for key, cells in rows
    )
    return (
        f"<details><summary>{title} ({len(rows)})</summary>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></details>"
    )


def _side(doc: Document) -> tuple[str, list[str]]:
    """The side panel, and the record keys of the officials rows (for the CSS-only highlighting)."""
    officials, keys = _officials_table(doc)
    keys = list(keys)
    others = [(f"p{i}", (p.name, str(len(p.mentions)))) for i, p in enumerate(doc.people) if not p.positions]
    orgs = [(f"o{i}", (o.name, o.kind.value, str(len(o.mentions)))) for i, o in enumerate(doc.organizations)]
    dates = [(f"d{i}", (d.text, d.value)) for i, d in enumerate(doc.dates)]
    pcts = [
        (f"x{i}", (p.text, f"{p.value:g}" + (f"–{p.value_max:g}" if p.value_max is not None else "")))
        for i, p in enumerate(doc.percentages)
    ]
    parts = [
        f"<h2>Officials ({len(keys)} positions)</h2>",
        officials,
        _details("Other people", ("Name", "Mentions"), others),
        _details("Organizations", ("Name", "Kind", "Mentions"), orgs),
        _details("Dates", ("As written", "Value"), dates),
        _details("Percentages", ("As written", "Value"), pcts),
    ]
    return "".join(parts), keys


def _hover_css(keys: list[str]) -> str:
    """Row-to-mark highlighting in CSS alone (``:has()``), one rule per record key."""
    rules = []
    for key in sorted({k for row in keys for k in row.split()}):
        rules.append(f'.vnx:has(tr[data-hl~="{key}"]:hover) mark[data-k="{key}"]')
    if not rules:
        return ""
    return ",\n".join(rules) + " { box-shadow: 0 0 0 2px #d62728; }"


def _warnings(doc: Document) -> str:
    if not doc.warnings:
        return ""
    items = "; ".join(_esc(f"{w.code}: {w.message}") for w in doc.warnings)
    return f'<div class="vnx-warn">Warnings: {items}</div>'


def render_fragment(doc: Document, text: str | None) -> str:
    """The view as one ``<div class="vnx">`` with its own style and script (for notebooks).

    With ``text=None`` the article is left out and only the tables are shown.
    """
    if text is not None:
        _check(doc, text)
    elif not isinstance(doc, Document):
        raise TypeError(f"render_html() needs a vnextract Document, not {type(doc).__name__}")
    side, keys = _side(doc)
    title = _esc(doc.id) if doc.id else "Document"
    meta = []
    if doc.published:
        meta.append(f"published {doc.published.isoformat()}")
    if text is not None:
        meta.append(f"{len(text):,} characters")
    if text is None:
        article = (
            '<div class="vnx-text vnx-none">The text is not attached to this document: '
            "use vnextract.render_html(doc, text).</div>"
        )
    else:
        article = f'<div class="vnx-text">{_marked_text(text, nest_marks(collect_marks(doc), len(text)))}</div>'
    return (
        f'<div class="vnx"><style>{_asset("view.css")}\n{_hover_css(keys)}</style>'
        f'<div class="vnx-head"><h1>{title}</h1><span class="vnx-meta">{" · ".join(meta)}</span></div>'
        f"{_legend(doc)}{_warnings(doc)}"
        f'<div class="vnx-body">{article}<div class="vnx-side">{side}</div></div>'
        '<div class="vnx-foot">vnextract · hover a row to see its mentions, click to pin; '
        "hover a mark for its normalised value</div>"
        f"<script>{_asset('view.js')}</script></div>"
    )


def render_html(doc: Document, text: str, *, page: bool = True) -> str:
    """Render ``doc`` over ``text`` (the exact string it was extracted from) as self-contained HTML.

    Args:
        doc: the extracted :class:`~vnextract.records.Document`.
        text: the string passed to ``extract``; every record's offsets must match it.
        page: a complete HTML page (``True``) or just the ``<div>`` to embed.

    Raises:
        TypeError: ``doc`` is not a Document or ``text`` not a ``str``.
        ValueError: the offsets of ``doc`` do not match ``text``.
    """
    fragment = render_fragment(doc, text)
    if not page:
        return fragment
    title = _esc(doc.id) if doc.id else "vnextract"
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title} · vnextract</title></head><body>{fragment}</body></html>\n"
    )
