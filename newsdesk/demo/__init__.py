"""The demo newsroom of The Newsdesk, for development and demonstrations only.

`manage.py load_demo` fills an empty site with sections, stories, authors and painted photos,
and creates the superuser "admin" with the public password "newsdesk-demo". It refuses to run
when DEBUG is off unless given --force. content/ holds the text, images.py paints the photos,
loader.py puts them into Wagtail.
"""
