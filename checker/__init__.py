"""factlint: check every version of a story against facts stated once in YAML."""
__version__ = "0.1.0"
