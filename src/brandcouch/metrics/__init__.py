"""Metrics: functions over the conversation frame (the temp tables of :mod:`brandcouch.analysis.steps`) that return rows and scores."""
