"""The API's error answers: {"error", "message", "field"} for every refusal."""

from __future__ import annotations

from flask import jsonify
from werkzeug.exceptions import HTTPException

from workbench.errors import WorkbenchError


def error_response(error: WorkbenchError):
    response = jsonify(error.to_dict())
    response.status_code = error.status_code
    return response


def http_error_response(error: HTTPException):
    messages: dict[int | None, str] = {
        404: "No such resource.",
        405: "This method is not allowed here.",
        413: "The request body is too large.",
    }
    response = jsonify(
        {
            "error": error.name.replace(" ", ""),
            "message": messages.get(error.code, error.description),
        }
    )
    response.status_code = error.code or 500
    return response
