"""App wiring shared by every role: extensions, security headers, error pages, assets, rate limits, logging,
the form base, staff sign-in and the current language."""
