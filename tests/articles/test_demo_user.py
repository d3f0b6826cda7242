import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse


def demo_user(*args) -> tuple[str, str]:
    out = io.StringIO()
    call_command("demo_user", *args, stdout=out)
    match = re.search(r"user '(?P<name>[^']+)', password '(?P<password>[^']+)'", out.getvalue())
    return match["name"], match["password"]


@pytest.mark.django_db
def test_the_demo_user_is_an_ordinary_reader_who_can_log_in(client):
    name, password = demo_user()
    user = get_user_model().objects.get(username=name)
    assert name == "demo"
    assert not user.is_staff and not user.is_superuser and user.is_active
    assert user.check_password(password)
    response = client.post(reverse("login"), {"username": name, "password": password})
    assert response.status_code == 302 and response["Location"] == reverse("articles:list")
    assert client.get("/articles/").status_code == 200
    assert client.get("/admin/").status_code == 302  # to the admin's login: no access


@pytest.mark.django_db
def test_a_second_run_resets_the_password_and_takes_staff_rights_back(django_user_model):
    django_user_model.objects.create_superuser("demo", password="old-password-1")
    name, password = demo_user()
    user = django_user_model.objects.get(username="demo")
    assert not user.is_staff and not user.is_superuser
    assert name == "demo" and not user.check_password("old-password-1")
    assert user.check_password(password)
    assert django_user_model.objects.count() == 1


@pytest.mark.django_db
def test_another_name(django_user_model):
    assert demo_user("--username", "leserin")[0] == "leserin"
    assert django_user_model.objects.filter(username="leserin", is_staff=False).exists()
