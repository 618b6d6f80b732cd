"""Users, their roles, and the audit trail of every write."""
