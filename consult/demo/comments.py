"""Seeded, reproducible demo comments for the demo consultations, composed from phrase banks."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from consult.demo import phrases_other as other
from consult.demo import phrases_pl as pl
from consult.demo.content import COMMUNITY_SLUG, STRATEGY_SLUG, iter_sections
from consult.demo.specs import CommentSpec, ConsultationSpec, SectionSpec
from consult.lib.text import plain_text

# Per section: its themes (the first is the main one) and a weight for how busy it is.
SECTION_THEMES: dict[str, dict[str, tuple[tuple[str, ...], float]]] = {
    STRATEGY_SLUG: {
        "": (("language", "funding"), 2),
        "I": (("funding", "language"), 1),
        "I.1": (("social_workers", "unemployment", "language"), 2),
        "I.2": (("seniors", "disability", "social_workers"), 2),
        "I.3": (("homelessness", "mental_health", "addiction"), 2),
        "I.4": (("funding", "social_economy", "mal"), 2),
        "I.5": (("funding", "language"), 3),
        "II": (("mental_health", "refugees", "funding", "seniors", "language"), 4),
        "3": (("funding", "social_workers", "language", "cis_kis"), 3),
        "3.1": (("unemployment", "cis_kis", "funding", "refugees"), 6),
        "3.2": (("homelessness", "mental_health", "funding", "addiction"), 12),
        "3.3": (("cis_kis", "social_economy", "funding"), 8),
        "3.4": (("disability", "funding", "digital"), 7),
        "3.5": (("seniors", "digital", "mal", "social_workers"), 9),
        "3.6": (("refugees", "mal", "unemployment", "digital"), 8),
        "3.7": (("foster_care", "homelessness", "mental_health"), 5),
        "3.8": (("addiction", "unemployment", "homelessness"), 4),
        "3.9": (("digital", "seniors"), 5),
        "3.10": (("mal", "seniors", "funding", "neighbourhood"), 6),
    },
    COMMUNITY_SLUG: {
        "": (("language", "programme_funding"), 2),
        "1.1": (("neighbourhood", "engagement", "diversity"), 4),
        "1.1.1": (("diversity", "refugees", "engagement"), 7),
        "1.1.2": (("neighbourhood", "mal"), 8),
        "1.1.3": (("engagement", "neighbourhood"), 6),
        "2": (("programme_funding", "mal", "engagement"), 4),
    },
}

# Comment counts per consultation (organic ones; campaign and duplicates come on top).
PLAN: dict[str, dict[str, int]] = {
    STRATEGY_SLUG: {"total": 460, "en": 37, "uk": 32, "campaign": 56},
    COMMUNITY_SLUG: {"total": 130, "en": 10, "uk": 9, "campaign": 0},
}
# Exact duplicates: how many copies of each duplicated text.
DUPLICATE_COPIES: dict[str, tuple[int, ...]] = {
    STRATEGY_SLUG: (2, 2, 3, 3),
    COMMUNITY_SLUG: (2, 2),
}
PERSONAL_DATA_COUNT: dict[str, int] = {STRATEGY_SLUG: 9, COMMUNITY_SLUG: 3}

TONES = ("supportive", "critical", "angry", "question", "constructive")
TONE_WEIGHTS = (20, 25, 10, 15, 30)
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")


def comments_for(spec: ConsultationSpec, seed: int = 2026) -> list[CommentSpec]:
    """Several hundred comments for a demo consultation (none for one not yet open), by time."""
    if spec.slug not in PLAN or spec.status == "draft":
        return []
    rng = random.Random(f"{spec.slug}:{seed}")
    sections = {s.number: s for s in iter_sections(spec.sections)}
    themes = SECTION_THEMES[spec.slug]
    hours_open = float(
        (spec.opened_days_ago if spec.status == "open" else spec.duration_days) * 24
    )
    plan = PLAN[spec.slug]
    copies = DUPLICATE_COPIES[spec.slug]
    n_pl = plan["total"] - plan["en"] - plan["uk"] - plan["campaign"] - sum(copies)

    out: list[CommentSpec] = []
    for _ in range(n_pl):
        out.append(_polish(rng, sections, themes, hours_open))
    for _ in range(plan["en"]):
        out.append(_foreign(rng, "en", other.EN, themes, hours_open))
    for _ in range(plan["uk"]):
        out.append(_foreign(rng, "uk", other.UK, themes, hours_open))
    _add_personal_data(rng, out, PERSONAL_DATA_COUNT[spec.slug])
    if plan["campaign"]:
        out.extend(_campaign(rng, plan["campaign"], hours_open))
    out.extend(_duplicates(rng, sections, themes, hours_open, copies))

    for comment in out:
        assert comment.section_number in sections, comment.section_number
        assert quote_is_verbatim(comment, sections[comment.section_number]), comment.quote
    out.sort(key=lambda c: c.created_hours_after_open)
    return out


def quote_is_verbatim(comment: CommentSpec, section: SectionSpec) -> bool:
    """True when the comment quotes nothing or an exact substring of the section's plain text."""
    return not comment.quote or comment.quote in plain_text(section.body_html)


