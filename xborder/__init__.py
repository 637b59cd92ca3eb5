"""xborder: assess cross-border transfers of personal data (Azerbaijan, Law No. 998-IIIQ)."""

__version__ = "0.1.0"
