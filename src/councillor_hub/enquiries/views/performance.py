"""Performance reporting for the member support team, service managers and directors: the
figures with accessible charts, a printable committee summary and CSV / XLSX exports."""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views import View
from django.views.generic import TemplateView

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.casework.views.overview import chart

from ..forms.performance import PerformanceFilterForm
from ..permissions import can_view_performance
from ..selectors.performance import PerformanceReport, recent_performance_report

# Tables that grow with the council (wards, members, categories, overdue enquiries), shown on
# screen up to SCREEN_ROWS rows.
LONG_TABLES = frozenset({"service", "category", "ward", "member", "overdue-service", "overdue"})
SCREEN_ROWS = 20
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PerformanceOnlyMixin(LoginRequiredMixin):
    """Only people who may see performance figures; others get 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_view_performance(request.user):
            raise Http404("No access to performance")
        return super().dispatch(request, *args, **kwargs)

    def report(self) -> tuple[PerformanceFilterForm, PerformanceReport]:
        form = PerformanceFilterForm(self.request.GET)
        return form, recent_performance_report(filters=form.filters())


def range_label(report: PerformanceReport) -> str:
    start, end = report.date_from, report.date_to
    if start and end:
        return f"received from {start:%-d %B %Y} to {end:%-d %B %Y}"
    if start:
        return f"received from {start:%-d %B %Y}"
    if end:
        return f"received up to {end:%-d %B %Y}"
    return "all enquiries received"


class PerformanceView(PerformanceOnlyMixin, TemplateView):
    """How enquiries are being answered: volumes, timeliness, satisfaction and what is overdue."""

    def get_template_names(self):
        if self.request.GET.get("print") == "1":
            return ["enquiries/performance/print.html"]
        return ["enquiries/performance/report.html"]

    def drawn_tables(self, report: PerformanceReport) -> list:
        """The report's tables as the page shows them, each with its chart."""
        tables = report.tables()
        on_screen = self.request.GET.get("print") != "1"
        for table in tables:
            table.row_count = len(table.rows)
            if on_screen and table.slug in LONG_TABLES and table.row_count > SCREEN_ROWS:
                # A large council has hundreds of wards and members: the page shows the
                # busiest and the downloads (and printable summary) have every row.
                table.rows = table.rows[:SCREEN_ROWS]
                if table.figures:
                    table.figures = table.figures[:SCREEN_ROWS]
            table.chart = chart(table.figures) if table.figures else None
        return tables

    def get_context_data(self, **kwargs):
        form, report = self.report()
        # Worked out only if the page body is drawn: when it comes from the fragment cache
        # (report.html), the tables and charts are not needed at all.
        tables = SimpleLazyObject(lambda: self.drawn_tables(report))
        query = self.request.GET.copy()
        query.pop("print", None)
        query.pop("page", None)
        return super().get_context_data(
            form=form,
            report=report,
            key_table=SimpleLazyObject(lambda: tables[0]),
            tables=SimpleLazyObject(lambda: tables[1:]),
            range_label=range_label(report),
            query=query.urlencode(),
            generated_at=timezone.localtime(report.generated_at),
            cache_minutes=max(settings.ENQUIRY_PERFORMANCE_CACHE_SECONDS, 0) // 60,
            cache_seconds=max(settings.ENQUIRY_PERFORMANCE_CACHE_SECONDS, 0),
            # The drawn page is kept with the counted report it shows, for the exact address
            # asked (the same filters, and the same messages for any bad value).
            fragment_key=f"{report.generated_at.isoformat()}:{self.request.get_full_path()}",
            **kwargs,
        )


def _safe(value):
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _rows(table) -> list[list]:
    return [[_safe(value) for value in row] for row in table.rows]


def _csv(report: PerformanceReport) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Enquiries performance", range_label(report)])
    writer.writerow([])
    for table in report.tables():
        writer.writerow([table.title])
        writer.writerow(table.columns)
        writer.writerows(_rows(table))
        writer.writerow([])
    # A byte-order mark so spreadsheet programs read the names as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join(c for c in title if c not in "[]:*?/\\")[:31]
    base, n = name, 2
    while name in used:
        suffix = f" {n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


def _xlsx(report: PerformanceReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in report.tables():
        sheet = workbook.create_sheet(_sheet_name(table.title, used))
        sheet.append([table.title, range_label(report)])
        sheet.append(table.columns)
        for cell in sheet[1] + sheet[2]:
            cell.font = Font(bold=True)
        for row in _rows(table):
            sheet.append(row)
        sheet.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class PerformanceExportView(PerformanceOnlyMixin, View):
    """The performance tables as CSV (one section per table) or XLSX (one sheet per table)."""

    def get(self, request, fmt: str):
        if fmt not in ("csv", "xlsx"):
            raise Http404("Unknown format")
        _form, report = self.report()
        stamp = timezone.localdate().isoformat()
        if fmt == "csv":
            response = HttpResponse(_csv(report), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(_xlsx(report), content_type=XLSX_TYPE)
        audit_record(
            actor=request.user,
            action=Action.DOWNLOAD,
            object_type="enquiries.performance",
            label=f"Performance report ({fmt.upper()})",
            request=request,
        )
        filename = f"enquiries-performance-{stamp}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
