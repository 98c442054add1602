"""A small Django REST Framework project whose API is protected by KeyholdAuthentication."""
