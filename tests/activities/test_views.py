"""Activity pages: photos attached several at once (all or none), refusals shown."""

import os

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activities.models import Activity, ActivityPhoto, SubEvent
from activities.services import sub_events_save
from tests.activities.images import jpeg_bytes
from tests.competitions.factories import activity


def _files(settings):
    root = str(settings.MEDIA_ROOT)
    return [f for _d, _s, names in os.walk(root) for f in names] if os.path.exists(root) \
        else []


def test_cadre_creates_an_activity_viewer_may_not(tree, login):
    client = login(tree.cadre_a)
    response = client.post(reverse("activities:create"), {
        "organisation": tree.union_a.pk, "category": "sports", "title": "第二十届职工运动会",
        "date": "2025-05-10", "participants": "640", "person_times": "1126", "sessions": "0",
        "trainees": "0", "hours": "0", "dangers_found": "0", "dangers_fixed": "0",
        "items_reported": "0"})
    assert response.status_code == 302 and Activity.objects.get().person_times == 1126
    viewer = login(tree.viewer_a)
    assert viewer.get(reverse("activities:create")).status_code == 403


def test_several_photos_at_once(tree, login, settings):
    made = activity(tree.union_a, tree.cadre_a)
    client = login(tree.cadre_a)
    url = reverse("activities:photos", args=[made.pk])
    response = client.post(url, {"caption": "开幕式", "photos": [
        SimpleUploadedFile("a.jpg", jpeg_bytes(exif=True)),
        SimpleUploadedFile("b.jpg", jpeg_bytes((2000, 100)))]})
    assert response.status_code == 302 and ActivityPhoto.objects.count() == 2
    detail = client.get(reverse("activities:detail", args=[made.pk]))
    assert "开幕式" in detail.content.decode()
    photo = ActivityPhoto.objects.first()
    image = client.get(reverse("activities:photo_file", args=[photo.pk, "thumb"]))
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"


def test_a_text_file_named_jpg_is_refused_with_a_message(tree, login, settings):
    made = activity(tree.union_a, tree.cadre_a)
    client = login(tree.cadre_a)
    response = client.post(reverse("activities:photos", args=[made.pk]), {"photos": [
        SimpleUploadedFile("a.jpg", jpeg_bytes()),
        SimpleUploadedFile("evil.jpg", b"<?php echo 'hello'; ?>" * 10)]})
    body = response.content.decode()
    assert response.status_code == 200 and "evil.jpg" in body
    assert not ActivityPhoto.objects.exists() and _files(settings) == []


def test_a_too_large_photo_is_refused_with_a_message(tree, login, settings):
    settings.ACTIVITY_PHOTO_MAX_BYTES = 10_000
    made = activity(tree.union_a, tree.cadre_a)
    client = login(tree.cadre_a)
    response = client.post(reverse("activities:photos", args=[made.pk]), {"photos": [
        SimpleUploadedFile("big.jpg", jpeg_bytes() + b"\0" * 20_000)]})
    assert response.status_code == 200 and "big.jpg" in response.content.decode()
    assert not ActivityPhoto.objects.exists() and _files(settings) == []


def test_deleting_an_activity_removes_its_photo_files(tree, login, settings,
                                                      django_capture_on_commit_callbacks):
    made = activity(tree.union_a, tree.cadre_a)
    client = login(tree.cadre_a)
    client.post(reverse("activities:photos", args=[made.pk]),
                {"photos": [SimpleUploadedFile("a.jpg", jpeg_bytes())]})
    assert len(_files(settings)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("activities:delete", args=[made.pk]))
    assert not Activity.objects.exists() and _files(settings) == []


def test_copy_a_recurring_activity(tree, login):
    made = activity(tree.union_a, tree.cadre_a, person_times=1100)
    sub_events_save(made, save=[SubEvent(name="拔河", participants=80, results="一车间")],
                    delete=[], actor=tree.cadre_a)
    client = login(tree.cadre_a)
    assert client.post(reverse("activities:copy", args=[made.pk])).status_code == 302
    copy = Activity.objects.exclude(pk=made.pk).get()
    assert copy.date.year == 2026 and copy.person_times == 0
    assert [(e.name, e.results) for e in copy.sub_events.all()] == [("拔河", "")]
