"""Records that are never messages are counted quietly, not reported as skipped (issue 17)."""

from __future__ import annotations

from brandcouch import api
from tests.conftest import shared_path


def test_wordpress_attachments_are_ignored_quietly(store):
    f = shared_path("fixtures", "wordpress_wxr", "theme-unit-test-data.xml")
    rep = api.import_paths(store, [f])[0]
    assert rep.format.startswith("wordpress")
    # the file holds 37 attachment items (grep -c '<wp:post_type>attachment')
    assert rep.ignored == {"attachments": 37}
    assert not any("attachment" in why for _, why in rep.skipped)
    # nav menu items are still reported: 5 + 65 of them
    assert sum("nav_menu_item" in why for _, why in rep.skipped) == 70
    assert rep.as_dict()["ignored"] == {"attachments": 37}
