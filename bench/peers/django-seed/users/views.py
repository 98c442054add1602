import random
import re

from django.contrib.auth import get_user_model, login, logout
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from .models import CustomUser
from .serializers import UserSerializer


def generate_session_token(length=10):
    """The seed's token: ten characters of [a-z0-9]."""
    alphabet = [chr(i) for i in range(97, 123)] + [str(i) for i in range(10)]
    return "".join(random.SystemRandom().choice(alphabet) for _ in range(length))


def end_session(user):
    user.session_token = "0"
    user.save()
    Token.objects.filter(user=user).delete()


@csrf_exempt
def signin(request):
    """The seed's login: a plain Django view reading form fields, every error answered with 200.
    The seed stored its token on the user and nothing checked it; here the same token is also the
    key of DRF's authtoken Token, so TokenAuthentication (which the seed's settings list) accepts it."""
    if request.method != "POST":
        return JsonResponse({"error": "Send a post request with valid parameter only"})
    username = request.POST["email"]
    password = request.POST["password"]
    if not re.match(r"[^@]+@[^@]+\.[^@]+", username):
        return JsonResponse({"error": "Invalid email format"})
    if len(password) < 8:
        return JsonResponse({"error": "Password must be at least 8 characters long"})
    user_model = get_user_model()
    try:
        user = user_model.objects.get(email=username)
    except user_model.DoesNotExist:
        return JsonResponse({"error": "User does not exist"})
    if not user.check_password(password):
        return JsonResponse({"error": "Invalid Password"})
    user_dict = user_model.objects.filter(email=username).values().first()
    user_dict.pop("password")
    # The seed's one-session rule: a login while a session is live ends it and fails.
    if user.session_token != "0":
        end_session(user)
        return JsonResponse({"error": "User already logged in"})
    token = generate_session_token()
    user.session_token = token
    user.save()
    Token.objects.create(key=token, user=user)
    login(request, user)
    return JsonResponse({"token": token, "user": user_dict})


def signout(request, id):
    """The seed's logout: anyone may end anyone's session (SPEC §9)."""
    logout(request)
    user_model = get_user_model()
    try:
        user = user_model.objects.get(pk=id)
    except user_model.DoesNotExist:
        return JsonResponse({"error": "User does not exist"})
    end_session(user)
    return JsonResponse({"message": "User logged out successfully"})


class UserViewSet(viewsets.ModelViewSet):
    """The seed's router-generated CRUD: signup open to anyone, every other action to any
    authenticated user."""

    permission_classes_by_action = {"create": [AllowAny]}
    queryset = CustomUser.objects.all().order_by("id")
    serializer_class = UserSerializer

    def get_permissions(self):
        try:
            return [permission() for permission in self.permission_classes_by_action[self.action]]
        except KeyError:
            return [permission() for permission in self.permission_classes]

    @action(detail=False)
    def me(self, request):
        return Response(self.get_serializer(request.user).data)
