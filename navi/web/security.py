"""What protects every request and response: security headers (a CSP without inline script or style), the
session cookie's flags, CSRF tokens on every state-changing request, and the proxy in front of the app.
"""

from __future__ import annotations

from flask import Flask, current_app, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

# No 'unsafe-inline' anywhere: scripts and styles come from our own static files only, and no page carries a
# <script> block, a <style> block, a style="" or an on…="" attribute (tests/security/test_csp.py checks).
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",  # the QR codes on the result page are data: images
    "media-src 'self' blob:",  # the counter's camera preview (older browsers hand the stream over as blob:)
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def init_app(app: Flask) -> None:
    """Cookie flags, CSRF protection, the trusted proxy and the headers every response gets."""
    secure = app.config.get("COOKIE_SECURE")
    if secure is None:
        # Secure cookies travel over HTTPS only: on unless testing or debugging on plain http://127.0.0.1.
        secure = not (app.testing or app.debug)
    app.config.update(SESSION_COOKIE_SECURE=bool(secure), SESSION_COOKIE_HTTPONLY=True,
                      SESSION_COOKIE_SAMESITE="Lax")
    # Before CSRFProtect's own before_request, which reads the form: the limit must be in place before any byte.
    app.before_request(body_limit)
    CSRFProtect(app)
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops:
        # Behind a TLS-terminating proxy: take the client's address and scheme from its X-Forwarded-* headers
        # (only as many hops as configured, so a client cannot forge its address for the rate limits).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    app.after_request(security_headers)


def body_limit() -> None:
    """This route's body limit (MAX_CONTENT_LENGTH unless UPLOAD_LIMITS names it): Werkzeug answers 413 before
    reading a body whose Content-Length is larger, and stops reading a chunked one at the limit."""
    limit = current_app.config["UPLOAD_LIMITS"].get(request.endpoint)
    if limit is not None:
        request.max_content_length = limit


# Only the counter's camera (scan.js, this origin) is used; every other powerful feature is off for every origin.
PERMISSIONS_POLICY = ("camera=(self), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
                      "hid=(), display-capture=(), interest-cohort=()")


# Every page's headers, written in one pass (setdefault searched the header list once for each of them).
PAGE_HEADERS = (
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("Permissions-Policy", PERMISSIONS_POLICY),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
)


def security_headers(response):
    """Headers every page gets: no caching of personal pages, no framing, no inline script or style, no other
    window sharing ours, and HSTS once the request came over TLS; a header the view set itself is kept."""
    present = {key.lower() for key, _value in response.headers.items()}
    response.headers.extend([(key, value) for key, value in PAGE_HEADERS if key.lower() not in present])
    max_age = int(current_app.config.get("HSTS_SECONDS") or 0)
    # Over plain HTTP the header is meaningless (browsers ignore it) and a demo network must stay reachable.
    if max_age and request.is_secure and "strict-transport-security" not in present:
        response.headers["Strict-Transport-Security"] = f"max-age={max_age}"
    return response
