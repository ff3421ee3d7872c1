from django.dispatch import Signal

# Sent by the worker once it has made a photo's missing renditions (image=, outcome=): a
# page rendered before then shows fallbacks, and a cache may want to let it go.
renditions_made = Signal()
