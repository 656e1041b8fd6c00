from django.core.management.base import BaseCommand, CommandError

from academy.demo import seed_academy, seed_bulk_courses
from academy.models import AcademyLandingPage
from brand.demo import seed_brand, seed_bulk_assets
from brand.models import BrandLandingPage
from campaigns.cooperation_day.demo import seed_bulk_events, seed_cooperation_day
from campaigns.cooperation_day.models import CooperationDayLandingPage
from campaigns.slam.demo import seed_slam
from campaigns.slam.models import SlamLandingPage
from community.demo import seed_bulk_community, seed_community
from hub.calls.demo import seed_calls
from hub.demo import seed_keep_projects, seed_programme_areas
from hub.news.demo import seed_bulk_articles, seed_news, seed_news_index
from hub.vacancies.demo import seed_vacancies
from portal.accounts.demo import personas_ready, seed_programme_admin
from portal.core.demo_translations import seed_translations
from portal.home.demo import seed_bulk_pages, seed_site


class Command(BaseCommand):
    help = "Load demo content. Idempotent: only what is missing is added."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bulk",
            type=int,
            default=0,
            metavar="N",
            help="Also ensure N library articles and N practice courses exist (benchmarks).",
        )

        parser.add_argument(
            "--events",
            type=int,
            default=0,
            metavar="N",
            help="Also ensure N published events in this year's Cooperation Day (benchmarks).",
        )
        parser.add_argument(
            "--assets",
            type=int,
            default=0,
            metavar="N",
            help="Also ensure N brand assets exist in the library (benchmarks).",
        )

        parser.add_argument(
            "--members",
            type=int,
            default=0,
            metavar="N",
            help="Also ensure N community members with threads and a week of notifications "
            "(benchmarks).",
        )

        parser.add_argument(
            "--news",
            type=int,
            default=0,
            metavar="N",
            help="Also ensure N extra news items exist (benchmarks).",
        )

    def handle(self, *args, bulk, events, assets, members, news, **options):
        if min(bulk, events, assets, members, news) < 0:
            raise CommandError(
                "--bulk, --events, --assets, --members and --news take a number, 0 or more."
            )
        home = seed_site()
        seed_programme_areas()
        # Before the campaigns and the news: their demo events, entries and stories name projects.
        added_projects = seed_keep_projects()
        catalogue = AcademyLandingPage.objects.descendant_of(home).first()
        courses = seed_academy(catalogue)
        campaign = CooperationDayLandingPage.objects.descendant_of(home).first()
        added_events = seed_cooperation_day(campaign)
        added_applications = seed_slam(SlamLandingPage.objects.descendant_of(home).first())
        added_assets = seed_brand(BrandLandingPage.objects.descendant_of(home).first())
        added_spaces = seed_community()
        added_articles = seed_news(home)
        seed_programme_admin()
        added_calls = seed_calls()
        added_vacancies = seed_vacancies()
        self.stdout.write(f"Pages in French and German: {seed_translations(home)} added.")
        missing = personas_ready()
        if missing:
            self.stderr.write(f"The sign-in page's personas missing here: {', '.join(missing)}.")
        self.stdout.write(
            f"Demo content is in place ({len(courses)} Academy courses, "
            f"{added_events} Cooperation Day events, {added_applications} Slam "
            f"applications, {added_assets} brand assets, {added_spaces} community spaces, "
            f"{added_projects} keep.eu projects, {added_articles} news items and stories, "
            f"{added_calls} calls for proposals and {added_vacancies} vacancies added)."
        )
        if bulk:
            added = seed_bulk_pages(bulk)
            self.stdout.write(f"Library articles: {bulk} ({added} added).")
            added = seed_bulk_courses(catalogue, bulk)
            self.stdout.write(f"Practice courses: {bulk} ({added} added).")
        if events:
            added = seed_bulk_events(events)
            self.stdout.write(f"Published Cooperation Day events: {events} ({added} added).")
        if assets:
            added = seed_bulk_assets(assets)
            self.stdout.write(f"Brand assets: {assets} ({added} added).")
        if members:
            added = seed_bulk_community(members)
            self.stdout.write(f"Community members: {members} ({added} added).")
        if news:
            added = seed_bulk_articles(seed_news_index(home), news)
            self.stdout.write(f"Extra news items: {news} ({added} added).")
