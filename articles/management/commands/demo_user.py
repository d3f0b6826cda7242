"""Create (or reset) the demo login and print its name and password."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the demo user (an ordinary reader, not staff), or give it a new password, and "
        "print the login. An administrator is made with 'manage.py createsuperuser'."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo")

    def handle(self, *args, username, **options):
        password = secrets.token_urlsafe(9)
        user, created = get_user_model().objects.get_or_create(username=username)
        user.set_password(password)
        # A reader, as most people using the app are; a demo login made staff by an older
        # version is made a reader again.
        user.is_staff = user.is_superuser = False
        user.is_active = True
        user.save()
        verb = "Created" if created else "Reset the password of"
        self.stdout.write(f"{verb} the demo login: user {username!r}, password {password!r}")
