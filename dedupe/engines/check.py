"""`check`: new articles against an existing corpus, without re-comparing the corpus.

The corpus is a `Store` (candidates come from its inverted index, so the cost follows the
number of new articles, not the size of the corpus) or folders read whole (``--against``).
New articles are compared with the corpus and with each other; two corpus documents are
never compared, as they were checked when they were new.

Orientation: in every pair and finding of the report, side ``a`` is a new article. The
matcher already puts the earlier of two documents on side ``a`` and the new ones come first,
so a swap is a safeguard; when one happens, the finding's fingerprint is recomputed with
`checks.fingerprint` from the swapped spans, so a fingerprint always reads "new
article, then corpus" and a baseline written from one check run matches the next one.

A stored document with the id or the file location of a new article is an older version of
it: it is left out, so a re-checked article is compared with the rest of the corpus, never
with itself.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from dedupe import baseline as baselines
from dedupe.checks import fingerprint
from dedupe.claims import Claims, extract
from dedupe.config import Settings
from dedupe.engines.stages import Prepared, Progress, finished, read, run
from dedupe.ingest import InputError, load, nothing_readable
from dedupe.model import Diagnostic, Document, Finding, Pair
from dedupe.report import Report
from dedupe.store import Store, StoreError, location
from dedupe.workers import Local, parallel_map

PathLike = str | os.PathLike[str]

DEFAULT_STORE = Path("dedupe.sqlite")  # the store `dedupe check` and `dedupe index` use by default


def check(
    new_paths: Sequence[PathLike],
    settings: Settings | None = None,
    store: Store | PathLike | None = None,
    against: Sequence[PathLike] | None = None,
    progress: Progress | None = None,
) -> Report:
    """Compare the articles under ``new_paths`` with a store or with ``against`` folders.

    Give exactly one of ``store`` (a `Store` or the path of one) and ``against``. Raises
    `InputError` when no new article, or no article of ``against``, can be read, and
    `StoreError` when the store is unusable or empty.
    """
    if (store is None) == (against is None):
        raise ValueError("give either a store or --against folders to check against, not both")
    if store is not None and not isinstance(store, Store):
        with Store.open(store, readonly=True) as opened:  # open for the whole check
            return check(new_paths, settings, opened, None, progress)
    settings = settings or Settings()
    started = time.perf_counter()
    say = progress or (lambda _message: None)
    new, diagnostics = read(new_paths, settings, say, "new articles")
    if against is not None:
        corpus, known, more = _from_folders(against, settings, say)
        diagnostics.extend(more)
    elif isinstance(store, Store):
        corpus, known = _from_store(new, store, settings, say)
    diagnostics.extend(set_aside_notes(new, corpus))
    report = compare_new(new, superseded_removed(new, corpus), settings, say, known)
    return finished(report, diagnostics, started)


def check_files(
    new_paths: Sequence[PathLike],
    settings: Settings,
    store: Path | None,
    against: Sequence[Path] | None,
    progress: Progress | None = None,
) -> Report:
    """`check` as ``dedupe check`` runs it: against the ``against`` folders, else the store
    file ``store`` (`DEFAULT_STORE` when None); ValueError when both are given."""
    if store is not None and against:
        raise ValueError("give --store or --against, not both")
    target = None if against else (store or DEFAULT_STORE)
    return check(new_paths, settings, target, against or None, progress)


def store_in_use(store: Path | None, against: Sequence[Path] | None) -> list[Path]:
    """The store file `check_files` reads (none with ``against`` folders)."""
    return [] if against else [store or DEFAULT_STORE]


def _from_store(
    new: Sequence[Document], store: Store, settings: Settings, say: Progress
) -> tuple[list[Document], Prepared]:
    if store.stats().documents == 0:  # a check against nothing would pass whatever it holds
        raise StoreError(
            f"{store.path}: no articles in the store, so nothing to check against; add some "
            f"with `dedupe index add ARTICLES --store {store.path}`"
        )
    say(f"finding candidates in {store.path}")
    ids = store.candidates(new, settings.max_candidates)
    return store.documents(ids), Prepared(store.segmentations(ids, settings), store.claims)


def _from_folders(
    folders: Sequence[PathLike], settings: Settings, say: Progress
) -> tuple[list[Document], Prepared, list[Diagnostic]]:
    say("reading the corpus")
    documents, diagnostics = load(folders, settings)
    if not documents:
        why = nothing_readable(folders, diagnostics)
        raise InputError(f"no article of the corpus (--against) could be read: {why}")
    by_id = {d.id: d for d in documents}
    return (
        documents,
        Prepared(claims=partial(_article_claims, by_id, settings.workers)),
        diagnostics,
    )


def _article_claims(
    corpus: Mapping[str, Document], workers: int, ids: Sequence[str]
) -> dict[str, Claims]:
    """The whole-article claims of the corpus documents ``ids``, as a store keeps them.

    A passage's claims read with the whole article around them are not always those read
    from the passage alone (a speaker named earlier, "Obama" known as a person): reading
    a folder's corpus the way a store was filled keeps `check --against` and `check
    --store` on one corpus to the same findings.
    """
    wanted = [corpus[i] for i in ids if i in corpus]
    found = parallel_map(extract, wanted, workers, what="corpus documents read for claims")
    return {doc.id: claims for doc, claims in zip(wanted, found, strict=True)}


def set_aside_notes(new: Sequence[Document], corpus: Sequence[Document]) -> list[Diagnostic]:
    """A warning for each corpus document set aside as an older version of a new article
    (`superseded_removed`) although another source tells it: two outlets' files of one
    name in two folders given as roots have one id, and the user meant to compare them."""
    sources = {d.id: d.source for d in new}
    return [
        Diagnostic(
            d.path,
            f'has the id of a new article from "{sources[d.id]}" but comes from "{d.source}"; '
            "set aside as its older version: give the folders' parent, or rename one file",
        )
        for d in corpus
        if d.id in sources and d.source != sources[d.id]
    ]


def superseded_removed(new: Sequence[Document], corpus: Iterable[Document]) -> list[Document]:
    """The corpus without older versions of the new articles (same id or same file)."""
    ids = {d.id for d in new}
    places = {location(d) for d in new}
    return [d for d in corpus if d.id not in ids and location(d) not in places]


def compare_new(
    new: Sequence[Document],
    corpus: Sequence[Document],
    settings: Settings,
    say: Progress,
    known: Prepared | None = None,
) -> Report:
    """Pairs and findings between ``new`` and ``corpus`` or among ``new``; ``a`` is new.

    ``known`` (from the store) spares segmenting and extracting claims of corpus documents.
    """
    # Only corpus documents: a new article may share an id with its stored older version.
    stored = {d.id for d in corpus}
    known = known or Prepared()
    prepared = Prepared(
        {i: v for i, v in known.segmented.items() if i in stored},
        lambda ids: known.claims([i for i in ids if i in stored]),
    )
    # Aligning two corpus documents would cost the most and report nothing new. The corpus
    # goes in one order however it came (a store gives candidates best first, folders in
    # reading order): of two corpus articles that tell a new one the same, a finding names
    # the first.
    ordered = sorted(corpus, key=lambda doc: doc.id)
    executor = Local(settings.workers)
    report = run([*new, *ordered], settings, executor, say, focus=len(new), known=prepared)
    fresh = {d.id for d in new}
    by_id = {d.id: d for d in report.documents}
    found = (orient(f, fresh, by_id) for f in report.findings if {f.a.doc, f.b.doc} & fresh)
    return replace(
        report,
        pairs=tuple(orient_pair(p, fresh) for p in report.pairs),
        findings=tuple(found),
        new=tuple(d.id for d in new),
    )


def orient(finding: Finding, new: set[str], documents: Mapping[str, Document]) -> Finding:
    """``finding`` with a new article on side ``a`` (fingerprint recomputed when swapped);
    ``documents`` holds its two documents by id."""
    if finding.a.doc in new or finding.b.doc not in new:
        return finding
    swapped = replace(finding, a=finding.b, b=finding.a)
    between = (documents[swapped.a.doc], documents[swapped.b.doc])
    return replace(swapped, id=fingerprint(finding.rule, swapped.a, swapped.b, between))


def orient_pair(pair: Pair, new: set[str]) -> Pair:
    """``pair`` with a new article on side ``a``."""
    if pair.a.doc in new or pair.b.doc not in new:
        return pair
    links = tuple((j, i) for i, j in pair.links)
    return replace(pair, a=pair.b, b=pair.a, links=links)


def apply_baseline(
    report: Report,
    baseline: baselines.Baseline,
    roots: Sequence[PathLike],
    stored: Callable[[set[str]], set[str]] | None = None,
) -> tuple[Report, list[baselines.Entry]]:
    """`baseline.apply`, plus entries about documents that are gone for good as stale.

    A check looks at a few articles, so `baseline.apply` cannot call an entry stale when one
    of its documents was not in the run. Here such an entry is stale when its document is
    also not in the corpus (``stored`` says which ids the store holds) and no file of that
    id exists under ``roots`` (the working directory and the folders given): the article was
    deleted and the finding can never come back.
    """
    shown, stale = baselines.apply(report, baseline)
    found = {f.id for f in report.findings}
    compared = {d.id for d in report.documents}
    waiting = [e for e in baseline.entries if e.id not in found]
    unknown = {doc for e in waiting for doc in (e.a_doc, e.b_doc)} - compared
    kept = stored(unknown) if stored and unknown else set()
    gone = {doc for doc in unknown - kept if not _on_disk(doc, roots)}
    stale_ids = {e.id for e in stale}
    stale.extend(
        e for e in waiting if e.id not in stale_ids and (e.a_doc in gone or e.b_doc in gone)
    )
    return shown, sorted(stale, key=lambda e: e.id)


def _on_disk(doc_id: str, roots: Sequence[PathLike]) -> bool:
    """Whether the file of a document id (``FILE`` or ``FILE#RECORD``) exists under a root."""
    name = doc_id.split("#", 1)[0]
    return any((Path(root) / name).exists() for root in [Path.cwd(), *roots])


def baselined(
    report: Report,
    path: Path,
    new_paths: Sequence[Path],
    store: Path | None,
    against: Sequence[Path] | None,
) -> tuple[Report, int, list[Diagnostic]]:
    """``report`` of `check_files` without the findings the baseline file ``path`` accepts,
    how many it hid, and a note for each stale entry (`apply_baseline`)."""

    def stored(ids: set[str]) -> set[str]:
        if against:
            return set()
        with Store.open(store or DEFAULT_STORE, readonly=True) as opened:
            return opened.contains(ids)

    roots = [*new_paths, *(against or [])]
    shown, stale = apply_baseline(report, baselines.load(path), roots, stored)
    notes = [baselines.stale_note(str(path), entry) for entry in stale]
    return shown, len(report.findings) - len(shown.findings), notes
