"""A custom user model, as a project that never used auth.User has."""
