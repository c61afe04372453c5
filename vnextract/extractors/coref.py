"""One person per individual: short references and pronouns become mentions of a full name."""

from __future__ import annotations

from bisect import bisect_left

from vnextract.extractors.names import NameMention
from vnextract.text.normalize import normalize_key

__all__ = ["group_mentions"]

_ALIASES = {"bác hồ": "hồ chí minh", "cụ hồ": "hồ chí minh"}


def _syllables(name: str) -> list[str]:
    return normalize_key(name).split()


def group_mentions(mentions: list[NameMention]) -> tuple[list[list[int]], dict[int, int]]:
    """Group name mentions (in text order) into individuals.

    Returns the groups (lists of mention indexes, in order of first mention) and a map from
    mention index to group index.  Full names group by spelling; a full name that is the tail of a
    longer one ("Thiện Nhân" / "Nguyễn Thiện Nhân") joins it; a one-syllable reference ("ông Cang",
    "Bí thư Vịnh") joins the closest full name before it ending in that syllable (else the first after);
    references that match no full name are dropped.
    """
    full = [i for i, m in enumerate(mentions) if m.kind != "short"]
    keys = {i: _syllables(mentions[i].text) for i in full}
    # canonical key per full mention: the longest full name that ends with it
    canon: dict[int, str] = {}
    all_keys = sorted({" ".join(k) for k in keys.values()}, key=lambda k: (-len(k.split()), k))
    present = set(all_keys)
    # the longer names each shorter form may stand for, in the order of all_keys: by every proper
    # suffix ("Thiện Nhân" of "Nguyễn Thiện Nhân") and by the prefix one syllable shorter
    longer: dict[tuple[str, ...], list[str]] = {}
    for other in all_keys:
        o = other.split()
        forms = {tuple(o[-n:]) for n in range(1, len(o))} | {tuple(o[:-1])}
        for form in forms:
            longer.setdefault(form, []).append(other)
    for i in full:
        k = keys[i]
        best = " ".join(k)
        if mentions[i].kind in ("full",) and len(k) >= 2:
            # "Thiện Nhân" of "Nguyễn Thiện Nhân"; "Nguyễn Thiện" of a mistyped "Nguyễn Thiện nhân" (only when
            # one longer name fits: "Nguyễn Văn" beside "Nguyễn Văn Hết" and "Nguyễn Văn Xê" is nobody's)
            fits = longer.get(tuple(k), [])
            if len(fits) == 1 or (fits and len(fits[0].split()) > len(fits[1].split())):
                best = fits[0]
        # "Bác Hồ" is the same person as "Hồ Chí Minh" when both are written
        canon[i] = _ALIASES.get(best, best) if _ALIASES.get(best) in present else best
    for i in full:
        if mentions[i].kind == "alias" and mentions[i].alias_of:
            # a nickname joins the person it was introduced for
            target = mentions[i].alias_of
            owner = next((j for j in full if mentions[j].kind == "full" and mentions[j].text == target), None)
            if owner is not None:
                canon[i] = canon[owner]
    group_of_key: dict[str, int] = {}
    groups: list[list[int]] = []
    assign: dict[int, int] = {}
    for i in full:
        g = group_of_key.get(canon[i])
        if g is None:
            g = group_of_key[canon[i]] = len(groups)
            groups.append([])
        groups[g].append(i)
        assign[i] = g
    # full names by their last syllable, in text order: a short reference ("ông Cang") takes the
    # nearest full name before it, else the first one after it
    by_last: dict[str, list[int]] = {}
    for j in sorted(full, key=lambda j: mentions[j].start):
        if mentions[j].kind == "full":
            by_last.setdefault(keys[j][-1], []).append(j)
    starts = {last: [mentions[j].start for j in js] for last, js in by_last.items()}
    for i, m in enumerate(mentions):
        if m.kind != "short":
            continue
        last = normalize_key(m.text)
        same = by_last.get(last, [])
        k = bisect_left(starts.get(last, []), m.start)
        target = same[k - 1] if k else (same[k] if same else None)
        if target is None:
            continue
        g = assign[target]
        groups[g].append(i)
        assign[i] = g
    for g in groups:
        g.sort(key=lambda i: mentions[i].start)
    order = sorted(range(len(groups)), key=lambda g: mentions[groups[g][0]].start)
    remap = {old: new for new, old in enumerate(order)}
    groups = [groups[g] for g in order]
    assign = {i: remap[g] for i, g in assign.items()}
    return groups, assign
