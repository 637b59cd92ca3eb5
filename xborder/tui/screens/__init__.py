"""Screens of the wizard, one module each."""
