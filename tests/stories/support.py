"""Articles of several outlets about one event, written for the stories tests."""

from __future__ import annotations

import datetime as dt

from dedupe.config import Settings
from dedupe.engines.local import compare_documents
from dedupe.model import Document
from dedupe.report import Report

DAY = dt.date(2024, 11, 1)

QUAKE = (
    "A magnitude 7.1 earthquake struck off the coast of Valparaiso in central Chile on "
    "Thursday, toppling houses and cutting power to much of the port city. "
    "Chile's interior minister Carolina Toha said {killed} people were killed and dozens "
    "more were injured as rescue teams searched the rubble through the night. "
    "President Gabriel Boric flew to Valparaiso and promised that the government would "
    "rebuild every school damaged by the quake. "
    "The national emergency office ordered the evacuation of the coast for three hours "
    "after the tremor, then lifted the tsunami warning."
)

OTHER_QUAKE = (
    "A magnitude 6.4 earthquake struck near Sendai in northern Japan on Thursday, "
    "toppling houses and cutting power to much of Miyagi prefecture. "
    "Japan's chief cabinet secretary Yoshimasa Hayashi said 4 people were killed and dozens "
    "more were injured as rescue teams searched the rubble through the night. "
    "Prime Minister Fumio Kishida flew to Sendai and promised that the government would "
    "rebuild every school damaged by the quake. "
    "The Japan Meteorological Agency ordered the evacuation of the coast for three hours "
    "after the tremor, then lifted the tsunami warning."
)


def article(source: str, text: str, day: dt.date = DAY, title: str | None = None) -> Document:
    """One outlet's article, id ``<source>/1``."""
    ref = f"{source}/1"
    return Document(ref, ref, source, text, day, title)


def run(documents: list[Document], **settings: object) -> Report:
    """The in-process run over ``documents``."""
    return compare_documents(documents, Settings(**settings), lambda _m: None)  # type: ignore[arg-type]
