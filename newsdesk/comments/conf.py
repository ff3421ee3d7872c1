"""The comment policy's defaults, each overridable in settings as NEWSDESK_COMMENTS_<NAME>.

Read them through `comment_settings.NAME`, which looks at Django's settings on every
access, so `override_settings` in tests and per-environment settings both work.
Per-site choices an editor makes (require sign-in, close after N days) live in the
CommentSettings site setting; per-section and per-article rules in CommentPolicy.
"""

from newsdesk.core.conf import AppSettings

DEFAULTS = {
    # Characters, counted after normalisation. Longer input is refused, never cut.
    "MAX_LENGTH": 3000,
    "MIN_LENGTH": 2,
    "NAME_MAX_LENGTH": 80,
    # "post": published at once, moderated afterwards; "pre": held until approved.
    # A section's or article's CommentPolicy overrides this.
    "MODERATION": "post",
    # Days after first publication when comments close; None keeps them open.
    # The site setting "close after days" overrides this per site.
    "CLOSE_AFTER_DAYS": None,
    # Top-level comments are depth 0; a reply to a comment at this depth joins its parent's
    # replies instead, so threads never grow narrower than a phone can show.
    "MAX_DEPTH": 3,
    "THREADS_PER_PAGE": 20,
    # Spam and abuse
    "MIN_SUBMIT_SECONDS": 3,  # a human takes longer than this to read and type
    # A form is posted once, within this long of being served (form_tokens.py); a reader
    # whose form expired gets it back with their text and a fresh token.
    "FORM_MAX_AGE_SECONDS": 2 * 60 * 60,
    "MAX_LINKS": 2,
    # (posts allowed, window in seconds) per client address and per email address.
    "RATE_LIMITS": [(5, 60), (30, 60 * 60)],
    "DUPLICATE_WINDOW_SECONDS": 24 * 60 * 60,
    # The classifier holds a comment for review above this spam probability...
    "SPAM_THRESHOLD": 0.9,
    # ...once moderators have marked at least this many comments each way.
    "CLASSIFIER_MIN_TRAINING": 10,
    # Terms that hold a comment for review, besides those editors add in the admin.
    "BLOCKLIST": [],
    # Shown as the author of replies moderators post from the admin.
    "NEWSROOM_NAME": "The Newsdesk",
    "LOGIN_URL": "wagtailcore_login",
    # How many of a reader's own comment ids their browser remembers, to show them
    # their comments awaiting moderation.
    "REMEMBER_OWN_COMMENTS": 50,
}

comment_settings = AppSettings("NEWSDESK_COMMENTS_", DEFAULTS)
