"""The package as users install it: a built wheel in a fresh venv, and the Dockerfile's steps replayed."""
