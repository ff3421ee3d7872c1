# Varnish in front of newsdesk (Varnish 7, Debian's `varnish` package).
#
# Anonymous readers' pages are cached for as long as the app's Cache-Control says
# (s-maxage) and purged by the app on every change, by tag: each page names what it shows
# in its xkey header (newsdesk/caching/metadata.py), which the xkey vmod (Debian's
# varnish-modules) indexes. A PURGE carrying `xkey-softpurge: tag tag...` soft-purges every
# page carrying one of them: each is then stale, not gone, and within the page's own
# stale-while-revalidate (its Cache-Control) the next reader gets the stale copy at once
# while one background fetch renders the new one (a purged front page read by hundreds is
# rendered once); past that window, the reader waits for a fresh copy. `xkey-purge` drops
# the pages instead (an unpublished story: no reader may get it again). A PURGE of a path
# without either header bans every query variant of it (a story's own page, a redirect's
# old path), a BAN bans everything. Pages are kept a day past their freshness ("grace")
# and served from there while the app or its database is down.
#
# Compression: the app stores each page as rendered and compressed in brotli and gzip,
# once, and sends whichever the request asks for. Here each page is at most three
# objects, one per coding (br, gzip, none), each the backend's bytes as they came: no
# compression by Varnish (beresp.do_gzip is never set) and none on a hit. A ban matches
# all three.
#
# Two backends: pages from the WSGI server, the live blogs' event streams from the ASGI
# one (Django under ASGI hops threads for every synchronous middleware, which costs more
# than rendering a page; streams need ASGI). One ASGI server may be both: give both
# backends its port. The tools that start Varnish (deploy/localprod.py, the tests, the
# bench) replace the backends' ports below.

vcl 4.1;

import std;
import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    # Fails while the app cannot reach its database: then every cached page is served
    # from grace instead of passing readers on to a 503.
    .probe = {
        .url = "/healthz/database/";
        .interval = 1s;
        .timeout = 2s;
        .window = 3;
        .threshold = 2;
    }
}

# The same app, for background refreshes of stale pages alone (vcl_backend_fetch), at
# most a few at a time: after a publish, every page that shows the story is stale, and
# refreshing them all at once would leave no app process for a reader who waits (a
# miss). A refresh that finds the lane full fails at once, costing nothing; the stale
# copy is served on and refreshed by a later reader.
backend refresh {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .max_connections = 4;
}

backend streams {
    .host = "127.0.0.1";
    .port = "8002";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

# Who may purge: the app, on this machine.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # Only ever set below, from Accept-Encoding.
    unset req.http.X-Encoding;
    # Set by vcl_hit alone, for the restart that fetches a page too stale to serve.
    if (req.restarts == 0) {
        unset req.http.X-Fresh-Only;
    }
    # varnishd has already appended client.ip to X-Forwarded-For (nginx's address behind
    # nginx, the reader's without it): the app counts entries from the right
    # (NEWSDESK_TRUSTED_PROXY_COUNT), so leave the header alone, and listen on loopback
    # only when nginx is in front, or a client could pose as nginx.
    if (req.method == "PURGE" || req.method == "BAN") {
        # Behind nginx every client is loopback, so the ACL alone would let anyone empty
        # the cache through it. A proxied request carries its client's address before
        # ours in X-Forwarded-For; only a request sent on this machine straight to
        # Varnish (the app's purges) has client.ip alone there.
        if (!client.ip ~ purgers || req.http.X-Forwarded-For != "" + client.ip) {
            return (synth(405, "Not allowed"));
        }
        if (req.method == "BAN") {
            std.ban("obj.status != 0");
            return (synth(200, "Banned everything"));
        }
        if (req.http.xkey-softpurge) {
            set req.http.n-gone = xkey.softpurge(req.http.xkey-softpurge);
            return (synth(200, "Soft-purged " + req.http.n-gone));
        }
        if (req.http.xkey-purge) {
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.n-gone));
        }
        # Every query variant of the path (?page=2...), on every host name this Varnish
        # serves: Wagtail purges with the site's host name, which need not be the one
        # readers use. Paths are percent-encoded, so they hold no spaces or quotes.
        std.ban("obj.http.x-cache-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Personal, admin and streaming URLs (the app's NEWSDESK_CACHE_EXCLUDED_PATHS); the
    # live blogs' event streams, and nothing else, from the streams server.
    if (req.url ~ "^/(admin|comments|documents|api|healthz|live/blog)(/|$)") {
        if (req.url ~ "^/live/blog/[0-9]+/events/") {
            set req.backend_hint = streams;
        }
        return (pass);
    }
    if (req.http.Accept && req.http.Accept ~ "text/event-stream") {
        return (pass);
    }
    # Signed-in readers and editors.
    if (req.http.Authorization
        || (req.http.Cookie && req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|messages)=")) {
        return (pass);
    }
    # Anonymous: no other cookie (analytics...) changes a page.
    unset req.http.Cookie;
    # One object per page, whatever the order of its query or its campaign tags.
    if (req.url ~ "\?") {  # most pages have no query: three operations saved
        set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z]+|fbclid|gclid)=[^&]*&?", "");
        set req.url = regsub(req.url, "[?&]$", "");
        set req.url = std.querysort(req.url);
    }
    call normalise_accept_encoding;
    if (req.http.X-Fresh-Only) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_hit {
    # Stale (expired or soft-purged) for longer than the page's own stale-while-revalidate
    # while the app is well: fetched for this reader (and any others asking meanwhile)
    # rather than served. A restart counts as no hit. A sick app gets the whole grace.
    if (obj.ttl <= 0s
        && obj.ttl + std.duration(obj.http.x-revalidate + "s", 0s) <= 0s
        && std.healthy(req.backend_hint)) {
        set req.http.X-Fresh-Only = "1";
        return (restart);
    }
}

