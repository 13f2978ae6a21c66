"""The optional C extension (issue 15): hashed n-gram counts for the learned models.

Everything else is in pyproject.toml. The extension is optional: where it does not compile (no
C compiler or no Python headers), the install still succeeds and the same features come from
scikit-learn's HashingVectorizer (slower, identical values; docs/architecture.md).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "brandcouch.signals._ngrams",
            sources=["src/brandcouch/signals/_ngrams.c"],
            extra_compile_args=["-O2"],
            optional=True,
        )
    ]
)
