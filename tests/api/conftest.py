from tests.api.clients import app_client, world

__all__ = ["app_client", "world"]
