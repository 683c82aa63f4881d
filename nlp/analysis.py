"""`analyse`: comments → duplicate groups and campaigns → themes per section with phrases and summaries."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from nlp import abstractive, duplicates, keyphrases, language, pipeline, summaries, themes, vectors
from nlp.labels import label as theme_label
from nlp.incremental import build_state
from nlp.workers import Workers
from nlp.types import Analysis, Campaign, CommentIn, CommentResult, Options, Sentiment, Theme

OTHER_LABEL = "Inne"  # the "other" bucket, named for Polish officials
MAX_VARIANTS = 100  # distinct texts kept per campaign: enough to read, bounded for huge campaigns
SUMMARY_POOL = 30  # central comments whose sentences compete for a theme's summary


@dataclass(slots=True)
class _Unit:
    """One duplicate group inside one section: it enters clustering once, weighted by its size."""

    group: int
    section: str
    comments: list[int]


def theme_id(section: str, index: int) -> str:
    """Stable theme id: the section key and the theme's rank by size ("3#0", "3#other")."""
    return f"{section}#{'other' if index == themes.OTHER else index}"


def analyse(comments: Sequence[CommentIn], options: Options = Options()) -> Analysis:
    """Themes per section, campaigns, and per-comment language, sentiment, group and theme."""
    report = _reporter(options, 6)
    texts = [c.text or "" for c in comments]
    identical = duplicates.exact(texts)
    uniq_texts = [texts[i] for i in identical.first]
    # lingua detects in native threads without the GIL: the near-duplicate search runs beside it.
    with ThreadPoolExecutor(max_workers=1) as pool:
        detecting = pool.submit(language.detect, uniq_texts)
        groups = duplicates.group(texts, options.near_duplicate_threshold, identical)
        report("duplicates")
        uniq_lang = detecting.result()
    report("language")
    units: dict[tuple[str, int], _Unit] = {}
    for i, c in enumerate(comments):
        g = groups.group_of[groups.unique_of[i]]
        units.setdefault((c.section, g), _Unit(g, c.section, [])).comments.append(i)
    needed = sorted({u.group for u in units.values()})
    centre_text = {g: texts[groups.first[groups.centre[g]]] for g in needed}
    centre_lang = {g: uniq_lang[groups.centre[g]] for g in needed}
    centres = set(groups.centre[g] for g in needed)
    with Workers(len(uniq_texts), uniq_lang) as work:
        uniq_feats = work.features(uniq_texts, uniq_lang, [u in centres for u in range(len(uniq_texts))])
        feats = {g: uniq_feats[groups.centre[g]] for g in needed}
        report("lemmas")
        # Sentiment is only needed for the themes' sentiment mix: the workers compute it during clustering.
        sentiment_done = work.start_sentiment(uniq_texts, uniq_lang)
        # The workers hold both cores meanwhile: BLAS threads of ours would only spin-wait for one.
        with threadpool_limits(limits=1) if work.parallel else nullcontext():
            all_themes, theme_of, section_state = _themes(list(units.values()), feats, centre_text, centre_lang,
                                                          options, comments)
        report("themes")
        uniq_sent = sentiment_done()
    _sentiment_mix(all_themes, theme_of, [uniq_sent[groups.unique_of[i]] for i in range(len(comments))])
    report("sentiment")
    campaigns, campaign_of = _campaigns(groups, comments, texts, options)
    results = [
        CommentResult(
            id=c.id, section=c.section, language=uniq_lang[groups.unique_of[i]],
            sentiment=uniq_sent[groups.unique_of[i]], theme_id=theme_of.get(i),
            duplicate_group=f"g{g}" if groups.sizes[g] > 1 else None, campaign_id=campaign_of.get(g),
        )
        for i, c in enumerate(comments)
        for g in (groups.group_of[groups.unique_of[i]],)
    ]
    warnings = _abstracts(all_themes, theme_of, texts, groups, uniq_lang, options) if options.llm_endpoint else []
    state = build_state(options, all_themes, section_state, groups, campaigns, campaign_of)
    report("done")
    return Analysis(themes=all_themes, comments=results, campaigns=campaigns, state=state, warnings=warnings)


