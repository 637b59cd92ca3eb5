"""The rulebooks shipped with xborder, one package per jurisdiction. Each registers itself
under the entry-point group ``xborder.rulebooks`` (pyproject.toml); see
`xborder.rules.rulebook` for the interface and docs/DEVELOPING.md for how to write one."""
