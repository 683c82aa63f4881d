"""`assign`: new comments join the themes and campaigns of an earlier analysis, without re-clustering."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, fields
from typing import Any

import numpy as np

from nlp import duplicates, language, pipeline, vectors
from nlp.workers import classify_sentiment
from nlp.types import Analysis, Campaign, CommentIn, CommentResult, Options, Theme

STATE_VERSION = 1
_OPTION_FIELDS = ("seed", "campaign_min_size", "near_duplicate_threshold", "vectors", "assign_threshold")


def text_key(text: str) -> str:
    """A short stable hash of a normalised text: exact duplicates without storing the text."""
    return hashlib.blake2b(duplicates.normalise(text).encode(), digest_size=8).hexdigest()


def build_state(options: Options, themes: list[Theme], sections: dict[str, object], groups: duplicates.Groups,
                campaigns: list[Campaign], campaign_of: dict[int, str]) -> dict[str, object]:
    """Everything `assign` needs, as plain JSON (dicts, lists, strings, numbers)."""
    dup_groups: list[dict[str, object]] = []
    for g, size in enumerate(groups.sizes):
        if size < 2:
            continue
        centre = groups.centre[g]
        dup_groups.append({
            "id": f"g{g}", "campaign": campaign_of.get(g),
            "keys": sorted({hashlib.blake2b(groups.norms[u].encode(), digest_size=8).hexdigest()
                            for u in groups.members[g]}),
            "signature": groups.sigs.get(centre), "shingles": len(groups.norms[centre].split()) - 1,
        })
    return {
        "version": STATE_VERSION,
        "options": {k: getattr(options, k) for k in _OPTION_FIELDS},
        "sections": sections,
        "themes": [asdict(t) for t in themes],
        "campaigns": [asdict(c) | {"member_ids": [], "variants": c.variants[:10]} for c in campaigns],
        "groups": dup_groups,
        "next_group": len(groups.sizes),
    }


def assign(state: dict[str, Any], new_comments: Sequence[CommentIn]) -> Analysis:
    """Results for new comments only: each joins the closest existing theme of its section (cosine of
    TF-IDF profiles, or of sentence-embedding centroids) or stays unassigned (theme_id None); exact and
    near duplicates of earlier groups join them and their campaigns. Returns themes/campaigns with
    updated sizes and a new state."""
    if state.get("version") != STATE_VERSION:
        raise ValueError("analysis state is missing or from another version: run a full analysis")
    known = {f.name for f in fields(Options)}
    options = Options(**{k: v for k, v in state["options"].items() if k in known})
    texts = [c.text or "" for c in new_comments]
    langs = language.detect(texts)
    sents = classify_sentiment(texts, langs)
    feats = pipeline.features(texts, langs)
    embedded = vectors.embed(options.vectors, texts) if options.vectors in vectors.EMBEDDINGS else None
    threshold = options.assign_threshold
    if threshold is None:
        threshold = vectors.ASSIGN_THRESHOLD.get(options.vectors, vectors.ASSIGN_THRESHOLD["tfidf"])
    by_key = {k: g for g in state["groups"] for k in g["keys"]}
    with_sig = [g for g in state["groups"] if g.get("signature")]
    themes = {t["id"]: Theme(**t) for t in state["themes"]}
    campaigns = {c["id"]: Campaign(**c) for c in state["campaigns"]}
    results: list[CommentResult] = []
    for i, c in enumerate(new_comments):
        group = by_key.get(text_key(texts[i])) or _near_group(texts[i], with_sig, options.near_duplicate_threshold)
        tid = _closest_theme(state["sections"].get(c.section), feats[i].terms,
                             None if embedded is None else embedded[i], options.vectors, threshold)
        if tid is not None:
            themes[tid].size += 1
            themes[tid].sentiment_mix[sents[i].label] = themes[tid].sentiment_mix.get(sents[i].label, 0) + 1
        campaign = group.get("campaign") if group else None
        if campaign in campaigns:
            campaigns[campaign].size += 1
            campaigns[campaign].member_ids.append(c.id)
        results.append(CommentResult(id=c.id, section=c.section, language=langs[i], sentiment=sents[i],
                                     theme_id=tid, duplicate_group=group["id"] if group else None,
                                     campaign_id=campaign))
    new_state = dict(state)
    new_state["themes"] = [asdict(t) for t in themes.values()]
    new_state["campaigns"] = [asdict(c) | {"member_ids": []} for c in campaigns.values()]
    return Analysis(themes=list(themes.values()), comments=results, campaigns=list(campaigns.values()),
                    state=new_state)


def _near_group(text: str, groups: list[dict[str, Any]], threshold: float) -> dict[str, Any] | None:
    sig = duplicates.signature_of(text)
    if sig is None:
        return None
    best, best_j = None, 0.0
    for g in groups:
        j = duplicates.estimated_jaccard(sig[0], g["signature"])
        if j > best_j and duplicates.same_text(j, sig[1], max(int(g["shingles"]), 1), threshold):
            best, best_j = g, j
    return best


def _closest_theme(section: dict[str, Any] | None, terms: Sequence[str], embedding: np.ndarray | None,
                   kind: str, threshold: float) -> str | None:
    if not section:
        return None  # a section with no earlier themes: nothing to join
    scores: Counter[str] = Counter()
    if embedding is not None:
        for t in section["themes"]:
            if kind in t:
                scores[t["id"]] = float(np.dot(embedding, np.asarray(t[kind])))
    else:
        prof = vectors.profile(terms, section["idf"], section["default_idf"])
        for t in section["themes"]:
            cen = t["terms"]
            norm = float(np.sqrt(sum(v * v for v in cen.values()))) or 1.0
            scores[t["id"]] = sum(w * cen.get(term, 0.0) for term, w in prof.items()) / norm
    if not scores:
        return None
    tid, score = scores.most_common(1)[0]
    if tid.endswith("#other") or score < threshold:
        return None
    return tid
