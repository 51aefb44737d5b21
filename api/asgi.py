"""The ASGI entry point for uvicorn: `uvicorn api.asgi:app`."""

from api import logs
from api.main import create_app
from api.settings import get_settings

_settings = get_settings()
logs.configure(level=_settings.log_level, json_lines=_settings.log_json)
app = create_app(_settings)
