import pytest


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser(
            "quantri", "quantri@example.org", "x", first_name="Quản", last_name="Trị"
        )
    )
    return client
