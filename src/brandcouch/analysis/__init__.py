"""The analysis: the frame as declared steps (:mod:`.steps`), signal scoring (:mod:`.signals`)
and the run that assembles a result from the sections asked for (:mod:`.run`)."""

from brandcouch.analysis.steps import STEPS, Runner, Step, ensure

__all__ = ["STEPS", "Runner", "Step", "ensure"]
