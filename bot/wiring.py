"""The rules of the bot. Services take and return plain values, never Telegram objects."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from bot.accounts.service.approvals import Approvals
from bot.accounts.service.profile import Profile
from bot.accounts.service.registration import Registration
from bot.broadcasts.service.history import Broadcasts
from bot.clock import Clock
from bot.competitions.service.cluster_form import ClusterForm
from bot.competitions.service.competitions import Competitions
from bot.competitions.service.draft import SubmissionDraft
from bot.competitions.service.form import CompetitionForm
from bot.competitions.service.results import Results
from bot.competitions.service.reviews import Reviews
from bot.competitions.service.submissions import Submissions
from bot.config import Config
from bot.core import flows
from bot.core.people import People
from bot.core.places.search import Directory
from bot.db import Database
from bot.delivery.outbox import Outbox
from bot.seminars.service.attendance import Attendance
from bot.seminars.service.form import SeminarForm
from bot.seminars.service.reports import SeminarReports
from bot.seminars.service.rsvp import Rsvp, withdraw
from bot.seminars.service.seminars import Seminars
from bot.status.service import Status


@dataclass
class Services:
    config: Config
    db: Database
    clock: Clock
    outbox: Outbox
    directory: Directory
    people: People
    registration: Registration
    profile: Profile
    approvals: Approvals
    broadcasts: Broadcasts
    seminars: Seminars
    rsvp: Rsvp
    attendance: Attendance
    seminar_form: SeminarForm
    seminar_reports: SeminarReports
    competitions: Competitions
    competition_form: CompetitionForm
    cluster_form: ClusterForm
    submissions: Submissions
    reviews: Reviews
    results: Results
    status: Status
    submission_draft: SubmissionDraft

    async def current_flow(self, telegram_id: int) -> flows.Flow | None:
        return await flows.get(self.db, telegram_id)

    async def leave_flow(self, telegram_id: int) -> bool:
        """/cancel: whatever flow is open is dropped; saved profiles are not touched."""
        return await flows.clear(self.db, telegram_id)

    @classmethod
    def build(cls, config: Config, db: Database, clock: Clock) -> Services:
        outbox = Outbox(db, clock)
        people = People(db, config, clock, outbox)
        registration = Registration(db, clock, outbox, people)
        seminars = Seminars(outbox, people)
        people.on_erase.append(partial(withdraw, outbox))
        competitions = Competitions(outbox, people)
        approvals = Approvals(db, outbox, people, seminars)
        approvals.on_approve.append(competitions.welcome)
        reviews = Reviews(competitions)
        submissions = Submissions(competitions)
        results = Results(reviews)
        rsvp = Rsvp(outbox, people)
        return cls(
            config=config,
            db=db,
            clock=clock,
            outbox=outbox,
            directory=Directory(db),
            people=people,
            registration=registration,
            profile=Profile(db, clock, registration),
            approvals=approvals,
            broadcasts=Broadcasts(outbox, people),
            seminars=seminars,
            rsvp=rsvp,
            attendance=Attendance(outbox, people, seminars),
            seminar_form=SeminarForm(seminars),
            seminar_reports=SeminarReports(seminars),
            competitions=competitions,
            competition_form=CompetitionForm(competitions),
            cluster_form=ClusterForm(people, Directory(db)),
            submissions=submissions,
            reviews=reviews,
            results=results,
            status=Status(people, rsvp, submissions, results, approvals, seminars),
            submission_draft=SubmissionDraft(submissions),
        )
