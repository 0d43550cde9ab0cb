"""Every feature's services, built once and wired together: the one place that knows them all.

Services take and return plain values, never Telegram objects. Features meet only here (the
hooks below) and through core and delivery; each feature's refusal wordings are registered
here too, so a refusal reads the same from the bot, the command line and the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from bot.accounts.pushes import KINDS as ACCOUNT_KINDS
from bot.accounts.pushes import AccountPushes
from bot.accounts.service.accounts import Accounts
from bot.accounts.service.approvals import Approvals
from bot.accounts.service.membership import Membership
from bot.accounts.service.profile import Profile
from bot.accounts.service.registration import Registration
from bot.accounts.service.retention import Retention
from bot.accounts.views import errors as account_wordings
from bot.accounts.views import staff as staff_wordings
from bot.broadcasts.pushes import KINDS as BROADCAST_KINDS
from bot.broadcasts.pushes import BroadcastPushes
from bot.broadcasts.service.history import Broadcasts
from bot.broadcasts.service.wizard import BroadcastWizard
from bot.clock import Clock
from bot.competitions.pushes.kind import KINDS as COMPETITION_KINDS
from bot.competitions.pushes.kind import CompetitionPushes
from bot.competitions.service import personal as competition_data
from bot.competitions.service.cluster_form import ClusterForm
from bot.competitions.service.competitions import Competitions
from bot.competitions.service.draft import SubmissionDraft
from bot.competitions.service.form import CompetitionForm
from bot.competitions.service.panel import Panel
from bot.competitions.service.panel_review import Scoring
from bot.competitions.service.results import Results
from bot.competitions.service.reviews import Reviews
from bot.competitions.service.submissions import Submissions
from bot.competitions.views import errors as competition_wordings
from bot.config import Config
from bot.console.auth import views as console_wordings
from bot.console.auth.service import ConsoleAuth
from bot.core import flows, refusals
from bot.core.audit import AuditLog
from bot.core.people import People
from bot.core.places.search import Directory
from bot.core.programmes import views as programme_wordings
from bot.core.programmes.pushes import Labelled
from bot.core.programmes.service import Programmes
from bot.core.reminders import errors as reminder_wordings
from bot.coverage.service.coverage import Coverage
from bot.coverage.views import errors as coverage_wordings
from bot.db import Database
from bot.delivery.kinds import Kinds
from bot.delivery.outbox import Outbox
from bot.grants.pushes import KINDS as GRANT_KINDS
from bot.grants.pushes import GrantPushes
from bot.grants.service.projects import Grants
from bot.grants.service.reporting import GrantReports
from bot.grants.service.requests import Requests as GrantRequests
from bot.grants.views import errors as grant_wordings
from bot.polls.pushes import KINDS as POLL_KINDS
from bot.polls.pushes import PollPushes
from bot.polls.service import personal as poll_data
from bot.polls.service.answers import PollAnswers
from bot.polls.service.compose import PollComposer
from bot.polls.service.results import PollResults
from bot.polls.views import errors as poll_wordings
from bot.press.service import PressReleases
from bot.press.views import errors as press_wordings
from bot.questions.service.answers import Questions
from bot.questions.service.faq import Faq
from bot.questions.views import errors as question_wordings
from bot.reports.service import DonorReports
from bot.seminars.pushes.certificate import KINDS as CERTIFICATE_KINDS
from bot.seminars.pushes.certificate import CertificatePushes
from bot.seminars.pushes.kind import KINDS as SEMINAR_KINDS
from bot.seminars.pushes.kind import SeminarPushes
from bot.seminars.service import personal as seminar_data
from bot.seminars.service.attendance import Attendance
from bot.seminars.service.certificates import Certificates
from bot.seminars.service.certificates import forget as forget_certificates
from bot.seminars.service.files import SeminarFiles
from bot.seminars.service.form import SeminarForm
from bot.seminars.service.organisers import Organisers as SeminarOrganisers
from bot.seminars.service.quotes import Quotes
from bot.seminars.service.reports import SeminarReports
from bot.seminars.service.rsvp import Rsvp
from bot.seminars.service.seminars import Seminars
from bot.seminars.service.walkins import Walkins
from bot.seminars.views import certificates as certificate_wordings
from bot.seminars.views import errors as seminar_wordings
from bot.status.service import Status

for _wordings in (
    programme_wordings,
    reminder_wordings,
    account_wordings,
    staff_wordings,
    seminar_wordings,
    certificate_wordings,
    competition_wordings,
    question_wordings,
    coverage_wordings,
    grant_wordings,
    console_wordings,
    press_wordings,
    poll_wordings,
):
    refusals.register(_wordings.WORDINGS)


@dataclass
class Services:
    config: Config
    db: Database
    clock: Clock
    outbox: Outbox
    kinds: Kinds
    directory: Directory
    people: People
    programmes: Programmes
    accounts: Accounts
    registration: Registration
    profile: Profile
    approvals: Approvals
    membership: Membership
    broadcasts: Broadcasts
    broadcast_wizard: BroadcastWizard
    seminars: Seminars
    rsvp: Rsvp
    attendance: Attendance
    quotes: Quotes
    seminar_files: SeminarFiles
    seminar_organisers: SeminarOrganisers
    walkins: Walkins
    seminar_pushes: SeminarPushes
    seminar_form: SeminarForm
    seminar_reports: SeminarReports
    donor_reports: DonorReports
    competitions: Competitions
    competition_form: CompetitionForm
    cluster_form: ClusterForm
    submissions: Submissions
    reviews: Reviews
    results: Results
    panel: Panel
    scoring: Scoring
    status: Status
    submission_draft: SubmissionDraft
    retention: Retention
    faq: Faq
    questions: Questions
    audit: AuditLog
    coverage: Coverage
    console_auth: ConsoleAuth
    certificates: Certificates
    grants: Grants
    grant_reports: GrantReports
    grant_requests: GrantRequests
    press: PressReleases
    poll_wizard: PollComposer
    poll_answers: PollAnswers
    poll_results: PollResults

    async def current_flow(self, telegram_id: int) -> flows.Flow | None:
        return await flows.get(self.db, telegram_id)

    async def leave_flow(self, telegram_id: int) -> bool:
        """/cancel: whatever flow is open is dropped; saved profiles are not touched."""
        return await flows.clear(self.db, telegram_id)

    @classmethod
    def build(cls, config: Config, db: Database, clock: Clock) -> Services:
        outbox = Outbox(db, clock)
        people = People(db, config, clock, outbox)
        programmes = Programmes(db, people)
        accounts = Accounts(people)
        registration = Registration(db, clock, outbox, people)
        seminars = Seminars(outbox, people)
        competitions = Competitions(outbox, people)
        broadcasts = Broadcasts(outbox, people)
        _erasure(accounts, outbox, broadcasts, config)
        retention = Retention(db, clock, config.retention_days)
        retention.on_prune.append(broadcasts.keep_pruned)
        approvals = Approvals(db, outbox, people)
        approvals.on_approve += [seminars.welcome, competitions.welcome]
        membership = Membership(approvals)
        membership.on_deactivate.append(partial(seminar_data.leave, outbox, config))
        reviews = Reviews(competitions)
        submissions = Submissions(competitions)
        results = Results(reviews)
        scoring = Scoring(reviews)
        rsvp = Rsvp(outbox, people)
        attendance = Attendance(outbox, people, seminars)
        seminar_pushes = SeminarPushes(db)
        faq = Faq(db, people)
        seminar_reports = SeminarReports(seminars)
        poll_results = PollResults(outbox, people)
        donor_reports = DonorReports(seminar_reports, people, programmes, poll_results)
        console_auth = ConsoleAuth(db, config, clock, people)
        accounts.on_demote.append(console_auth.end_sessions_of)
        accounts.on_erase.append(console_auth.forget)
        certificates = Certificates(seminars)
        kinds = _kinds(db, programmes, seminar_pushes)
        drawn = CertificatePushes(certificates, config.default_lang, config.tz)
        kinds.register(CERTIFICATE_KINDS, Labelled(drawn, programmes, db))
        grants = Grants(db, clock, outbox, people, results)
        kinds.register(GRANT_KINDS, Labelled(GrantPushes(db), programmes, db))
        kinds.register(POLL_KINDS, Labelled(PollPushes(db, poll_results), programmes, db))
        return cls(
            config=config,
            db=db,
            clock=clock,
            outbox=outbox,
            kinds=kinds,
            directory=Directory(db),
            people=people,
            programmes=programmes,
            accounts=accounts,
            registration=registration,
            profile=Profile(db, clock, registration),
            approvals=approvals,
            membership=membership,
            broadcasts=broadcasts,
            broadcast_wizard=BroadcastWizard(outbox, people),
            seminars=seminars,
            rsvp=rsvp,
            attendance=attendance,
            quotes=Quotes(attendance),
            seminar_files=SeminarFiles(seminars),
            seminar_organisers=SeminarOrganisers(seminars),
            walkins=Walkins(attendance),
            seminar_pushes=seminar_pushes,
            seminar_form=SeminarForm(seminars),
            seminar_reports=seminar_reports,
            donor_reports=donor_reports,
            competitions=competitions,
            competition_form=CompetitionForm(competitions),
            cluster_form=ClusterForm(people, Directory(db)),
            submissions=submissions,
            reviews=reviews,
            results=results,
            panel=Panel(reviews),
            scoring=scoring,
            status=Status(people, rsvp, submissions, results, approvals, seminars, grants, scoring),
            submission_draft=SubmissionDraft(submissions),
            retention=retention,
            faq=faq,
            questions=Questions(people, rsvp, seminars, submissions, faq),
            audit=AuditLog(people),
            coverage=Coverage(db, people, seminars, competitions),
            console_auth=console_auth,
            certificates=certificates,
            grants=grants,
            grant_reports=GrantReports(grants),
            grant_requests=GrantRequests(db, clock, outbox, config.zone),
            press=PressReleases(donor_reports, seminar_reports, results, programmes),
            poll_wizard=PollComposer(outbox, people),
            poll_answers=PollAnswers(outbox),
            poll_results=poll_results,
        )


def _erasure(accounts: Accounts, outbox: Outbox, broadcasts: Broadcasts, config: Config) -> None:
    """What each feature forgets of an erased person, and adds to a person's copy of their
    data: seminar places and comments; files, senders and audit actors; progress cards."""
    db = outbox.db
    accounts.on_erase += [
        partial(seminar_data.forget, outbox, config),
        partial(competition_data.forget, db, config.media_dir),
        broadcasts.forget,
        partial(forget_certificates, db),
        partial(poll_data.forget, db),
    ]
    accounts.on_export += [partial(seminar_data.export, db), partial(competition_data.export, db),
                           partial(poll_data.export, db)]  # fmt: skip


def _kinds(db: Database, programmes: Programmes, seminar_pushes: SeminarPushes) -> Kinds:
    """Each feature tells the dispatcher how its rows are checked and rendered at send time;
    every row is labelled with its programme when there are several."""
    kinds = Kinds()
    kinds.register(ACCOUNT_KINDS, Labelled(AccountPushes(db), programmes, db))
    kinds.register(BROADCAST_KINDS, Labelled(BroadcastPushes(db), programmes, db))
    kinds.register(SEMINAR_KINDS, Labelled(seminar_pushes, programmes, db))
    kinds.register(COMPETITION_KINDS, Labelled(CompetitionPushes(db), programmes, db))
    return kinds
