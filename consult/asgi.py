"""The ASGI application object for servers (uvicorn consult.asgi:app)."""

from consult.app import create_app

app = create_app()
