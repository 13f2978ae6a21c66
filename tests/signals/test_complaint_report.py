"""complaint.v5: the problem-report floor (signals/complaint.py REPORT_RE / REPORT_CJK_RE).

Texts are real customer tweets of twcs_head5000.csv (ids in comments) or written here."""

import numpy as np
import pytest

from brandcouch.signals.complaint import REPORT_FLOOR, complaint, problem_report

REPORTS = [
    ".@ChipotleTweets app doesn’t work anymore in the 6ix. Lame.",  # 1375, v4 0.24
    "@115821 my order hasn’t arrived (it was due 14th October). Can you help?",  # 1695, v4 0.48
    "@AmazonHelp I can’t log in because it’s locked.",  # 3732, v4 0.12
    "MY HOME BUTTON DOESN’T WORK #IOS11 @AppleSupport",  # 756
    "the app keeps crashing every time I open a playlist",
    "@Delta my flight is still delayed and nobody tells us anything",
    "still waiting for my refund after 3 weeks",
    "amazonプライムビデオ、再生エラーが多いです",  # 325, v4 0.05
    "Amazonで頼んだ商品が届かないよぉ 追跡は配達完了になっておる",  # 5288
    "我的paypal帐号无法登陆",  # 6921 (Chinese: cannot log in)
]
NOT_REPORTS = [
    "$3 bowls and @ChipotleTweets isn’t charging for double meat?! Day is made 😎🤙🏻",  # 3321
    "@AmazonHelp 問題解決しました！！助かりました、ありがとうございます",  # 5141: solved, thanks
    "@AmazonHelp 途切れなくなりました！ありがとうございます😊",  # 2533: no longer cuts out
    "Thanks, it works now!",
    "My order arrived early, great packaging",
    "Happy Halloween! Can't wait for my burrito tonight",
]


def test_problem_reports_are_found():
    assert problem_report(REPORTS).tolist() == [1.0] * len(REPORTS)


def test_praise_and_solved_problems_are_not_reports():
    assert problem_report(NOT_REPORTS).tolist() == [0.0] * len(NOT_REPORTS)


def test_the_floor_lifts_reports_and_leaves_the_rest_to_the_model():
    from brandcouch.signals.complaint import _EXTRA_FNS, long_text_correction
    from brandcouch.signals.learned import load_model

    texts = REPORTS + NOT_REPORTS
    model = load_model("complaint")
    v4 = model.predict_proba(texts, _EXTRA_FNS[len(model.meta["extra"])](texts))
    v4 = v4 * long_text_correction(texts)
    p = complaint(texts)
    n = len(REPORTS)
    assert (p[:n] >= REPORT_FLOOR).all()
    assert (v4[:3] < 0.5).all()  # the three the model missed (0.24, 0.48, 0.12)
    np.testing.assert_allclose(p[:n], np.maximum(v4[:n], REPORT_FLOOR))
    # not a report: the model's value, unchanged
    np.testing.assert_allclose(p[n:], v4[n:])
    assert p[n + 3] < 0.5  # "Thanks, it works now!"


@pytest.mark.parametrize("text", ["", "   ", "🙂"])
def test_empty_texts(text):
    assert problem_report([text]).tolist() == [0.0]
