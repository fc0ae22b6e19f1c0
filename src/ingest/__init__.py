"""unsocial: social-network exports into an honest map of relationships."""

__version__ = "0.1.0"
