"""HTTP layer: app factory, routers, authentication and error mapping."""
