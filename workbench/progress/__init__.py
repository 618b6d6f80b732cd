"""Negotiation status of provisions (open … agreed ad referendum) and the text's progress."""
