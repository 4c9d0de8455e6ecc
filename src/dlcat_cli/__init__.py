"""dlcat: plan your day at a multi-track conference, walks between buildings included."""

__version__ = "0.1.0"
