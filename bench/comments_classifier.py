"""Precision and recall of the comment spam classifier on its labelled set.

Run with `.venv/bin/python bench/comments_classifier.py`; never part of the test suite
(newsdesk/comments/tests/test_classifier.py asserts the floor). Five-fold cross-validation
over newsdesk/comments/tests/spam_corpus.py: each comment is scored by a classifier
trained, as moderators would train it, on the other four fifths. "Held" means the
classifier's P(spam) reached NEWSDESK_COMMENTS_SPAM_THRESHOLD (0.9 by default).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.test")

import django

django.setup()

from newsdesk.comments.classifier import cross_validate  # noqa: E402
from newsdesk.comments.conf import comment_settings  # noqa: E402
from newsdesk.comments.tests.spam_corpus import HAM, SPAM  # noqa: E402


def main():
    threshold = comment_settings.SPAM_THRESHOLD
    print(f"labelled set: {len(HAM)} ham, {len(SPAM)} spam; 5-fold cross-validation")
    print(f"held = P(spam) >= {threshold}\n")
    for title, use_author in [("text, name and email domain", True), ("text alone", False)]:
        result = cross_validate(HAM, SPAM, folds=5, threshold=threshold, use_author=use_author)
        print(f"{title}:")
        print(f"  held spam {result.true_positives}, held ham {result.false_positives}, ", end="")
        print(f"missed spam {result.false_negatives}")
        print(f"  precision {result.precision:.3f}   recall {result.recall:.3f}")
        for label, text in result.mistakes:
            print(f"    {label}: {text[:90]}")
        print()


if __name__ == "__main__":
    main()
