vcl 4.1;
# The page cache in front of the app, for the native stack and compose alike (docs/deploy.md).
# nginx in front of it serves /static/ and /media/ and sends the rest here; the backend and the
# addresses allowed to purge come from backend.vcl, the one file that differs between the two.
#
# - Anonymous GET/HEAD pages are stored for as long as the app's Cache-Control allows; nothing
#   without it, nothing private/no-store, nothing that sets a cookie.
# - A request with a session (an editor, a password-protected page) or a pending flash message
#   is passed straight through; other cookies (CSRF, analytics) are dropped on cacheable
#   requests, so a stored page was made without any of them.
# - Tracking parameters (fbclid, gclid, utm_*, zarsrc) are left out of the cache key.
# - PURGE (wagtail.contrib.frontend_cache's HTTPBackend) only from the `purgers` addresses.

import cookie;
import std;

include "backend.vcl";

sub vcl_recv {
    # varnishd appended the address of the hop that sent this (our nginx) to X-Forwarded-For.
    # Take it off again, so the right-most entry is still the reader as nginx recorded them.
    if (req.http.X-Forwarded-For ~ ",") {
        set req.http.X-Forwarded-For = regsub(req.http.X-Forwarded-For, ",[^,]*$", "");
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        if (cookie.isset("sessionid") || cookie.isset("messages")) {
            return (pass);
        }
        unset req.http.Cookie;
    }
    # The language comes from the path (/ and /en/), so Vary: Accept-Language need not split
    # the cache into one copy per browser.
    unset req.http.Accept-Language;
    return (hash);
}

sub vcl_hash {
    # The address without tracking parameters: a link shared on Facebook or Zalo is a hit.
    set req.http.X-Cache-Key = regsuball(req.url, "([?&])(fbclid|gclid|zarsrc|utm_[a-z_]+)=[^&]*", "\1");
    set req.http.X-Cache-Key = regsuball(req.http.X-Cache-Key, "[?&]+$", "");
    set req.http.X-Cache-Key = regsuball(req.http.X-Cache-Key, "\?&+", "?");
    set req.http.X-Cache-Key = regsuball(req.http.X-Cache-Key, "&&+", "&");
    hash_data(req.http.X-Cache-Key);
    if (req.http.Host) {
        hash_data(req.http.Host);
    }
    unset req.http.X-Cache-Key;
    return (lookup);
}

sub vcl_hit {
    set req.http.X-Cache-Status = "HIT";
}

sub vcl_miss {
    set req.http.X-Cache-Status = "MISS";
}

sub vcl_pass {
    set req.http.X-Cache-Status = "PASS";
}

sub vcl_backend_response {
    # Only what the app says may be shared, for as long as it says.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(s-maxage|max-age)=[1-9]"
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 10s;
        return (deliver);
    }
    # Cookie and Accept-Language were settled in vcl_recv (see above).
    if (beresp.http.Vary) {
        set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)(^|,)\s*(Cookie|Accept-Language)\s*(?=,|$)", "");
        set beresp.http.Vary = regsub(beresp.http.Vary, "^,\s*", "");
        if (beresp.http.Vary == "") {
            unset beresp.http.Vary;
        }
    }
    return (deliver);
}

sub vcl_deliver {
    set resp.http.X-Cache-Status = req.http.X-Cache-Status;
    if (obj.uncacheable && req.http.X-Cache-Status == "MISS") {
        set resp.http.X-Cache-Status = "PASS";
    }
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
