"""Shared deterministic, stratified train/test split for label files.

Rule (see /work/notes/label_common.md): group items by class, within each
class sort ids by blake2b(f"{task}:{id}", digest_size=8) hex digest, then
assign test, train, test, train, ... in that order.
"""

import hashlib


def _key(task: str, item_id: str) -> str:
    return hashlib.blake2b(f"{task}:{item_id}".encode(), digest_size=8).hexdigest()


def assign_split(task: str, ids_by_class: dict[str, list[str]]) -> dict[str, str]:
    """Return {id: "test" | "train"} for every id in ids_by_class."""
    out: dict[str, str] = {}
    for cls in sorted(ids_by_class):
        ordered = sorted((str(i) for i in ids_by_class[cls]), key=lambda i: (_key(task, i), i))
        for pos, item_id in enumerate(ordered):
            out[item_id] = "test" if pos % 2 == 0 else "train"
    return out
