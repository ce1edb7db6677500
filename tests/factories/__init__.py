"""Factories, one module per app, so each app's tests build only what they need."""
