"""Finding titles state the shortfall with its count, so a title never contradicts its sentence."""

from brandcouch.diagnosis.findings import rank_findings


def _brand(components: dict[str, dict], element: str = "transparency") -> dict:
    el = {"score": 50.0, "components": components, "evidence": {"lowered": [], "raised": []}}
    return {"elements": {element: el}, "flags": [], "metrics": {}}


def test_owned_title_counts_the_unowned_conversations():
    # 56 of 78 complaint conversations owned (72%): score 72, weight 1 -> severity 8
    c = {"value": 56 / 78, "score": 71.8, "n": 78, "weight_used": 1.0}
    findings, well = rank_findings(_brand({"complaints_owned": c}))
    assert [f["id"] for f in findings] == ["transparency.complaints_owned"]
    f = findings[0]
    assert f["title"] == "22 of 78 complaint conversations were not owned in public"
    assert f["detail"].startswith("56 of 78 complaint conversations (72%) got a public reply")
    assert well == []


def test_deflection_title_counts_the_deflected_ones():
    # the deflection share is what went wrong: 9 of 40 answered complaints only pushed to DM
    c = {"value": 9 / 40, "score": 55.0, "n": 40, "weight_used": 0.5}
    findings, _ = rank_findings(_brand({"deflection": c}))
    assert findings[0]["title"] == "9 of 40 answered complaints were only sent to DMs"


def test_a_title_without_counts_stays_as_written():
    c = {"value": 30.0, "score": 40.0, "n": 12, "weight_used": 1.0, "median_minutes": 300,
         "mean_minutes": 400}
    findings, _ = rank_findings(_brand({"speed": c}, element="empathy"))
    assert findings[0]["title"] == "Answers come slowly"
    assert findings[0]["detail"].startswith("The median first reply takes 5.0 h; the mean 6.7 h")
