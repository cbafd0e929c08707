"""Activity photos: checked by content, re-encoded, resized, with a thumbnail.

An upload is an image only if Pillow recognises its content as JPEG, PNG or WebP (the file
name and the browser's content type are not trusted). Each accepted image is decoded and
encoded again as a JPEG of at most ``PHOTO_MAX_EDGE`` pixels a side: the metadata (EXIF,
GPS position) and anything appended to the file are dropped. Several photos are attached
all or none: every file is checked before anything is written, and files already written
are removed when the transaction fails.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from activities.models import Activity, ActivityPhoto
from ledger.services import check_parent

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
PHOTO_MAX_EDGE = 1600
THUMBNAIL_EDGE = 320
MAX_PIXELS = 60_000_000  # decoding larger images could exhaust the worker's memory
JPEG_QUALITY = 85


@dataclass(frozen=True)
class Processed:
    image: bytes
    thumbnail: bytes
    width: int
    height: int


def _refuse(upload, reason: str) -> ValidationError:
    return ValidationError(_("“%(name)s” was refused: %(reason)s")
                           % {"name": getattr(upload, "name", "?"), "reason": reason},
                           code="photo_refused")


def _as_rgb(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P"
                                              and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def process_upload(upload) -> Processed:
    """Check one uploaded file and return its re-encoded image and thumbnail."""
    limit = settings.ACTIVITY_PHOTO_MAX_BYTES
    if upload.size > limit:
        raise _refuse(upload, _("the file is larger than %(mb)s MB.")
                      % {"mb": round(limit / 1024 / 1024, 1)})
    not_an_image = _("the file is not a JPEG, PNG or WebP image.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as probe:
                if probe.format not in ALLOWED_FORMATS:
                    raise _refuse(upload, not_an_image)
                if probe.width * probe.height > MAX_PIXELS:
                    raise _refuse(upload, _("the image has too many pixels."))
                probe.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                image = _as_rgb(image)
    except ValidationError:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        raise _refuse(upload, not_an_image) from None
    image.thumbnail((PHOTO_MAX_EDGE, PHOTO_MAX_EDGE), Image.Resampling.LANCZOS)
    thumb = image.copy()
    thumb.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE), Image.Resampling.LANCZOS)
    return Processed(image=_jpeg(image), thumbnail=_jpeg(thumb), width=image.width,
                     height=image.height)


def _delete_files(photos: list[ActivityPhoto]) -> None:
    for photo in photos:
        for field in (photo.image, photo.thumbnail):
            if field.name:
                field.storage.delete(field.name)


def photos_attach(*, activity: Activity, files, actor, caption: str = "") -> list[ActivityPhoto]:
    """Attach every file to ``activity`` or none: a refused file refuses the lot."""
    if not files:
        raise ValidationError(_("Choose at least one photo."), code="no_photos")
    processed = []
    errors = []
    for upload in files:
        try:
            processed.append(process_upload(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    written: list[ActivityPhoto] = []
    try:
        with transaction.atomic():
            stored = Activity.objects.select_for_update().select_related("organisation").get(
                pk=activity.pk)
            check_parent(stored, actor)
            for item in processed:
                photo = ActivityPhoto(activity=stored, caption=caption, width=item.width,
                                      height=item.height,
                                      uploaded_by=actor if actor.is_authenticated else None)
                written.append(photo)
                photo.image.save("photo.jpg", ContentFile(item.image), save=False)
                photo.thumbnail.save("thumb.jpg", ContentFile(item.thumbnail), save=False)
                photo.save()
    except BaseException:
        _delete_files(written)
        raise
    return written


def photo_delete(photo: ActivityPhoto, *, actor) -> None:
    with transaction.atomic():
        stored = Activity.objects.select_for_update().select_related("organisation").get(
            pk=photo.activity_id)
        check_parent(stored, actor)
        photo.delete()
        transaction.on_commit(lambda: _delete_files([photo]))