# --- Polish comments -----------------------------------------------------------------------


def _polish(
    rng: random.Random,
    sections: dict[str, SectionSpec],
    themes: dict[str, tuple[tuple[str, ...], float]],
    hours_open: float,
) -> CommentSpec:
    number = _weighted(rng, list(themes), [w for _, w in themes.values()])
    section_themes = themes[number][0]
    main = section_themes[0] if rng.random() < 0.55 else rng.choice(section_themes)
    kinds = ["resident", "ngo", "institution", "business", "other"]
    kind = _weighted(rng, kinds, [80, 10, 4, 3, 3])
    tone = _weighted(rng, list(TONES), list(TONE_WEIGHTS))
    if kind != "resident" and tone == "angry":
        tone = "constructive"
    org = _organisation(rng, kind)
    quote = quote_lead = ""
    body = plain_text(sections[number].body_html)
    if body and rng.random() < 0.16:
        quote = _pick_quote(rng, body)
        if rng.random() < 0.5:
            quote_lead = rng.choice(pl.QUOTE_LEADS).format(quote=quote)
    remark, length = _remark(rng, main, section_themes, tone, org, quote_lead)

    bank = pl.THEMES[main]
    proposal = justification = ""
    p_proposal = 0.85 if tone == "constructive" else (0.2 if length == "short" else 0.4)
    if rng.random() < p_proposal:
        proposal = rng.choice(bank["proposals"])
        if rng.random() < 0.7:
            justification = rng.choice(bank["justifications"])
    name, show, email = _submitter(rng, kind, org)
    popular = bool(proposal) and length == "long"
    return CommentSpec(
        section_number=number,
        remark=remark,
        proposal=proposal,
        justification=justification,
        submitter_kind=kind,
        submitter_name=name,
        show_name=show,
        email=email,
        quote=quote,
        language="pl",
        created_hours_after_open=_hour(rng, hours_open),
        supports=_supports(rng, popular),
    )


def _remark(
    rng: random.Random,
    main: str,
    section_themes: Sequence[str],
    tone: str,
    org: str,
    quote_lead: str = "",
) -> tuple[str, str]:
    """The remark text and its length class ("short", "medium" or "long")."""
    if not org and not quote_lead and rng.random() < 0.1:
        return rng.choice(pl.SHORT), "short"
    length = "long" if rng.random() < 0.4 else "medium"
    sentences = rng.sample(_remarks(main, org), k=1 if length == "medium" else 2)
    paragraphs: list[str] = []
    first: list[str] = []
    if org:
        first.append(rng.choice(pl.ORG_OPENERS).format(org=org))
    elif rng.random() < 0.6 and not quote_lead:
        first.append(rng.choice(pl.OPENERS[tone]))
    if quote_lead:
        first.append(quote_lead)
    first.extend(sentences)
    if tone == "question" or rng.random() < 0.15:
        first.append(rng.choice(pl.QUESTIONS))
    paragraphs.append(" ".join(first))
    if length == "long":
        second_theme = rng.choice([t for t in section_themes if t != main] or [main])
        extra = [s for s in _remarks(second_theme, org) if s not in sentences]
        second = rng.sample(extra, k=min(len(extra), rng.choice((1, 2))))
        if rng.random() < 0.7:
            second.append(rng.choice(pl.CLOSERS[tone]))
        paragraphs.append(" ".join(second))
    elif rng.random() < 0.3:
        paragraphs[0] += " " + rng.choice(pl.CLOSERS[tone])
    return "\n\n".join(paragraphs), length


def _remarks(theme: str, org: str) -> list[str]:
    """A theme's remarks; for an organisation, without first-person stories of private life."""
    remarks = pl.THEMES[theme]["remarks"]
    if not org:
        return list(remarks)
    impersonal = [r for r in remarks if not any(m in r.lower() for m in pl.PERSONAL_MARKERS)]
    return impersonal or list(remarks)


