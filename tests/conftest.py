import io
import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import translation
from hypothesis import settings

# On CI the property tests draw the same examples every run, so that a submission's result does
# not depend on chance; on a developer's machine they keep exploring new ones.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "000_f7e28fe3f4ccecb1.txt"


def import_seeds(*args) -> tuple[int, str, str]:
    """Run ``import_seeds`` as a shell would: (exit status, standard output, standard error)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_seeds", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return 1, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def language_restored():
    """A German request leaves German active in this thread; later tests expect English."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def shared_cache_cleared():
    """Pages cached by another test at the same revision (an empty database's) were rendered
    under that test's settings and monkeypatches: each test starts without them."""
    cache.clear()


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", password="alice-secret-pw")


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user("bob", password="bob-secret-pw")


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("staff", password="staff-secret-pw")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def seed_article(db, seed_bytes):
    from articles.services import seed_import

    return seed_import(name=SEED.name, data=seed_bytes).article
