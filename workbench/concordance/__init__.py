"""The concordance: which provisions of which instruments treat the same matter."""
