"""Parties: states, groups of states and organizations that put texts forward."""
