"""The command line. Imports neither Textual nor typst at start-up (fast)."""
