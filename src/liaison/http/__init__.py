"""What the API and the pages share: dependencies, security, error handlers. Imports neither side."""
