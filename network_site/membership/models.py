from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower


class User(AbstractUser):
    """A person with an account. Email is how people sign in, so it is unique whatever its case."""

    email = models.EmailField("email address", max_length=254)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="membership_user_email_unique_ci"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email or self.username
