from __future__ import annotations

from brandcouch.signals import canned_keys, template_key


def test_greeting_names_and_signatures_are_removed():
    a = template_key("Hi Anna, sorry! Please DM us ^JD")
    b = template_key("Hi Bob, sorry! Please DM us ^KL")
    assert a == b == "hi sorry please dm us"


def test_handles_urls_numbers_and_case():
    a = template_key("@user123 Please report this here: https://t.co/abc and we'll check. 1/2 ^HN")
    b = template_key("@someone PLEASE report this here: https://t.co/xyz and we'll check! 2/2 ^MP")
    assert a == b == "please report this here and we ll check"


def test_thanks_keeps_following_words():
    assert template_key("Thanks for reaching out!") == "thanks for reaching out"
    assert template_key("Thanks Maria for reaching out!") == "thanks for reaching out"


def test_different_replies_differ_and_batch_form():
    keys = canned_keys(["Hi Anna, sorry! Please DM us ^JD", "Your refund is on its way.", None])
    assert keys[0] != keys[1] and keys[2] == ""
