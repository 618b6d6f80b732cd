"""Reading treaty texts: the structure they parse into, and parsers for Markdown, text and Word."""
