"""Metrics: pure functions over the conversation frame (see :mod:`brandcouch.metrics.frame`)."""
