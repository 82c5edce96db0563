"""Serving the built site: its Content Security Policy, precompressed files, the nginx configuration,
redirects of old addresses and the atomic deploy over SSH (see README, "Where the site can be hosted")."""
