from rest_framework.response import Response
from rest_framework.views import APIView


class WhoAmI(APIView):
    """The caller as this application sees them: authenticated by the project's default classes."""

    def get(self, request):
        user = request.user
        return Response({
            "id": user.pk,
            "email": user.email,
            "is_staff": user.is_staff,
            "is_superuser": user.is_superuser,
            "keyhold_sub": request.auth["sub"],
        })
