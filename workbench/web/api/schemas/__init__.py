"""The marshmallow schemas of the API: request bodies, query arguments and answers."""
