"""Site-wide protections: rate limits, login lockouts, the content security policy and the
serving of private documents (docs/security.md)."""
