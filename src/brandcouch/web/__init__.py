"""The local web dashboard: ``create_app(db_path, token=None)``."""

from brandcouch.web.app import create_app

__all__ = ["create_app"]
