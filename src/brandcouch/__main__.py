"""``python -m brandcouch``: the same CLI as the ``brandcouch`` command (``report --pdf``
without a file name included)."""

from brandcouch.cli import main

if __name__ == "__main__":
    main()
