from rest_framework import serializers

from .models import CustomUser


class UserSerializer(serializers.HyperlinkedModelSerializer):
    """The seed's serializer: hashes the password on create and update, and writes every other
    field it lists as sent, is_staff and is_superuser included (SPEC §9)."""

    def create(self, validated_data):
        password = validated_data.pop("password", None)
        instance = self.Meta.model(**validated_data)
        if password is not None:
            instance.set_password(password)
        instance.save()
        return instance

    def update(self, instance, validated_data):
        for attr, value in validated_data.items():
            if attr == "password":
                instance.set_password(value)
            else:
                setattr(instance, attr, value)
        instance.save()
        return instance

    class Meta:
        model = CustomUser
        extra_kwargs = {"password": {"write_only": True}, "session_token": {"read_only": True}}
        fields = ("id", "email", "name", "password", "phone", "gender", "is_active", "is_staff",
                  "is_superuser", "last_login", "session_token", "created_at", "updated_at")
