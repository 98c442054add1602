"""WSGI entry point, as startproject writes it; gunicorn serves seed.wsgi."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seed.settings")

application = get_wsgi_application()
