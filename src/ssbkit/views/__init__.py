"""Presentation of typed results: terminal text (rich), JSON, HTML (Jinja2 templates), plots (matplotlib).

Nothing is computed here; every command and the web page render through these modules.
"""
