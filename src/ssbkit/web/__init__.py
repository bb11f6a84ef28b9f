"""The local web view (Starlette on uvicorn): forms, HTML reports and a JSON API."""

from .server import App, Limits, ServerThread, create_app, serve

__all__ = ["App", "Limits", "ServerThread", "create_app", "serve"]
