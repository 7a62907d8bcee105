"""The catalog's problems are the project's shared Problem (atlas.problems); kept importable
from here for the catalog's modules."""

from ..problems import ERROR, NOT_PUBLISHED, WARNING, CatalogError, Problem, did_you_mean, errors_in, format_problems

__all__ = ["ERROR", "NOT_PUBLISHED", "WARNING", "CatalogError", "Problem", "did_you_mean", "errors_in", "format_problems"]
