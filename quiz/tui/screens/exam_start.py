"""Opening mock exams: the home action, the resume offer, and ``quiz exam`` at start-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from quiz.exam import ExamError, ExamSession
from quiz.store import ExamLease
from quiz.tui.screens.exam_dialogs import ResumeChoice, ResumeExamDialog, confirm_resume_choice
from quiz.tui.screens.exam_report import ExamReportScreen
from quiz.tui.screens.exam_run import ExamScreen, open_new_exam
from quiz.tui.screens.exam_setup import ExamSetupScreen

if TYPE_CHECKING:
    from quiz.tui.app import QuizApp


def open_mock_exam(app: QuizApp) -> None:
    """Home's *Mock exam*: offer the unfinished exam if there is one, else the set-up screen."""
    if any(isinstance(screen, ExamScreen) for screen in app.screen_stack):
        app.notify("A mock exam is already open: finish or leave it first.", severity="warning")
        return
    offer_unfinished(app, otherwise=lambda: app.push_screen(ExamSetupScreen()))


def open_exam_at_start(app: QuizApp) -> None:
    """At start-up: offer an unfinished exam, then start the one ``quiz exam`` asked for."""
    request, app.exam_request = app.exam_request, None

    def start_requested() -> None:
        if request is not None:
            open_new_exam(app, request, app.push_screen)

    offer_unfinished(app, otherwise=start_requested)


def offer_unfinished(app: QuizApp, otherwise: Callable[[], object]) -> None:
    """Offer to resume, submit or discard the unfinished exam; ``otherwise`` runs when none is left.

    An exam whose time ran out while the app was away has been submitted at its
    deadline by loading it: its report is shown instead. An exam open in another window
    can only be taken over; whatever is chosen, this window claims the exam first.
    """
    found: list[ExamSession | None] = []
    try:
        if not app.store_call(app.study.unfinished_exam, found.append):
            return  # the database's problem is on screen
    except ExamError as error:
        app.notify(f"{error}; open quiz with the same banks to resume it.", severity="warning")
        otherwise()
        return
    session = found[0]
    if session is None:
        otherwise()
        return
    if session.finished:
        app.notify(
            "Your mock exam ran out of time while you were away and was submitted.",
            title="Mock exam",
            timeout=8,
        )
        app.push_screen(ExamReportScreen(session))
        return

    def offer() -> None:
        elsewhere: list[ExamLease | None] = []
        if app.store_call(session.open_elsewhere, elsewhere.append):
            seen_ago = app.now() - elsewhere[0].heartbeat if elsewhere[0] else None
            app.push_screen(ResumeExamDialog(session, seen_ago), chosen)

    def chosen(choice: ResumeChoice | None) -> None:
        if choice in ("resume", "take_over"):
            claim_then(choice, take_over=choice == "take_over")
        elif choice is not None:  # submit or discard: asked once more, back to the offer
            app.push_screen(
                confirm_resume_choice(session, choice),
                lambda sure: claim_then(choice) if sure else offer(),
            )

    def claim_then(choice: ResumeChoice, take_over: bool = False) -> None:
        def claimed(ok: bool) -> None:
            if ok:
                carry_out(choice)
            else:  # another window opened it since the offer (or finished it)
                reason = session.lost or "the exam is open in another window"
                app.notify(reason[0].upper() + reason[1:] + ".", title="Mock exam", timeout=8)

        app.store_call(lambda: session.claim(take_over), claimed)

    def carry_out(choice: ResumeChoice) -> None:
        if choice in ("resume", "take_over"):  # a paused exam goes on: Resume means carry on
            app.store_call(session.resume, lambda _: app.push_screen(ExamScreen(session)))
        elif choice == "submit":
            app.store_call(session.submit, lambda _: app.push_screen(ExamReportScreen(session)))
        else:

            def discarded(_: object) -> None:
                app.notify("Unfinished exam discarded.", title="Mock exam", timeout=4)
                otherwise()

            app.store_call(session.discard, discarded)

    offer()
