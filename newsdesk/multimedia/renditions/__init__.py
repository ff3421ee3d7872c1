"""The renditions readers are shown: made by the worker, never in a reader's request.

- registry.py: the rendition sets, by name, that features register through the
  `newsdesk_rendition_sets` hook; the photo tags and feeds ask for a set by its name, so
  nothing shown can ask for a spec the worker does not make.
- shown.py (the reader's side): the renditions of a set that exist, never making one; a
  missing one has its making queued, and the set falls back to what exists (or the
  original, which the browser scales).
- making.py (the worker's side): every registered rendition of a photo, made once, safely
  beside another worker making the same, retrying storage errors that pass.

Imports go one way: making and shown use registry; tasks.py uses making; shown queues tasks.
"""

from .registry import RENDITION_SETS_HOOK, RenditionSet, all_specs, get_rendition_set
from .shown import prefetch_renditions, request_renditions, shown_renditions

__all__ = [
    "RENDITION_SETS_HOOK",
    "RenditionSet",
    "all_specs",
    "get_rendition_set",
    "prefetch_renditions",
    "request_renditions",
    "shown_renditions",
]
