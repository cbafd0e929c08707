"""Photos are checked by content, re-encoded without metadata, resized; refusals save nothing."""

import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from activities.models import ActivityPhoto
from activities.photos import PHOTO_MAX_EDGE, THUMBNAIL_EDGE, photos_attach
from tests.competitions.factories import activity


def jpeg_with_exif(size=(3000, 2000)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0131] = "GPS-TRACKER"  # Software
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue() + b"APPENDED-PAYLOAD"


def files_on_disk(settings):
    root = settings.MEDIA_ROOT
    return [os.path.join(d, f) for d, _dirs, names in os.walk(root) for f in names] \
        if os.path.exists(root) else []


@pytest.fixture
def meeting(tree):
    return activity(tree.union_a, tree.cadre_a, title="第二十届职工运动会")


def test_a_real_image_is_reencoded_resized_and_thumbnailed(tree, meeting, settings):
    upload = SimpleUploadedFile("IMG_0001.JPG", jpeg_with_exif(), content_type="image/jpeg")
    [photo] = photos_attach(activity=meeting, files=[upload], actor=tree.cadre_a)
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG" and max(stored.size) == PHOTO_MAX_EDGE
        assert not stored.getexif()
    with open(photo.image.path, "rb") as raw:
        content = raw.read()
    assert b"SecretCam" not in content and b"APPENDED-PAYLOAD" not in content
    with Image.open(photo.thumbnail.path) as thumb:
        assert max(thumb.size) == THUMBNAIL_EDGE
    assert (photo.width, photo.height) == (1600, 1067)


def test_a_png_with_transparency_becomes_a_jpeg(tree, meeting):
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 0, 0, 0)).save(out, "PNG")
    [photo] = photos_attach(activity=meeting, actor=tree.cadre_a,
                            files=[SimpleUploadedFile("a.png", out.getvalue())])
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG" and stored.size == (40, 30)


def test_a_text_file_named_jpg_refuses_the_whole_lot(tree, meeting, settings):
    good = SimpleUploadedFile("good.jpg", jpeg_with_exif((50, 50)))
    bad = SimpleUploadedFile("notes.jpg", b"this is not an image at all\n" * 20)
    with pytest.raises(ValidationError) as refused:
        photos_attach(activity=meeting, files=[good, bad], actor=tree.cadre_a)
    assert "notes.jpg" in refused.value.messages[0]
    assert "不是 JPEG、PNG 或 WebP 图片" in refused.value.messages[0]
    assert not ActivityPhoto.objects.exists() and files_on_disk(settings) == []


def test_an_image_in_another_format_is_refused(tree, meeting):
    out = io.BytesIO()
    Image.new("RGB", (20, 20)).save(out, "GIF")
    with pytest.raises(ValidationError):
        photos_attach(activity=meeting, files=[SimpleUploadedFile("x.jpg", out.getvalue())],
                      actor=tree.cadre_a)


def test_a_too_large_file_is_refused(tree, meeting, settings):
    settings.ACTIVITY_PHOTO_MAX_BYTES = 10_000
    upload = SimpleUploadedFile("big.jpg", jpeg_with_exif((800, 800)) + b"\0" * 20_000)
    with pytest.raises(ValidationError) as refused:
        photos_attach(activity=meeting, files=[upload], actor=tree.cadre_a)
    assert "文件超过" in refused.value.messages[0]
    assert not ActivityPhoto.objects.exists() and files_on_disk(settings) == []


def test_a_locked_year_leaves_no_file_behind(tree, meeting, settings):
    from organisations.services import period_lock

    period_lock(organisation=tree.street_a, year=2025, actor=tree.official_street_a)
    with pytest.raises(ValidationError):
        photos_attach(activity=meeting, actor=tree.cadre_a,
                      files=[SimpleUploadedFile("a.jpg", jpeg_with_exif((50, 50)))])
    assert not ActivityPhoto.objects.exists() and files_on_disk(settings) == []


def test_the_report_lists_photo_paths(tree, meeting):
    import datetime as dt

    from activities.report import culture_and_sports

    photos_attach(activity=meeting, actor=tree.cadre_a, caption="开幕式",
                  files=[SimpleUploadedFile(f"{i}.jpg", jpeg_with_exif((60, 40)))
                         for i in range(3)])
    figures = culture_and_sports(tree.union_a, dt.date(2025, 1, 1), dt.date(2025, 12, 31),
                                 photos=2)
    assert len(figures.photos) == 2
    assert all(os.path.exists(p.thumbnail_path) and os.path.exists(p.image_path)
               for p in figures.photos)
    assert figures.photos[0].caption == "开幕式"
