"""brandcouch: a brand's social media psychologist.

The public Python API lives in :mod:`brandcouch.api`.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