def _pick_quote(rng: random.Random, body: str) -> str:
    """A sentence or clause of `body`, trimmed of its final punctuation."""
    sentences = [s for s in _SENTENCE_END.split(body) if 25 <= len(s) <= 220] or [body[:120]]
    sentence = rng.choice(sentences)
    clauses = [c for c in sentence.split(", ") if len(c) >= 30]
    if clauses and rng.random() < 0.4:
        sentence = rng.choice(clauses)
    return sentence.rstrip(".;:,")


# --- English and Ukrainian comments --------------------------------------------------------


def _foreign(
    rng: random.Random,
    language: str,
    bank: dict[str, dict[str, tuple[str, ...]]],
    themes: dict[str, tuple[tuple[str, ...], float]],
    hours_open: float,
) -> CommentSpec:
    candidates = [n for n, (ts, _) in themes.items() if any(t in bank for t in ts)]
    weights = [themes[n][1] * (3 if themes[n][0][0] in bank else 1) for n in candidates]
    number = _weighted(rng, candidates, weights)
    theme = rng.choice([t for t in themes[number][0] if t in bank])
    entry = bank[theme]
    k = min(len(entry["remarks"]), rng.choice((1, 1, 2)))
    remark = " ".join(rng.sample(entry["remarks"], k=k))
    proposal = rng.choice(entry["proposals"]) if rng.random() < 0.5 else ""
    justification = ""
    if proposal and "justifications" in entry and rng.random() < 0.6:
        justification = rng.choice(entry["justifications"])
    kind = "ngo" if rng.random() < 0.08 else "resident"
    name = email = ""
    if kind == "ngo":
        name = other.MIGRANT_NGO
        email = "kontakt.most@example.org"
    elif rng.random() < 0.35:
        i = rng.randrange(len(other.UK_NAMES if language == "uk" else other.EN_NAMES))
        name = (other.UK_NAMES if language == "uk" else other.EN_NAMES)[i]
        handle = other.UK_LATIN[i] if language == "uk" else _ascii(name).replace(" ", ".")
        email = f"{handle}{rng.randrange(10, 99)}@example.com"
    elif rng.random() < 0.5:
        email = f"resident{rng.randrange(100, 999)}@example.com"
    return CommentSpec(
        section_number=number,
        remark=remark,
        proposal=proposal,
        justification=justification,
        submitter_kind=kind,
        submitter_name=name,
        show_name=bool(name) and rng.random() < 0.5,
        email=email,
        language=language,
        created_hours_after_open=_hour(rng, hours_open),
        supports=_supports(rng, False),
    )


# --- Campaign, duplicates, personal data ---------------------------------------------------


def _campaign(rng: random.Random, count: int, hours_open: float) -> list[CommentSpec]:
    """A form letter shared online: one template with small edits, sent within about two days."""
    start = hours_open * 0.35
    out = []
    for _ in range(count):
        number = rng.choice(other.CAMPAIGN_NUMBERS)
        parts = [rng.choice(other.CAMPAIGN_GREETINGS)]
        body = other.CAMPAIGN_BODY.format(number=number, word=rng.choice(other.CAMPAIGN_WORDS))
        if rng.random() < 0.3:
            body = body.replace("mieszkanka/mieszkaniec", rng.choice(("mieszkanka", "mieszkaniec")))
        if not parts[0]:
            body = body[0].upper() + body[1:]
        parts.append(body)
        parts.append(rng.choice(other.CAMPAIGN_EXTRAS))
        parts.append(rng.choice(other.CAMPAIGN_SIGNATURES))
        remark = "\n\n".join(p for p in parts if p)
        named = rng.random() < 0.3
        first, last = _person(rng)
        out.append(
            CommentSpec(
                section_number=other.CAMPAIGN_SECTION,
                remark=remark,
                proposal=(
                    other.CAMPAIGN_PROPOSAL.format(number=number) if rng.random() < 0.6 else ""
                ),
                justification=other.CAMPAIGN_JUSTIFICATION if rng.random() < 0.4 else "",
                submitter_kind="resident",
                submitter_name=f"{first} {last}" if named else "",
                show_name=named and rng.random() < 0.5,
                email=_email(rng, first, last) if rng.random() < 0.8 else "",
                language="pl",
                created_hours_after_open=min(hours_open - 0.1, start + rng.expovariate(1 / 12)),
                supports=rng.choice((0, 0, 0, 1, 2)),
                tags=("campaign",),
            )
        )
    return out


