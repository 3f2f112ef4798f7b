"""Database schema, engine set-up, migrations and repositories."""
