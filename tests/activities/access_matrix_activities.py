"""Activity, sub-event and photo URLs for the access matrix: union B's records."""

from django.core.files.uploadedfile import SimpleUploadedFile

from activities.models import SubEvent
from activities.photos import photos_attach
from activities.services import sub_events_save
from tests.activities.images import jpeg_bytes
from tests.competitions.factories import activity
from tests.test_access_matrix import MARKER


def _activity_b(t):
    made = activity(t.union_b, t.cadre_b, title=MARKER, description=MARKER)
    sub_events_save(made, save=[SubEvent(name=MARKER, results=MARKER)], delete=[],
                    actor=t.cadre_b)
    return {"pk": made.pk}


def _photo_b(t):
    made = activity(t.union_b, t.cadre_b, title=MARKER)
    [photo] = photos_attach(activity=made, actor=t.cadre_b, caption=MARKER,
                            files=[SimpleUploadedFile("p.jpg", jpeg_bytes((40, 30)))])
    return {"pk": photo.pk}


def _photo_file_b(t):
    return {**_photo_b(t), "size": "thumb"}


ENTRIES = {
    "activities:detail": (_activity_b, ["get"], 200),
    "activities:update": (_activity_b, ["get", "post"], 200),
    "activities:delete": (_activity_b, ["get", "post"], 200),
    "activities:copy": (_activity_b, ["post"], 302),
    "activities:events": (_activity_b, ["get", "post"], 200),
    "activities:photos": (_activity_b, ["get", "post"], 200),
    "activities:photo_file": (_photo_file_b, ["get"], 200),
    "activities:photo_delete": (_photo_b, ["get", "post"], 200),
}
