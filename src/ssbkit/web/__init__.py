"""A local web view over the assessment and windows (``ssbkit web``)."""

from .server import App, make_handler, serve

__all__ = ["App", "make_handler", "serve"]