def _abstracts(themes: list[Theme], theme_of: dict[int, str], texts: list[str], groups: duplicates.Groups,
               uniq_lang: list[str], options: Options) -> list[str]:
    """Ask the configured model for each theme's summary; returns warnings for those it did not give."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, theme_id in theme_of.items():
        members[theme_id].append(i)
    warnings: list[str] = []
    for theme in themes:
        if theme.is_other:
            continue
        seen: set[int] = set()
        chosen: list[str] = []
        for i in members.get(theme.id, []):  # one text per duplicate group: a campaign counts once
            group = groups.group_of[groups.unique_of[i]]
            if group not in seen:
                seen.add(group)
                chosen.append(texts[i])
        langs = Counter(uniq_lang[groups.unique_of[i]] for i in members.get(theme.id, []))
        try:
            theme.abstract = abstractive.summarise(
                chosen, langs.most_common(1)[0][0] if langs else "pl", options.llm_endpoint or "",
                options.llm_model, options.llm_api_key, options.summary_sentences, options.llm_timeout)
        except abstractive.SummaryUnavailable as exc:
            warnings.append(f"theme {theme.id} ({theme.label}): no abstractive summary, {exc}; the extractive one stands")
    return warnings


def _themes(units: list[_Unit], feats: dict[int, pipeline.Features], centre_text: dict[int, str],
            centre_lang: dict[int, str], options: Options, comments: Sequence[CommentIn],
            ) -> tuple[list[Theme], dict[int, str], dict[str, object]]:
    """Themes of every section, each comment's theme id, and the per-section state `assign` needs."""
    by_section: dict[str, list[_Unit]] = defaultdict(list)
    for unit in units:
        by_section[unit.section].append(unit)
    sections = sorted(by_section)
    clustered = [_cluster_section(by_section[s], feats, centre_text, options) for s in sections]
    phrases = _key_phrases([by_section[s] for s in sections], clustered, feats, options.key_phrases)
    theme_of: dict[int, str] = {}
    all_themes: list[Theme] = []
    section_state: dict[str, object] = {}
    for section, found_clusters, found_phrases in zip(sections, clustered, phrases):
        sec_units = by_section[section]
        found, state = _section_themes(section, sec_units, found_clusters, found_phrases, centre_text, centre_lang,
                                       options, comments)
        for unit_theme, unit in zip(state.pop("_unit_themes"), sec_units):  # type: ignore[arg-type]
            for i in unit.comments:
                theme_of[i] = unit_theme
        all_themes.extend(found)
        section_state[section] = state
    return all_themes, theme_of, section_state


def _sentiment_mix(all_themes: list[Theme], theme_of: dict[int, str], sentiments: list[Sentiment]) -> None:
    """Each theme's count of positive, neutral and negative comments."""
    mix: dict[str, Counter[str]] = defaultdict(Counter)
    for i, tid in theme_of.items():
        mix[tid][sentiments[i].label] += 1
    for theme in all_themes:
        theme.sentiment_mix = {k: mix[theme.id].get(k, 0) for k in ("positive", "neutral", "negative")}


@dataclass(slots=True)
class _Clusters:
    """One section's units clustered: a theme label per unit, their sizes and the vectors behind them."""

    labels: np.ndarray
    sizes: np.ndarray
    vec: vectors.Vectors
    dense: np.ndarray  # the vectors of the units in `dense_of`
    dense_of: np.ndarray  # per unit: its row of `dense`, or -1 (a large section embeds a sample only)


