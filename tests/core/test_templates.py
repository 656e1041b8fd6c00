"""No line of an HTML template is longer than 120 characters.

The plain-text e-mail templates (*.txt) are not read: their line breaks are the e-mail's.
A few lines cannot be shorter without changing what a page shows or a message to translate;
they are listed below, each by its template and a piece of the line, with the reason.
"""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
LONGEST = 120

# Why a line may stay long. A Django tag cannot span lines, a message to translate is one
# string (breaking it changes the message), and white space added inside text or right inside
# the element around it would be rendered.
MESSAGE = "one message to translate, with the element around it"
PLURAL = "one message to translate with its plural form, with the element around it"
TITLE = "the text of the page title or of the last breadcrumb, where a break would be a space"
INCLUDE = "one include tag, whose arguments alone are longer than a line"
CLASS = "one class attribute, whose value alone is longer than a line"

LONG_LINES = [
    ("403.html", "Your account does not have access to it.", MESSAGE),
    ("academy/academy_landing_page.html", "count counter=courses.paginator.count", PLURAL),
    ("hub/project_detail.html", "the map places those whose town is known", MESSAGE),
    ("hub/project_list.html", '{% translate "Projects and partners" %}{% endblock %}', TITLE),
    ("hub/project_list.html", "by theme, country, region and programme.", MESSAGE),
    ("hub/project_list.html", "Find who has worked on what, where", MESSAGE),
    ("hub/project_list.html", "count counter=projects.paginator.count", PLURAL),
    ("hub/project_list.html", "No project matches this search", MESSAGE),
    ("hub/projects/project_result.html", "Partner matching the search", PLURAL),
    ("academy/admin/certificate_revoke.html", "Issues a new certificate with", MESSAGE),
    ("academy/certificate_verify.html", "No certificate has the code", MESSAGE),
    ("academy/components/syllabus.html", "count counter=step.minutes", PLURAL),
    ("academy/course_page.html", "You then receive a certificate", MESSAGE),
    ("academy/components/course_enrolment.html", "You are number {{ position }}", MESSAGE),
    ("academy/components/course_sessions.html", "count counter=offer.seats_left", PLURAL),
    ("academy/lesson_page.html", "count counter=page.minutes", PLURAL),
    ("academy/quiz_page.html", "count counter=attempts_left", PLURAL),
    ("academy/quiz_page.html", "Attempt {{ number }}: {{ right }}", MESSAGE),
    ("academy/quiz_page.html", "You have used all your attempts", MESSAGE),
    ("academy/quiz_page.html", "Preview: learners open this quiz", MESSAGE),
    ("accounts/account_delete.html", "This cannot be undone.", MESSAGE),
    ("accounts/affiliation_list.html", "Tell us which programmes you work for", MESSAGE),
    ("accounts/my_data.html", "A JSON file with everything", MESSAGE),
    ("accounts/my_data.html", "Your account and personal data are erased", MESSAGE),
    ("accounts/profile_form.html", "Only what you choose below", MESSAGE),
    ("accounts/programme_list.html", "The Interreg programmes:", MESSAGE),
    ("accounts/programme_list.html", "count counter=programmes.paginator.count", PLURAL),
    ("accounts/programme_list.html", 'count counter=programme.countries|length|add:"-6"', PLURAL),
    ("allauth/elements/button.html", "class=\"button{% if 'danger' in attrs.tags", CLASS),
    ("allauth/elements/field.html", "<div class=\"field{% if attrs.type == 'checkbox'", CLASS),
    ("base.html", '{% include "components/site_header.html"', INCLUDE),
    ("brand/brand_landing_page.html", "with title=sections.library.title", INCLUDE),
    ("brand/brand_landing_page.html", "with title=chapter.title", INCLUDE),
    ("home/home_page.html", "with title=service.title", INCLUDE),
    ("blocks/embed.html", "This video is hosted by another website", MESSAGE),
    ("brand/asset_detail.html", "Before your first download", MESSAGE),
    ("brand/asset_detail.html", "Each download asks you to accept", MESSAGE),
    ("brand/download_terms.html", "You are downloading", MESSAGE),
    ("brand/download_terms.html", "Without an account, you accept the terms", MESSAGE),
    ("brand/logo_generator_sign_in.html", "Your programme's or project's Interreg logo", MESSAGE),
    ("brand/logo_generator_sign_in.html", "The logos are for Interreg programmes", MESSAGE),
    ("brand/logo_generator_sign_in.html", "Any account with a confirmed e-mail", MESSAGE),
    ("brand/asset_library_page.html", "count counter=assets.paginator.count", PLURAL),
    ("brand/logo_generator.html", "Interreg logo, with the EU emblem", MESSAGE),
    ("community/community_landing_page.html", "The spaces are for people", MESSAGE),
    ("community/components/post.html", "count counter=post.revision_count", PLURAL),
    ("community/components/post.html", "count counter=post.like_count", PLURAL),
    ("community/members.html", '{% include "community/components/join_requests.html"', INCLUDE),
    ("community/moderation.html", "{% block title %}", TITLE),
    ("community/moderation.html", '{% include "community/components/join_requests.html"', INCLUDE),
    ("community/moderation_log.html", "{% block title %}", TITLE),
    (
        "community/moderation_log.html",
        "<td>{% if entry.post %}",
        "links and a name that follow each other with no white space between them",
    ),
    ("community/post_form.html", "{% block title %}", TITLE),
    ("community/post_form.html", "{% block crumb %}", TITLE),
    ("community/search.html", "count counter=results.paginator.count", PLURAL),
    ("community/space_detail.html", "count counter=space.member_count", PLURAL),
    ("community/space_detail.html", "This space is closed:", MESSAGE),
    ("community/thread_detail.html", "with post=accepted ", INCLUDE),
    ("community/thread_detail.html", "with post=post ", INCLUDE),
    ("community/thread_moderate_form.html", "{% block title %}", TITLE),
    ("community/thread_moderate_form.html", "{% block crumb %}", TITLE),
    ("cooperation_day/admin/queue.html", "count counter=events.paginator.count", PLURAL),
    ("cooperation_day/components/event_finder.html", "with shown=events.paginator.count", PLURAL),
    ("cooperation_day/cooperation_day_landing_page.html", "counter=past.published_count", PLURAL),
    ("cooperation_day/cooperation_day_landing_page.html", "projects around your town", MESSAGE),
    ("cooperation_day/event_detail.html", "count counter=event.actual_participants", PLURAL),
    ("cooperation_day/components/sign_up.html", "count counter=sign_up.places_left", PLURAL),
    ("cooperation_day/event_form.html", "{% block title %}", TITLE),
    ("cooperation_day/event_form.html", "events take place between", MESSAGE),
    ("cooperation_day/event_form.html", "This event is published.", MESSAGE),
    ("cooperation_day/event_form.html", "Find the town or city, click the map", MESSAGE),
    ("cooperation_day/event_form.html", "Type its name, choose it with the arrow keys", MESSAGE),
    ("cooperation_day/event_form.html", "The pin is at {place}", MESSAGE),
    ("cooperation_day/event_form.html", "No town or city of that name is known", MESSAGE),
    ("cooperation_day/event_form.html", "Does the event take place on both sides", MESSAGE),
    ("cooperation_day/event_report.html", "Tell us how", MESSAGE),
    (
        "cooperation_day/my_events.html",
        "{% for value, label in reason_labels.items %}",
        "the label of the reason and the message follow each other inside one paragraph",
    ),
    (
        "cooperation_day/my_events.html",
        '{% if event.status == "draft" or',
        "one condition of four comparisons, which a tag cannot spread over lines",
    ),
    ("cooperation_day/participation.html", "Programmes tell the campaign team", MESSAGE),
    ("cooperation_day/participation.html", "count counter=item.expected_events", PLURAL),
    ("cooperation_day/participation.html", "Only approved staff of a programme", MESSAGE),
    ("cooperation_day/sign_up_cancel.html", "Cancel the place of {{ name }}", MESSAGE),
    ("cooperation_day/sign_up_confirm.html", "Thank you, {{ name }}", MESSAGE),
    ("cooperation_day/sign_up_confirm.html", "All places for", MESSAGE),
    ("cooperation_day/sign_up_confirm.html", "Sign up {{ name }} ({{ email }})", MESSAGE),
    ("cooperation_day/sign_up_sent.html", "We sent a link to {{ email }}", MESSAGE),
    ("cooperation_day/sign_up_sent.html", "Your place is only taken once you confirm", MESSAGE),
    ("core/search.html", "{% block title %}", TITLE),
    ("core/search.html", "Searches are limited to 200 characters", MESSAGE),
    ("core/search.html", "count counter=found", PLURAL),
    ("home/accessibility_statement_page.html", "is committed to making its website", MESSAGE),
    ("home/accessibility_statement_page.html", "This accessibility statement applies to", MESSAGE),
    ("home/accessibility_statement_page.html", "is fully compliant with EN 301 549", MESSAGE),
    ("home/accessibility_statement_page.html", "is partially compliant with EN", MESSAGE),
    ("home/accessibility_statement_page.html", "is not compliant with EN 301 549", MESSAGE),
    ("home/accessibility_statement_page.html", "This statement was prepared on", MESSAGE),
    ("home/accessibility_statement_page.html", "It was last reviewed on", MESSAGE),
    ("home/accessibility_statement_page.html", "carried out by a third party", MESSAGE),
    ("home/accessibility_statement_page.html", "a self-assessment done by", MESSAGE),
    ("home/accessibility_statement_page.html", "If you meet a barrier on this website", MESSAGE),
    ("home/home_page.html", "Nothing is scheduled right now.", MESSAGE),
    ("hub/events/programme_section.html", "count counter=total", PLURAL),
    ("slam/admin/vote_audit.html", "count counter=total", PLURAL),
    ("slam/application_form.html", "Save a draft at any time", MESSAGE),
    ("slam/closed.html", "{% block title %}", TITLE),
    ("slam/components/edition.html", "The final score counts the jury", MESSAGE),
    ("slam/components/video_card.html", "This video is hosted by another website", MESSAGE),
    ("slam/gallery.html", "{% block title %}", TITLE),
    ("slam/gallery.html", "Vote for the story that moves you most", MESSAGE),
    ("slam/gallery.html", "count counter=entries.paginator.count", PLURAL),
    ("slam/gallery.html", "count counter=entry.votes", PLURAL),
    ("slam/jury_queue.html", "The applications assigned to you.", MESSAGE),
    ("slam/jury_ranking.html", "Average of the jurors' weighted scores", MESSAGE),
    ("slam/results.html", "{% block title %}", TITLE),
    ("slam/results.html", "Final score: the jury counts for", MESSAGE),
    ("hub/near_me.html", "Interreg near {{ name }}", TITLE),
    ("hub/near_me.html", "Pick a place to see the Interreg programmes", MESSAGE),
    ("hub/near_me.html", "In the region {{ region }}", MESSAGE),
    ("hub/near_me.html", "This place lies outside the NUTS regions", MESSAGE),
    ("hub/near_me_events_section.html", "Cooperation Day events within", MESSAGE),
    ("hub/near_me_projects_section.html", "Projects with partners within", MESSAGE),
    ("academy/components/path_card.html", "required course{% plural %}", MESSAGE),
    ("academy/learning_path.html", "The path's credential is valid for", MESSAGE),
]


