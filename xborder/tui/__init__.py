"""The Textual wizard (`xborder` without a command)."""