def _cluster_section(units: list[_Unit], feats: dict[int, pipeline.Features], centre_text: dict[int, str],
                     options: Options) -> _Clusters:
    sizes = np.array([len(u.comments) for u in units], dtype=float)
    vec = vectors.tfidf([feats[u.group].terms for u in units], options.seed)
    if options.vectors not in vectors.EMBEDDINGS:
        # A kNN graph suits sentence embeddings; on TF-IDF/SVD of short texts, whose neighbours often share
        # no word, it was worse than plain k-means (benchmarks/README.md).
        labels = themes.cluster(vec.dense, sizes, options.seed, options.min_theme_size,
                                options.max_themes_per_section)
        return _Clusters(labels, sizes, vec, vec.dense, np.arange(len(units)))
    # Themes are found on a sample of a large section (themes.SAMPLE rows): only those are embedded.
    rows = themes.sample_rows(len(units), options.seed)
    dense = vectors.embed(options.vectors, [centre_text[units[r].group] for r in rows.tolist()])
    # Titles and short comments have telling words that a sentence embedding blurs: both vectors cluster,
    # with USE's embedding of the lemmas (the words without their inflection) beside them.
    lemma_kind, lemma_weight = vectors.LEMMA_EMBEDDING.get(options.vectors, ("", 0.0))
    lemmas = (vectors.embed(lemma_kind, [" ".join(feats[units[r].group].terms) for r in rows.tolist()])
              if lemma_weight > 0 else None)
    shape = vectors.hybrid(dense, vec.dense[rows], vectors.WORD_WEIGHT[options.vectors], lemmas, lemma_weight)
    labels = themes.cluster_sample(shape, rows, vec.dense, sizes, options.seed, options.min_theme_size,
                                   options.max_themes_per_section)
    dense_of = np.full(len(units), -1)
    dense_of[rows] = np.arange(len(rows))
    return _Clusters(labels, sizes, vec, dense, dense_of)


def _in_order(labels: np.ndarray) -> list[int]:
    """The distinct theme labels of a section by rank, "other" last."""
    return sorted(set(labels.tolist()), key=lambda lab: (lab == themes.OTHER, lab))


def _key_phrases(sections: list[list[_Unit]], clustered: list[_Clusters], feats: dict[int, pipeline.Features],
                 top: int) -> list[dict[int, list[str]]]:
    """Key phrases of every theme, per section, scored against the themes of all sections.

    One c-TF-IDF over all themes of the consultation: a word that every section uses ("miasto",
    "działanie", "dokument") is common across the classes and gives way to what sets a theme apart, while
    a word special to one section still competes only with that section's themes.
    """
    plists: list[keyphrases.PhraseList] = []
    labels: list[int] = []
    weights: list[float] = []
    classes: list[dict[int, int]] = []  # per section: theme label → class number across all sections
    for units, found in zip(sections, clustered):
        plists.extend(feats[u.group].phrases for u in units)
        # "other" of every section is a class of its own, numbered past the section's themes.
        own = _in_order(found.labels)
        start = sum(len(c) for c in classes)
        classes.append({lab: start + k for k, lab in enumerate(own)})
        labels.extend(classes[-1][lab] for lab in found.labels.tolist())
        weights.extend((1.0 + np.log(found.sizes)).tolist())
    scored = keyphrases.key_phrases(plists, labels, weights, top)
    return [{lab: scored.get(c, []) for lab, c in numbers.items()} for numbers in classes]


