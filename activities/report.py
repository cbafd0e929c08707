"""文体活动 (with its 女职工工作 part): the figures of a subtree's activities in a period, and
up to a chosen number of photos for the PDF, in four queries whatever the row count.

Culture and sports: activities of category 文艺 and 体育, their sub-events (项目), persons and
participations (人次). Women workers' work: activities of category 女职工. The same query
gives the safety inspections and publicity figures the other sections may quote.

``SECTIONS`` at the end declares the 宣传教育与文体活动 section: its words are in
``activities.report_text``; the logic checks, the appendix column and the photos query here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities.models import Activity, ActivityPhoto, Category, SubEvent
from activities.report_text import activities_headlines, activities_paragraph, activities_tables
from organisations.models import Organisation
from reports.sections import Problem, Section
from reports.text import child_path

CULTURE_AND_SPORTS = (Category.CULTURE, Category.SPORTS)


@dataclass(frozen=True)
class ReportPhoto:
    activity: str
    date: dt.date
    caption: str
    image_path: str
    thumbnail_path: str


@dataclass(frozen=True)
class Highlight:
    title: str
    date: dt.date
    category: str
    person_times: int


@dataclass(frozen=True)
class CultureAndSports:
    culture_events: int
    sports_events: int
    sub_events: int
    participants: int
    person_times: int
    women_activities: int
    women_participants: int
    women_person_times: int
    safety_inspections: int
    dangers_found: int
    dangers_fixed: int
    publicity_items: int
    highlights: list[Highlight]
    photos: list[ReportPhoto]
    start: dt.date | None = None  # the period, so the text can say 全年 or 上半年
    end: dt.date | None = None

    @property
    def events(self) -> int:
        return self.culture_events + self.sports_events

    @property
    def is_empty(self) -> bool:
        """Nothing the section prints: its text also reports safety inspections and
        publicity."""
        return not (self.events or self.women_activities or self.safety_inspections
                    or self.publicity_items)

    @property
    def women_is_empty(self) -> bool:
        return not self.women_activities


def culture_and_sports(organisation: Organisation, start: dt.date, end: dt.date, *,
                       photos: int = 6, highlights: int = 5) -> CultureAndSports:
    activities = Activity.objects.within(organisation).filter(date__range=(start, end))
    cs = Q(category__in=CULTURE_AND_SPORTS)
    women = Q(category=Category.WOMEN)
    safety = Q(category=Category.SAFETY)
    figures = activities.aggregate(
        culture_events=Count("pk", filter=Q(category=Category.CULTURE)),
        sports_events=Count("pk", filter=Q(category=Category.SPORTS)),
        total_participants=Sum("participants", filter=cs, default=0),
        total_person_times=Sum("person_times", filter=cs, default=0),
        women_activities=Count("pk", filter=women),
        women_participants=Sum("participants", filter=women, default=0),
        women_person_times=Sum("person_times", filter=women, default=0),
        safety_inspections=Count("pk", filter=safety),
        dangers_found=Sum("dangers_found", default=0),
        dangers_fixed=Sum("dangers_fixed", default=0),
        publicity_items=Sum("items_reported", default=0),
    )
    figures["participants"] = figures.pop("total_participants")
    figures["person_times"] = figures.pop("total_person_times")
    sub_events = SubEvent.objects.within(organisation).filter(
        activity__date__range=(start, end), activity__category__in=CULTURE_AND_SPORTS).count()
    top = [Highlight(title=a.title, date=a.date, category=a.get_category_display(),
                     person_times=a.person_times)
           for a in activities.filter(cs | women).order_by("-person_times", "date", "pk")
           .only("title", "date", "category", "person_times")[:highlights]] \
        if highlights else []
    chosen = []
    if photos:
        chosen = [ReportPhoto(activity=p.activity.title, date=p.activity.date,
                              caption=p.caption, image_path=p.image.path,
                              thumbnail_path=p.thumbnail.path)
                  for p in ActivityPhoto.objects.within(organisation)
                  .filter(activity__date__range=(start, end))
                  .select_related("activity").order_by("activity__date", "pk")[:photos]]
    return CultureAndSports(**figures, sub_events=sub_events, highlights=top, photos=chosen,
                            start=start, end=end)


# --- the report section: logic checks, appendix, photos -----------------------------------

def _problem(activity: Activity, message: str) -> Problem:
    return Problem(message=message, url=reverse("activities:update", args=[activity.pk]),
                   record=str(activity))


def _training_message(activity: Activity) -> str:
    if not activity.trainees and not activity.hours:
        return _("A training with neither trainees nor hours recorded.")
    if not activity.trainees:
        return _("A training with no trainees recorded.")
    return _("A training with no hours recorded.")


def activities_checks(organisation: Organisation, start: dt.date,
                      end: dt.date) -> list[Problem]:
    """Two queries: trainings of the period without trainees or hours (the 职工素质 figures
    would miss them), and activities with fewer participations (人次) than participants."""
    period = Activity.objects.within(organisation).filter(date__range=(start, end)).order_by(
        "date", "pk")
    trainings = period.filter(Q(trainees=0) | Q(hours=0), category=Category.TRAINING)
    problems = [_problem(activity, _training_message(activity)) for activity in trainings]
    problems += [_problem(activity, _(
        "%(times)s participations for %(persons)s participants: every participant counts at "
        "least once.") % {"times": activity.person_times, "persons": activity.participants})
        for activity in period.filter(person_times__lt=F("participants"))]
    return problems


def activities_by_child(organisation: Organisation, start: dt.date,
                        end: dt.date) -> dict[str, dict[str, int]]:
    """Cultural and sports events of the period by direct child union, in one query."""
    rows = (Activity.objects.within(organisation)
            .filter(date__range=(start, end), category__in=CULTURE_AND_SPORTS)
            .annotate(child=child_path(organisation)).values("child")
            .annotate(activities=Count("pk")).order_by())
    return {row["child"]: {"activities": row["activities"]} for row in rows}


def activities_photos(organisation: Organisation, start: dt.date, end: dt.date,
                      limit: int) -> list[tuple[str, str]]:
    """The first ``limit`` photos of the period's activities, captioned, in one query."""
    if limit <= 0:
        return []
    chosen = (ActivityPhoto.objects.within(organisation)
              .filter(activity__date__range=(start, end)).select_related("activity")
              .order_by("activity__date", "pk")[:limit])
    return [(photo.image.path, photo.caption or photo.activity.title) for photo in chosen]


SECTIONS = [
    Section(key="activities", order=30,
            title=gettext_lazy("Publicity, education, culture and sports"),
            # the report takes its photos through ``photos``, not with the figures
            compute=partial(culture_and_sports, photos=0), paragraph=activities_paragraph,
            headlines=activities_headlines, tables=activities_tables,
            checks=activities_checks, by_child=activities_by_child, photos=activities_photos,
            appendix=(("activities", gettext_lazy("Cultural and sports events")),)),
]
