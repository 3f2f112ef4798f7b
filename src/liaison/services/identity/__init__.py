"""Who may act and what they did: accounts, sign-in, sessions, tokens, administration, the audit trail."""
