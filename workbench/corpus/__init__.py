"""The source corpus: the texts, parties, sessions and concordance the workbench ships with."""
