"""The demo newsroom of The Newsdesk, for development and demonstrations only.

`manage.py load_demo` fills an empty site with sections, stories, authors and photos, and
creates the superuser "admin" with the public password "newsdesk-demo". It refuses to run
when DEBUG is off unless given --force. content/ holds the text, photos/ the photographs and
their manifest (author, source, licence), images.py stores them as Wagtail images with their
credit lines, loader.py puts it all into Wagtail.
"""
