"""The configuration's ``[brands]`` apply to the analysis without writing to the store: a store
opened read-only and a Config declaring a brand analyse that brand; missing signal values are
computed for the run only."""

from __future__ import annotations

from brandcouch import api
from brandcouch.settings import Config
from tests.analysis.conftest import write_csv

ACME = Config({"brands": {"Acme": ["twitter:acme"]}})


def _undeclared_store(tmp_path) -> str:
    """A store file with the tiny corpus but no brand declared (the export has no brand
    column values), and no signal values yet."""
    src = tmp_path / "tiny.csv"
    write_csv(src, brand_column=False)
    db = tmp_path / "tiny.duckdb"
    with api.open_store(db, create=True) as store:
        api.import_paths(store, [src])
        assert store.scalar("SELECT count(*) FROM brands") == 0
    return str(db)


def test_a_read_only_store_and_a_config_brand_analyse_that_brand(tmp_path):
    db = _undeclared_store(tmp_path)
    with api.open_store(db, read_only=True) as store:
        result = api.analyse(store, config=ACME).to_json()
        (acme,) = result["brands"]
        assert acme["name"] == "Acme"
        assert [a["id"] for a in acme["accounts"]] == ["twitter:acme"]
        # the hand count of tests/analysis/conftest.py: 3 inbound, 1 answered (q1, after 10 min)
        assert acme["metrics"]["inbound"] == 3 and acme["metrics"]["replied"] == 1
        assert acme["metrics"]["brand_posts"] == 1 and acme["metrics"]["brand_replies"] == 2
        assert acme["metrics"]["first_response_minutes_median"] == 10.0
        # signals were computed for this run: sentiment of the inbound messages is known
        assert acme["metrics"]["inbound_sentiment_mean"] is not None
        session = api.session(store, "acme", config=ACME)
        assert [s["brand"] for s in session] == ["Acme"]
    with api.open_store(db) as store:  # nothing was written
        assert store.scalar("SELECT count(*) FROM brands") == 0
        assert store.scalar("SELECT count(*) FROM brand_accounts") == 0
        assert store.scalar("SELECT count(*) FROM signal_values") == 0


def test_without_the_config_the_brand_is_unknown(tmp_path):
    db = _undeclared_store(tmp_path)
    with api.open_store(db, read_only=True) as store:
        assert api.analyse(store, signals=False).to_json()["brands"] == []


def test_read_only_signal_values_match_the_stored_ones(tmp_path):
    db = _undeclared_store(tmp_path)
    with api.open_store(db, read_only=True) as store:
        ro = api.analyse(store, config=ACME).to_json()["brands"][0]
    with api.open_store(db) as store:
        rw = api.analyse(store, config=ACME).to_json()["brands"][0]
        assert store.scalar("SELECT count(*) FROM signal_values") > 0  # written this time
        assert store.scalar("SELECT count(*) FROM brands") == 0  # the brands still are not
    assert ro["metrics"] == rw["metrics"]
    assert ro["elements"] == rw["elements"] and ro["health"] == rw["health"]