def _section_themes(
    section: str, units: list[_Unit], clustered: _Clusters, phrases: dict[int, list[str]],
    centre_text: dict[int, str], centre_lang: dict[int, str], options: Options, comments: Sequence[CommentIn],
) -> tuple[list[Theme], dict[str, object]]:
    labels, vec, dense, dense_of = clustered.labels, clustered.vec, clustered.dense, clustered.dense_of
    embedded = options.vectors in vectors.EMBEDDINGS
    found: list[Theme] = []
    profiles: list[dict[str, object]] = []
    for lab in _in_order(labels):
        rows = np.flatnonzero(labels == lab)
        # Centre, summary and representatives come from the theme's embedded units (every theme has some:
        # the units outside the sample join the themes found on it).
        near = rows[dense_of[rows] >= 0]
        centre = dense[dense_of[near]].mean(axis=0)
        order = near[np.argsort(-(dense[dense_of[near]] @ centre), kind="stable")]
        members = [i for r in rows for i in units[r].comments]
        langs = Counter(centre_lang[units[r].group] for r in rows)
        main_lang = langs.most_common(1)[0][0]
        tid = theme_id(section, lab)
        kp = phrases.get(lab, [])
        # The most central comments in the consultation's language, and in others for a theme that has none.
        own = [r for r in order if centre_lang[units[r].group] == options.language][:SUMMARY_POOL]
        foreign = [r for r in order if centre_lang[units[r].group] != options.language][:SUMMARY_POOL]
        pool = own + foreign
        summary = summaries.summarise([centre_text[units[r].group] for r in pool], options.language,
                                      options.summary_sentences, kp, [centre_lang[units[r].group] for r in pool])
        found.append(Theme(
            id=tid, section=section,
            label=OTHER_LABEL if lab == themes.OTHER else theme_label(kp, main_lang, f"Temat {lab + 1}"),
            key_phrases=kp, size=len(members), summary=summary,
            representative_ids=[comments[units[r].comments[0]].id for r in order[: options.representatives]],
            sentiment_mix={},  # filled in by _sentiment_mix once the workers are done
            is_other=lab == themes.OTHER,
        ))
        profile: dict[str, object] = {"id": tid, "terms": vectors.centroid_terms(vec, rows.tolist())}
        if embedded:  # the centroid under the kind's name, for `assign`
            profile[options.vectors] = [round(float(v), 5) for v in centre / (np.linalg.norm(centre) or 1.0)]
        profiles.append(profile)
    idf = {}
    used = {t for p in profiles for t in p["terms"]}  # type: ignore[union-attr]
    for term, value in zip(vec.vocabulary, vec.idf.tolist()):
        if term in used:
            idf[term] = round(value, 4)
    state: dict[str, object] = {
        "themes": profiles, "idf": idf, "default_idf": round(float(vec.idf.max()), 4),
        "_unit_themes": [theme_id(section, lab) for lab in labels.tolist()],
    }
    return found, state


def _campaigns(groups: duplicates.Groups, comments: Sequence[CommentIn], texts: list[str],
               options: Options) -> tuple[list[Campaign], dict[int, str]]:
    out: list[Campaign] = []
    campaign_of: dict[int, str] = {}
    members_of: dict[int, list[int]] = defaultdict(list)
    for i in range(len(comments)):
        members_of[groups.group_of[groups.unique_of[i]]].append(i)
    for g, size in enumerate(groups.sizes):
        if not duplicates.is_campaign(groups, g, options):
            continue
        cid = f"c{len(out) + 1}"
        template = texts[groups.first[groups.centre[g]]]
        others = [u for u in groups.members[g] if u != groups.centre[g]]
        variants = [texts[groups.first[u]] for u in sorted(others, key=lambda u: (-groups.counts[u], u))]
        out.append(Campaign(id=cid, size=size, template=template,
                            member_ids=[comments[i].id for i in members_of[g]], variants=variants[:MAX_VARIANTS]))
        campaign_of[g] = cid
    return out, campaign_of


def _reporter(options: Options, stages: int) -> Callable[[str], None]:
    """Progress to Options.on_progress and/or a tqdm bar on stderr."""
    bar = None
    if options.progress:
        from tqdm import tqdm

        bar = tqdm(total=stages, desc="analysis", unit="step", leave=False)
    done = [0]

    def report(stage: str) -> None:
        done[0] += 1
        if bar is not None:
            bar.set_postfix_str(stage)
            bar.update(1)
            if done[0] >= stages:
                bar.close()
        if options.on_progress is not None:
            options.on_progress(min(done[0] / stages, 1.0), stage)

    return report
