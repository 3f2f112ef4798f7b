"""Thin HTTP routers over the services, one module per area."""
