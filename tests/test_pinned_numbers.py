"""Numbers pinned across refactors of the analysis (issue 11): the demo's health and element
scores, and the TWCS sample's per-brand inbound, answered and median first response.

A change here must be deliberate (a new metric version, a conversation-level judgement), and
its closing note says why the numbers moved.
"""

from __future__ import annotations

import pytest

from brandcouch import api
from tests.conftest import shared_path

#: brand: (health, {element: score}) on the default demo (seed 2026, scale 1)
DEMO = {  # issue 12: the elements count customer turns (was 35.7 / 43.2 / 87.6)
    "MegaMart Deals": (
        37.3,
        {"empathy": 24.8, "value": 48.6, "transparency": 53.1, "mutuality": 30.4},
    ),
    "Nimbus Telecom": (
        44.2,
        {"empathy": 48.2, "value": 54.7, "transparency": 22.4, "mutuality": 64.5},
    ),
    "Harbor Coffee": (
        88.6,
        {"empathy": 85.7, "value": 91.9, "transparency": 90.3, "mutuality": 86.7},
    ),
}

#: brand: (inbound, answered, median first response in minutes) on twcs_head5000.csv
TWCS = {
    "ChipotleTweets": (227, 208, 9.85),
    "AmazonHelp": (224, 187, 8.8833),
    "AppleSupport": (160, 139, 8.95),
    "Uber_Support": (129, 110, 17.9),
    "Delta": (104, 87, 20.8833),
    "AmericanAir": (99, 68, 7.0667),
    "British_Airways": (92, 73, 344.1333),
    "Tesco": (88, 56, 93.3333),
    "TMobileHelp": (86, 77, 3.3833),
    "comcastcares": (85, 78, 8.3833),
    "SpotifyCares": (84, 77, 23.2333),
    "XboxSupport": (81, 50, 59.825),
    "SouthwestAir": (76, 68, 4.6083),
    "AskPlayStation": (75, 63, 5.6167),
    "VerizonSupport": (74, 61, 3.5667),
    "AskeBay": (52, 33, 48.2333),
    "ATVIAssist": (50, 31, 132.05),
    "marksandspencer": (46, 23, 25.2667),
    "sprintcare": (39, 30, 3.8833),
    "AdobeCare": (38, 32, 162.8417),
    "hulu_support": (35, 32, 2726.4917),
    "CoxHelp": (33, 26, 28.8417),
    "BofA_Help": (31, 28, 30.0917),
    "AirAsiaSupport": (30, 23, 211.7667),
    "Ask_Spectrum": (30, 26, 2.9583),
    "UPSHelp": (26, 22, 12.1583),
    "ArgosHelpers": (25, 23, 41.9),
    "Ask_WellsFargo": (25, 24, 128.9),
    "AlaskaAir": (24, 23, 1.7667),
    "AskPapaJohns": (23, 20, 10.4083),
    "VirginTrains": (23, 19, 1.9333),
    "CenturyLinkHelp": (22, 19, 5.6167),
    "sainsburys": (21, 14, 78.8083),
    "AskPayPal": (19, 17, 283.3833),
    "AskTarget": (18, 14, 118.95),
    "Postmates_Help": (16, 14, 2.1167),
    "nationalrailenq": (16, 13, 10.8333),
    "MicrosoftHelps": (15, 8, 96.3417),
    "McDonalds": (14, 12, 13.5167),
    "Morrisons": (14, 13, 36.3833),
    "ChaseSupport": (13, 8, 19.8917),
    "AskAmex": (12, 11, 6.55),
    "GWRHelp": (12, 9, 3.6333),
    "Walmart": (12, 10, 77.0),
    "DropboxSupport": (11, 11, 1095.9833),
    "AzureSupport": (9, 8, 3.1167),
    "VirginAtlantic": (9, 8, 35.6333),
    "AirbnbHelp": (7, 7, 4.95),
    "GoDaddyHelp": (7, 6, 202.4833),
    "NeweggService": (7, 7, 4.0333),
    "BoostCare": (6, 6, 646.8833),
    "Kimpton": (5, 5, 47.0333),
    "LondonMidland": (5, 1, 4.4833),
    "DoorDash_Help": (4, 4, 20.5417),
    "HPSupport": (4, 4, 132.025),
    "SW_Help": (4, 2, 7.825),
    "airtel_care": (4, 4, 416.5083),
    "idea_cares": (4, 3, 2884.0667),
    "AskCiti": (3, 3, 3.4333),
    "AskLyft": (3, 3, 7.3667),
    "AldiUK": (2, 1, 389.25),
    "AsurionCares": (2, 2, 31.5583),
    "DunkinDonuts": (2, 1, 48.3833),
    "GloCare": (2, 2, 343.65),
    "NikeSupport": (2, 2, 7.675),
    "O2": (2, 2, 441.1583),
    "Safaricom_Care": (2, 2, 7.2417),
    "TfL": (2, 1, 18290.05),
    "askpanera": (2, 1, 25.0167),
    "asksalesforce": (2, 2, 190.8583),
    "IHGService": (1, 1, 21.9833),
    "JackBox": (1, 1, 2732.1333),
    "JetBlue": (1, 1, 2.1833),
    "USCellularCares": (1, 1, 4.1667),
    "VirginAmerica": (1, 1, 0.7167),
    "YahooCare": (1, 1, 235.3833),
}


@pytest.fixture(scope="module")
def demo_result(tmp_path_factory):
    store = api.open_store(tmp_path_factory.mktemp("pin") / "demo.duckdb", create=True)
    api.generate_demo(store)
    yield api.analyse(store)
    store.close()


@pytest.fixture(scope="module")
def twcs_result(tmp_path_factory):
    path = shared_path("data", "twcs", "twcs_head5000.csv")
    store = api.open_store(tmp_path_factory.mktemp("pin") / "twcs.duckdb", create=True)
    api.import_paths(store, [path])
    yield api.analyse(store)
    store.close()


def _brands(result):
    return {b.name: b for b in result.brands}  # the typed result (brandcouch.model.result)


def test_demo_health_and_elements_are_pinned(demo_result):
    got = {
        name: (b.health.score, {k: b.elements[k].score for k in DEMO[name][1]})
        for name, b in _brands(demo_result).items()
    }
    assert got == DEMO


def test_twcs_inbound_answered_and_median_are_pinned(twcs_result):
    got = {
        name: (
            b.metrics.inbound,
            b.metrics.replied,
            b.metrics.first_response_minutes_median,
        )
        for name, b in _brands(twcs_result).items()
    }
    assert got == TWCS
