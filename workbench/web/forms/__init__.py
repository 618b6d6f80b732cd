"""The HTML forms as Flask-WTF classes, one module per family of pages."""
