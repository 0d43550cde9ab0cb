"""The competition pages' addresses. Ids in them are whole numbers; anything else, `..` included,
matches no route and is not found."""

from __future__ import annotations

from aiohttp import web

from bot.console.web.competitions import files, listing, results, review, submission

COMPETITION = "/console/competitions/{cid:\\d+}"
SUBMISSION = "/console/submissions/{sid:\\d+}"


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/console/competitions", listing.competitions)
    router.add_get(COMPETITION, listing.submissions)
    router.add_get(COMPETITION + ".xlsx", listing.spreadsheet)
    router.add_get(COMPETITION + ".zip", listing.archive)
    router.add_get(COMPETITION + "/results", results.board)
    router.add_post(COMPETITION + "/publish", results.publish)
    router.add_get(SUBMISSION, submission.get)
    router.add_get(SUBMISSION + "/files/{fid:\\d+}", files.get)
    router.add_post(SUBMISSION + "/status", review.move)
    router.add_post(SUBMISSION + "/revision", review.revise)
    router.add_post(SUBMISSION + "/score", review.score)
    router.add_post(SUBMISSION + "/result", review.result)
    router.add_post(SUBMISSION + "/condition", review.settle)
