"""Responses kept for a day under a client's Idempotency-Key, so that a retry never acts twice."""