def long_lines():
    """(template, line number, line) for every line longer than LONGEST."""
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if len(line) > LONGEST:
                found.append((name, number, line))
    return found


def listed(name, line):
    return [entry for entry in LONG_LINES if entry[0] == name and entry[1] in line]


def test_no_template_line_is_longer_than_120_characters():
    too_long = [
        f"templates/{name}:{number} ({len(line)} characters)"
        for name, number, line in long_lines()
        if not listed(name, line)
    ]
    assert not too_long, (
        f"Template lines longer than {LONGEST} characters: break them where white space does "
        "not change the page.\n" + "\n".join(too_long)
    )


def test_every_listed_long_line_is_still_there_once():
    lines = long_lines()
    stale = []
    for entry in LONG_LINES:
        name, piece, _reason = entry
        matches = [number for line_name, number, line in lines if entry in listed(line_name, line)]
        if len(matches) != 1:
            stale.append(f"templates/{name} {piece!r}: {len(matches)} long lines match")
    assert not stale, "Update LONG_LINES:\n" + "\n".join(stale)


def test_each_fact_keeps_its_term_and_value_together():
    """`.facts` lays out one grid cell per fact: a term and its value outside a <div> of their
    own would land in separate cells, a value beside the next term."""
    loose = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for block in re.findall(r'<dl class="facts[^"]*">(.*?)</dl>', text, flags=re.S):
            if block.count("<dt") > block.count("<div"):
                loose.append(str(path.relative_to(TEMPLATES)))
    assert loose == []
