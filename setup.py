"""The optional C extensions (issue 15): hashed n-gram counts for the learned models, and VADER.

Everything else is in pyproject.toml. The extensions are optional: where they do not compile (no
C compiler or no Python headers), the install still succeeds and the same values come from
scikit-learn's HashingVectorizer and vaderSentiment (slower, identical values;
docs/architecture.md). Both are built with -ffp-contract=off: a fused multiply-add would round
differently from Python's (and numpy's, scikit-learn's) separate multiply and add.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "brandcouch.signals._ngrams",
            sources=["src/brandcouch/signals/_ngrams.c"],
            depends=["src/brandcouch/signals/_cbuf.h"],
            extra_compile_args=["-O2", "-ffp-contract=off"],
            optional=True,
        ),
        Extension(
            "brandcouch.signals._vader",
            sources=["src/brandcouch/signals/_vader.c"],
            depends=["src/brandcouch/signals/_cbuf.h"],
            extra_compile_args=["-O2", "-ffp-contract=off"],
            optional=True,
        ),
    ]
)
