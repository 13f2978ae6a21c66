"""``brandcouch pull``: fetch an account's public posts and the conversations under them from
a Mastodon instance or the Bluesky AppView, save the raw JSON pages beside the store, and import
them through the existing ``mastodon_api`` / ``bluesky`` importers.

The only part of brandcouch that uses the network (httpx, imported lazily). Analysis never does.
"""

from brandcouch.pull.core import PullError, PullResult, pull_dir

__all__ = ["PullError", "PullResult", "pull_dir", "pull_bluesky", "pull_mastodon"]


def pull_mastodon(*args, **kwargs):
    from brandcouch.pull.mastodon import pull_mastodon as f

    return f(*args, **kwargs)


def pull_bluesky(*args, **kwargs):
    from brandcouch.pull.bluesky import pull_bluesky as f

    return f(*args, **kwargs)
