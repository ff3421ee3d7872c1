vcl 4.1;

# The cluster's Varnish nodes: deploy/varnish/default.vcl as it is (included below, its
# backend ports set to HAProxy's by deploy/cluster/run.py), plus one rule that runs first.
#
# A reader who has just posted carries the app's pin cookie (newsdesk/core/db_routing.py)
# for a few seconds: their pages are fetched from the app, which reads them from the
# primary, rather than served from a copy made before their post reached every node.
sub vcl_recv {
    if (req.http.Cookie && req.http.Cookie ~ "(^|;\s*)newsdesk_primary="
        && (req.method == "GET" || req.method == "HEAD")
        && req.url !~ "^/live/blog/[0-9]+/events/") {
        return (pass);
    }
}

include "default.vcl";
