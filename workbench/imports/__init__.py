"""Imports: instruments from Word, Markdown and text files; tracked changes as proposals."""
