"""The calendar of events by month and week, the programme as a room × time grid, and the
viewer's time zone: chosen on the page from the whole tz database, else from the profile."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client

from praxis.accounts.tests.factories import UserFactory
from praxis.events.models import Event
from praxis.events.tests.factories import EventFactory, RoomFactory, SessionFactory
from praxis.events.tests.translations import translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_evening() -> Event:
    """Starts at 22:30 UTC on 10 March 2031: the 11th in Nairobi, the 10th in New York."""
    starts = datetime(2031, 3, 10, 22, 30, tzinfo=UTC)
    return EventFactory.create(
        title="Night shift safety", starts_at=starts, ends_at=starts + timedelta(hours=1)
    )


def day_cell(page: str, day: str) -> str:
    """The calendar cell of the day labelled `day` (such as "Tue, March 11")."""
    start = page.index(f'<span class="day">{day}</span>')
    return page[start : page.index("</td>", start)]


def test_month_shows_each_event_on_its_day_in_the_viewers_zone(
    client: Client, late_evening: Event
) -> None:
    url = "/events/calendar/"
    page = client.get(url, {"date": "2031-03-01"}).content.decode()
    assert "March 2031" in page and "Night shift safety" in day_cell(page, "Mon, March 10")
    client.get("/events/time-zone/", {"time_zone": "Africa/Nairobi", "next": url})
    page = client.get(url, {"date": "2031-03-01"}).content.decode()
    assert "Night shift safety" in day_cell(page, "Tue, March 11")
    assert "Night shift safety" not in day_cell(page, "Mon, March 10")


def test_week_view_and_its_neighbours(client: Client, late_evening: Event) -> None:
    page = client.get("/events/calendar/", {"span": "week", "date": "2031-03-12"}).content.decode()
    assert "Night shift safety" in page
    assert "?span=week&amp;date=2031-03-03" in page and "?span=week&amp;date=2031-03-17" in page
    assert page.count('<span class="day">') == 7
    later = client.get("/events/calendar/", {"span": "week", "date": "2031-03-17"})
    assert "Night shift safety" not in later.content.decode()


def test_an_event_over_several_days_shows_on_each(client: Client) -> None:
    starts = datetime(2031, 5, 5, 8, tzinfo=UTC)
    EventFactory.create(
        title="Three-day course", starts_at=starts, ends_at=starts + timedelta(days=2, hours=8)
    )
    page = client.get("/events/calendar/", {"date": "2031-05-05"}).content.decode()
    assert page.count("Three-day course") == 3


def test_drafts_and_cancelled_events_stay_off_the_calendar(client: Client) -> None:
    starts = datetime(2031, 5, 5, 8, tzinfo=UTC)
    EventFactory.create(title="Secret draft", status=Event.Status.DRAFT, starts_at=starts)
    EventFactory.create(title="Called off", status=Event.Status.CANCELLED, starts_at=starts)
    page = client.get("/events/calendar/", {"date": "2031-05-05"}).content.decode()
    assert "Secret draft" not in page and "Called off" not in page
    assert "No events in this period." in page


@pytest.mark.parametrize(
    "query",
    [{"date": "2031-13-45"}, {"date": "x" * 5000}, {"span": "decade"}, {"date": ""}],
)
def test_a_bad_calendar_query_shows_this_month(client: Client, query: dict[str, str]) -> None:
    response = client.get("/events/calendar/", query)
    assert response.status_code == 200
    assert date.today().strftime("%B") in response.content.decode()


def test_empty_days_are_marked_to_fold_away_on_phones(client: Client, late_evening: Event) -> None:
    page = client.get("/events/calendar/", {"date": "2031-03-01"}).content.decode()
    assert page.count('class="empty') >= 28  # every day but the one with the event


def test_programme_grid_puts_rooms_across_and_times_down(client: Client) -> None:
    # 09:00 in Zurich, so that both starting times fall on the same day of the programme.
    opening = datetime(2031, 3, 12, 8, 0, tzinfo=UTC)
    event = EventFactory.create(starts_at=opening, ends_at=opening + timedelta(hours=8))
    hall, lab = (
        RoomFactory.create(event=event, name="Hall A"),
        RoomFactory.create(event=event, name="Skills lab", position=1),
    )
    SessionFactory.create(event=event, room=hall, title="Plenary", starts_at=event.starts_at)
    SessionFactory.create(event=event, room=lab, title="Suturing", starts_at=event.starts_at)
    SessionFactory.create(
        event=event, room=lab, title="Ultrasound", starts_at=event.starts_at + timedelta(hours=2)
    )
    page = client.get(f"/events/{event.slug}/timetable/").content.decode()
    header = page[page.index("<thead>") : page.index("</thead>")]
    assert header.index("Hall A") < header.index("Skills lab")
    rows = page[page.index("<tbody") : page.index("</tbody>")].split("<tr>")[1:]
    assert len(rows) == 2  # two starting times
    assert "Plenary" in rows[0] and "Suturing" in rows[0] and "Ultrasound" in rows[1]
    assert rows[1].count('class="empty"') == 1  # Hall A is free then


def test_any_zone_of_the_tz_database_can_be_chosen(client: Client) -> None:
    event = EventFactory.create()
    page = client.get(f"/events/{event.slug}/timetable/").content.decode()
    assert '<option value="America/Argentina/Ushuaia"' in page
    assert '<option value="Pacific/Chatham"' in page


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "../../etc/passwd", "", "x" * 500])
def test_an_unknown_zone_is_refused_with_a_message(client: Client, zone: str) -> None:
    response = client.get(
        "/events/time-zone/", {"time_zone": zone, "next": "/events/"}, follow=True
    )
    assert "Choose a time zone from the list." in response.content.decode()
    assert "praxis_time_zone" not in client.cookies


def test_times_default_to_the_zone_on_the_profile(client: Client) -> None:
    opening = datetime(2031, 3, 12, 5, 30, tzinfo=UTC)
    event = EventFactory.create(
        time_zone="Europe/Zurich", starts_at=opening, ends_at=opening + timedelta(hours=3)
    )
    SessionFactory.create(event=event, starts_at=opening)
    client.force_login(UserFactory.create(time_zone="Asia/Tokyo"))
    page = client.get(f"/events/{event.slug}/timetable/").content.decode()
    assert "14:30–15:30" in page and "(Asia/Tokyo)" in page
    client.get("/events/time-zone/", {"time_zone": "Africa/Nairobi", "next": "/"})
    page = client.get(f"/events/{event.slug}/timetable/").content.decode()
    assert "08:30–09:30" in page  # the page's choice wins over the profile


def test_the_profile_takes_a_zone_and_refuses_an_unknown_one(client: Client) -> None:
    person = UserFactory.create(preferred_language="en")
    client.force_login(person)
    form = {"full_name": person.full_name, "preferred_language": "en", "time_zone": "Nowhere/Land"}
    response = client.post("/accounts/profile/", form)
    assert response.status_code == 400
    assert "Choose a time zone from the list." in response.content.decode()
    person.refresh_from_db()
    assert person.time_zone == ""
    client.post("/accounts/profile/", {**form, "time_zone": "America/La_Paz"})
    person.refresh_from_db()
    assert person.time_zone == "America/La_Paz"


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("ar", "12 مارس، 2031، 9:00 ص</time> – <time"),
        ("ur", "12 مارچ، 2031، 9:00 صبح</time> – <time"),
        ("sw", "12 Machi 2031 09:00</time> – <time"),
    ],
)
def test_dates_read_in_the_order_of_the_interface_language(
    client: Client, language: str, shown: str
) -> None:
    opening = datetime(2031, 3, 12, 8, 0, tzinfo=UTC)  # 09:00 in Zurich
    event = EventFactory.create(starts_at=opening, ends_at=opening + timedelta(hours=7))
    page = client.get(f"/events/{event.slug}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert shown in page


@pytest.mark.parametrize(
    ("language", "heading"),
    [("zh-hans", "2031年3月"), ("en", "March 2031"), ("fr", "mars 2031"), ("ru", "Март 2031 г.")],
)
def test_month_heading_follows_the_readers_language(
    client: Client, late_evening: Event, language: str, heading: str
) -> None:
    page = client.get(
        "/events/calendar/", {"date": "2031-03-01"}, HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert f"<h2>{heading} <span" in page


# The order a Chinese translator gives the pattern of a weekday and a date.
CHINESE_DAY = {
    "a weekday and a date in the reader's own order\x04%(weekday)s, %(date)s": (
        "%(date)s %(weekday)s"
    ),
}


def test_programme_days_are_headed_in_the_readers_date_format(client: Client) -> None:
    opening = datetime(2031, 3, 12, 8, 0, tzinfo=UTC)  # a Wednesday
    event = EventFactory.create(starts_at=opening, ends_at=opening + timedelta(hours=8))
    SessionFactory.create(event=event, title="Plenary", starts_at=opening)
    url = f"/events/{event.slug}/timetable/"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    assert '<h2 id="day-1">Wednesday, March 12, 2031 <span' in english
    with translated("zh-hans", CHINESE_DAY):
        chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").text
    assert '<h2 id="day-1">2031年3月12日 星期三 <span' in chinese


def test_calendar_days_read_in_the_readers_date_format(client: Client, late_evening: Event) -> None:
    with translated("zh-hans", CHINESE_DAY):
        page = client.get(
            "/events/calendar/", {"date": "2031-03-01"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
        ).text
    assert "Night shift safety" in day_cell(page, "03月10日 星期一")
    french = client.get("/events/calendar/", {"date": "2031-03-01"}, HTTP_ACCEPT_LANGUAGE="fr").text
    assert "Night shift safety" in day_cell(french, "lun 10 mars")  # no comma in French
