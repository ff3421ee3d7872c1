"""Live: the channels (the TV broadcast, and the same as sound alone) and live blogs.

models.py     LiveChannel and its ProgrammeSlots (schedule.py says what is on now and
              next); LiveBlogPage, an ArticlePage of LiveEntries; LiveEvent, the event
              log that readers' streams replay from Last-Event-ID.
actions.py    check_*/do_* for entries: every change writes its event under the blog's
              row lock and hands it to the broker after the commit.
brokers/      the fan-out: in-process (one server process), Redis pub/sub (several), or
              publishing to Pushpin (GRIP), which holds the readers.
views.py      the channel pages, the pop-out player, local stream files, and the async
              Server-Sent Events view; events.py frames what it sends; grip.py the
              hold instructions behind Pushpin. checks.py, health.py: its set-up.
admin_views.py, forms.py, wagtail_hooks.py   the live desk and the channels in the admin.
teststream.py, demo.py, management/commands/make_test_stream.py   the demo's stream.

The events stream needs an ASGI server (granian or uvicorn); under WSGI it degrades to
polling every two seconds.
"""
