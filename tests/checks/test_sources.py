"""dedupe.checks.sources: when two credits of one claim name one source."""

from __future__ import annotations

import pytest

from dedupe.checks.sources import named, same_source


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Thursday's report", "Friday's report", True),
        ("Economic Council", "Greater Phoenix Economic Council", True),
        ("Senate Republican Leader Mitch McConnell of Kentucky", "Mitch McConnell", True),
        ("Romney campaign spokewsoman Amanda Henneberg", "spokeswoman Amanda Henneberg", True),
        ("Commentator Harlan Hill", "conservative pundit Harlan Hill", True),
        ("Zhakarova", "Maria Zakharova", True),
        ("Attorney General William Barr", "Attorney General Bill Barr", True),
        ("Ricardo Mello of WWF's Amazon Program", "Ricardo Mello", True),
        ("Craig and Mullins", "Mullins and Charlie Craig", True),
        ("SpeakerPelosi", "House Speaker Nancy Pelosi", True),
        ("the F.D.A.", "the FDA", True),
        ("The U.N.", "the United Nations", True),
        ("Obama", "Obmaa", True),
        ("the DOJ", "the Justice Department", True),
        ("DHS", "the Homeland Security Department", True),
        ("Schumer", "Cornyn", False),
        ("Clinton", "Clifton", False),
        ("Lee", "Lie", False),
        ("Craig and Mullins", "Craig and Smith", False),
        ("Bank of America", "Bank of England", False),
        ("Boehner spokesman Brendan Buck", "Boehner spokesman Michael Steel", False),
    ],
)
def test_same_source(one: str, other: str, same: bool) -> None:
    assert same_source(one, other) is same
    assert same_source(other, one) is same


@pytest.mark.parametrize(
    ("source", "is_named"),
    [
        ("Schumer", True),
        ("mobile firm Orange", True),
        ("lawyer Nick Davies", True),
        ("Bank of America", True),
        ("Britain-based Syrian Observatory", True),
        ("the president", False),
        ("the President", False),
        ("the Ohio Republican", False),
        ("they", False),
        ("Sources", False),
        ("Officials", False),
        ("Witnesses", False),
        # the tails of clauses the grammar took for a source
        ("importance of helping elect Hillary Clinton", False),
        ("43-year-old Keith Lamont Scott", False),
        ("source close to McCarthy", False),
        ("supporting Snowden", False),
        ("several days afterward.Former CIA deputy director Mike Morell", False),
    ],
)
def test_named(source: str, is_named: bool) -> None:
    assert named(source) is is_named
