"""Reports: terminal (Rich), JSON (documented schema), HTML (self-contained, Jinja2)."""