# br, gzip or none, in X-Encoding: what the object is kept in. A coding counts as
# accepted when it is named without q=0 (x-gzip is gzip), brotli first whatever the
# weights: a client that names a coding decodes it. "*" alone gets none. Varnish's own
# gzip support (http_gzip_support) sets Accept-Encoding to gzip or removes it after
# vcl_recv, and asks backends for gzip: so the choice travels in X-Encoding, is hashed, and
# is given back to the backend in vcl_backend_fetch.
sub normalise_accept_encoding {
    # Photos, sound, fonts: compressed already, one object for everyone.
    if (req.url ~ "(?i)\.(jpe?g|png|gif|webp|avif|ico|mp3|m4a|aac|ogg|mp4|webm|woff2?)(\?|$)") {
        unset req.http.Accept-Encoding;
        return;
    }
    # What browsers and most clients send, compared as strings: this runs on every hit,
    # and a string comparison costs less than a call into PCRE.
    if (req.http.Accept-Encoding == "gzip, deflate, br, zstd"
        || req.http.Accept-Encoding == "gzip, deflate, br") {
        set req.http.X-Encoding = "br";
    } elsif (req.http.Accept-Encoding == "gzip" || req.http.Accept-Encoding == "gzip, deflate") {
        set req.http.X-Encoding = "gzip";
    } elsif (req.http.Accept-Encoding ~ "(?i)(^|,)\s*br\s*(;|,|$)"
        && req.http.Accept-Encoding !~ "(?i)(^|,)\s*br\s*;\s*q\s*=\s*0(\.0*)?\s*(,|$)") {
        set req.http.X-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "(?i)(^|,)\s*(x-)?gzip\s*(;|,|$)"
        && req.http.Accept-Encoding !~ "(?i)(^|,)\s*(x-)?gzip\s*;\s*q\s*=\s*0(\.0*)?\s*(,|$)") {
        set req.http.X-Encoding = "gzip";
    }
    # The same header for every request of an object, so that the backend's
    # Vary: Accept-Encoding never splits it further.
    if (req.http.X-Encoding) {
        set req.http.Accept-Encoding = req.http.X-Encoding;
    } else {
        unset req.http.Accept-Encoding;
    }
}

sub vcl_hash {
    # http and https are different pages to the app (one may redirect to the other);
    # then the built-in vcl_hash adds the URL and the host.
    hash_data(req.http.X-Forwarded-Proto);
    hash_data(req.http.X-Encoding);
}

sub vcl_backend_fetch {
    if (bereq.is_bgfetch && bereq.backend == default) {
        set bereq.backend = refresh;
    }
    # A fetch for the cache asks for the object's coding (passed requests keep the
    # client's header: the app compresses no personal page).
    if (!bereq.uncacheable) {
        if (bereq.http.X-Encoding) {
            set bereq.http.Accept-Encoding = bereq.http.X-Encoding;
        } else {
            unset bereq.http.Accept-Encoding;
        }
    }
    unset bereq.http.X-Encoding;
    unset bereq.http.X-Fresh-Only;
}

sub vcl_backend_response {
    # What a PURGE of this path matches (see vcl_recv).
    set beresp.http.x-cache-path = regsub(bereq.url, "\?.*$", "");
    # The object's tags, which xkey indexes, from whichever header the app sends them in
    # (NEWSDESK_CACHE_TAG_HEADER: xkey, else Surrogate-Key or Cache-Tag).
    if (!beresp.http.xkey && beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    } elsif (!beresp.http.xkey && beresp.http.Cache-Tag) {
        set beresp.http.xkey = regsuball(beresp.http.Cache-Tag, ",", " ");
    }
    # Tags are for the caches, not readers. (A CDN in front of this Varnish purges by them
    # too: keep Surrogate-Key or Cache-Tag for it by removing its line here; xkey is unset
    # in vcl_deliver, as the xkey vmod indexes it on the object.)
    unset beresp.http.Surrogate-Key;
    unset beresp.http.Cache-Tag;
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        # Keep serving the stale copy rather than storing the error.
        return (abandon);
    }
    if (beresp.http.Content-Type ~ "text/event-stream") {
        set beresp.do_stream = true;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # The page's stale-while-revalidate, which Varnish has read into beresp.grace (none
    # said: none allowed), for vcl_hit.
    if (beresp.http.Cache-Control ~ "stale-while-revalidate=") {
        set beresp.http.x-revalidate = beresp.grace;
    } else {
        set beresp.http.x-revalidate = "0";
    }
    if (beresp.ttl > 0s) {
        # stale-if-error: a day of pages to serve while the app is down.
        set beresp.grace = 24h;
    }
}

sub vcl_deliver {
    unset resp.http.x-cache-path;
    unset resp.http.x-revalidate;
    unset resp.http.xkey;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
