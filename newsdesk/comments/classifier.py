"""A naive Bayes spam classifier over the features of a comment; pure Python, no storage.

spam.py keeps the counts in the database (SpamToken) and trains from moderators'
decisions; this module only turns text into features and counts into a probability, so
it can be evaluated on a labelled set without a database (tests/test_classifier.py).

Features are a set per comment (a word counts once however often it appears), and only
features seen in training vote, as in Paul Graham's "A Plan for Spam": an unseen word
says nothing about either class.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .text import find_urls

WORD = re.compile(r"[^\W_]{2,30}")
MONEY = re.compile(r"[$€£]\s?\d|\d\s?(?:usd|eur|gbp|\$|€|£)", re.IGNORECASE)
MAX_TOKEN_LENGTH = 64


def features(text, *, name="", email=""):
    text = unicodedata.normalize("NFKC", text)  # fullwidth and styled letters read as plain
    folded = text.casefold()
    found = set(WORD.findall(folded))
    urls = find_urls(text)
    if urls:
        found.add("has:link")
        found.update(f"domain:{_domain(url)}" for url in urls)
    if len(urls) > 1:
        found.add("has:links")
    if MONEY.search(text):
        found.add("has:money")
    letters = [char for char in text if char.isalpha()]
    if len(letters) >= 20 and sum(char.isupper() for char in letters) > len(letters) / 2:
        found.add("has:shouting")
    if email and "@" in email:
        found.add("from:" + email.rsplit("@", 1)[1].casefold())
    found.update("name:" + word for word in WORD.findall(name.casefold()))
    return {token[:MAX_TOKEN_LENGTH] for token in found}


def _domain(url):
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


@dataclass(frozen=True)
class Evidence:
    spam_documents: int
    ham_documents: int
    # token -> (documents marked spam containing it, documents marked ham containing it)
    counts: dict


def spam_probability(tokens, evidence):
    """P(spam | tokens) with Laplace smoothing, from the moderators' marked documents."""
    spam_docs, ham_docs = evidence.spam_documents, evidence.ham_documents
    log_spam = math.log(spam_docs / (spam_docs + ham_docs))
    log_ham = math.log(ham_docs / (spam_docs + ham_docs))
    for token in tokens:
        spam, ham = evidence.counts.get(token, (0, 0))
        if spam + ham == 0:
            continue
        log_spam += math.log((spam + 1) / (spam_docs + 2))
        log_ham += math.log((ham + 1) / (ham_docs + 2))
    difference = max(min(log_ham - log_spam, 700), -700)  # keep exp() finite
    return 1 / (1 + math.exp(difference))


def train(counts, tokens, is_spam):
    """Add one marked document to an in-memory counts dict (for evaluation and tests)."""
    for token in tokens:
        spam, ham = counts.get(token, (0, 0))
        counts[token] = (spam + 1, ham) if is_spam else (spam, ham + 1)


@dataclass
class Evaluation:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    true_negatives: int = 0
    mistakes: list = field(default_factory=list)

    @property
    def precision(self):
        held = self.true_positives + self.false_positives
        return self.true_positives / held if held else 1.0

    @property
    def recall(self):
        spam = self.true_positives + self.false_negatives
        return self.true_positives / spam if spam else 1.0


def cross_validate(ham, spam, *, folds, threshold, use_author=True):
    """k-fold cross-validation over (name, email, text) examples; every one is scored once,
    by a classifier that never saw it. use_author=False scores the text alone."""
    examples = [(row, False) for row in ham] + [(row, True) for row in spam]
    result = Evaluation()
    for fold in range(folds):
        counts, spam_docs, ham_docs = {}, 0, 0

        def tokens(name, email, text):
            return features(text, **({"name": name, "email": email} if use_author else {}))

        for index, ((name, email, text), is_spam) in enumerate(examples):
            if index % folds != fold:
                train(counts, tokens(name, email, text), is_spam)
                spam_docs += is_spam
                ham_docs += not is_spam
        evidence = Evidence(spam_docs, ham_docs, counts)
        for index, ((name, email, text), is_spam) in enumerate(examples):
            if index % folds != fold:
                continue
            held = spam_probability(tokens(name, email, text), evidence) >= threshold
            if held and is_spam:
                result.true_positives += 1
            elif held:
                result.false_positives += 1
                result.mistakes.append(("held ham", text))
            elif is_spam:
                result.false_negatives += 1
                result.mistakes.append(("missed spam", text))
            else:
                result.true_negatives += 1
    return result
