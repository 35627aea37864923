from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def private_file_response(*, file: FieldFile, filename: str, content_type: str) -> FileResponse:
    """Send a stored personal-data file as a download. Callers check permission first and
    audit the download. The browser is told not to sniff, render or keep it."""
    try:
        handle = file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("File missing") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response
