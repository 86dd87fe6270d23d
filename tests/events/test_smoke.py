from events import services
from tests.factories.events import EventPageFactory, person


def test_smoke(event_index, client, mailoutbox, django_capture_on_commit_callbacks):
    event = EventPageFactory(parent=event_index)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.register(event, person())
    assert result.registration.status == "confirmed"
    assert len(mailoutbox) == 1
    response = client.get(event.url)
    assert response.status_code == 200, response.content[:3000]
