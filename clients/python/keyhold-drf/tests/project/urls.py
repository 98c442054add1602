from django.urls import path

from .views import WhoAmI

urlpatterns = [
    path("whoami/", WhoAmI.as_view()),
]