def _duplicates(
    rng: random.Random,
    sections: dict[str, SectionSpec],
    themes: dict[str, tuple[tuple[str, ...], float]],
    hours_open: float,
    copies: tuple[int, ...],
) -> list[CommentSpec]:
    """Texts sent more than once: a double-clicked submit or a resident who tried again later."""
    out = []
    for n in copies:
        base = _polish(rng, sections, themes, hours_open)
        while len(base.remark) < 80:  # a bare "Popieram." twice is not an interesting duplicate
            base = _polish(rng, sections, themes, hours_open)
        t = min(base.created_hours_after_open, hours_open - 100)
        for i in range(n):
            gap = rng.uniform(0.005, 0.05) if rng.random() < 0.5 else rng.uniform(2, 48)
            out.append(_replace(base, created_hours_after_open=t + i * gap,
                                supports=base.supports if i == 0 else 0, tags=("duplicate",)))
    return out


def _add_personal_data(rng: random.Random, comments: list[CommentSpec], count: int) -> None:
    """Append fictional phone numbers, addresses and names to a few comments, in place."""
    polish = [i for i, c in enumerate(comments) if c.language == "pl"]
    ukrainian = [i for i, c in enumerate(comments) if c.language == "uk"]
    snippets = [s for s in other.PERSONAL_DATA if not _is_cyrillic(s)]
    for i, snippet in zip(rng.sample(polish, k=count - 1), rng.sample(snippets, k=count - 1)):
        comments[i] = _replace(comments[i], remark=comments[i].remark + "\n\n" + snippet)
    if ukrainian:
        i = rng.choice(ukrainian)
        snippet = next(s for s in other.PERSONAL_DATA if _is_cyrillic(s))
        comments[i] = _replace(comments[i], remark=comments[i].remark + " " + snippet)


# --- Submitters, time, supports ------------------------------------------------------------


def _organisation(rng: random.Random, kind: str) -> str:
    pool = {"ngo": other.NGOS, "institution": other.INSTITUTIONS, "business": other.BUSINESSES}
    return rng.choice(pool[kind]) if kind in pool else ""


def _submitter(rng: random.Random, kind: str, org: str) -> tuple[str, bool, str]:
    """Name (or organisation), whether it is shown, and a fake e-mail."""
    if org:
        slug = _ascii(org).lower()
        slug = re.sub(r"[^a-z]+", ".", slug).strip(".")
        return org, rng.random() < 0.75, f"biuro.{slug[:24].strip('.')}@example.org"
    first, last = _person(rng)
    named = rng.random() < 0.35
    email = _email(rng, first, last) if rng.random() < 0.7 else ""
    return (f"{first} {last}" if named else ""), named and rng.random() < 0.45, email


def _person(rng: random.Random) -> tuple[str, str]:
    female = rng.random() < 0.58
    first = rng.choice(other.FIRST_NAMES_F if female else other.FIRST_NAMES_M)
    masculine, feminine = rng.choice(other.SURNAMES)
    return first, feminine if female else masculine


def _email(rng: random.Random, first: str, last: str) -> str:
    local = rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{last}{rng.randrange(60, 99)}"))
    return f"{_ascii(local).lower()}@{rng.choice(('example.org', 'example.com'))}"


def _hour(rng: random.Random, hours_open: float) -> float:
    """Hours after opening: many at the start, a rise near the end, daytime more than night."""
    r = rng.random()
    if r < 0.4:
        t = rng.expovariate(1 / (hours_open * 0.12))
    elif r < 0.7:
        t = rng.uniform(0, hours_open)
    else:
        t = hours_open - rng.expovariate(1 / (hours_open * 0.1))
    t = min(max(t, 0.05), hours_open - 0.05)
    # Move night-time submissions (00–07 if opened at midnight) mostly into the evening.
    day, hour = divmod(t, 24)
    if hour < 7 and rng.random() < 0.7:
        hour = rng.uniform(17, 23)
    return round(min(day * 24 + hour, hours_open - 0.05), 3)


def _supports(rng: random.Random, popular: bool) -> int:
    r = rng.random()
    if popular and r < 0.15:
        return rng.randint(20, 85)
    if r < 0.62:
        return 0
    if r < 0.86:
        return rng.randint(1, 3)
    if r < 0.975:
        return rng.randint(4, 15)
    return rng.randint(16, 45)


# --- Small helpers -------------------------------------------------------------------------


def _weighted(rng: random.Random, items: Sequence[str], weights: Sequence[float]) -> str:
    return rng.choices(list(items), weights=list(weights), k=1)[0]


def _ascii(value: str) -> str:
    value = value.replace("ł", "l").replace("Ł", "L")
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(ch for ch in decomposed if ord(ch) < 128 and not unicodedata.combining(ch))


def _is_cyrillic(value: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in value)


def _replace(comment: CommentSpec, **changes: object) -> CommentSpec:
    return replace(comment, **changes)  # type: ignore[arg-type]
