from __future__ import annotations

import json

from reportlint.findings import FileResult
from reportlint.reporting import Reporter

JSON_FORMAT_VERSION = 1


class JsonReporter(Reporter):
    """``{"version": 1, "files": [{"path", "template", "year", "agency", "agency_kind", "error",
    "findings": [...]}]}``; the agency as printed in the report, its plausible kinds (a list);
    ``pairing`` and ``previous`` too when several reports were checked together."""

    name = "json"
    description = "JSON for other programs"

    def start(self) -> None:
        self.stream.write(f'{{\n  "version": {JSON_FORMAT_VERSION},\n  "files": [')
        self._count = 0

    def file(self, result: FileResult) -> None:
        entry = {
            "path": result.path,
            "template": result.metadata.get("template"),
            "year": result.metadata.get("year"),
            "agency": result.metadata.get("agency"),
            "agency_kind": result.metadata.get("agency_kind"),
            # Set when several reports were checked together: how this one was paired, and with what.
            **({"pairing": result.metadata["pairing"], "previous": result.metadata.get("previous")}
               if "pairing" in result.metadata else {}),
            "error": result.error,
            "findings": [finding.to_dict(self.lang) for finding in result.findings],
        }
        if result.suppressed:  # only with --baseline: the findings it left out
            entry["suppressed"] = result.suppressed
        text = json.dumps(entry, ensure_ascii=False, indent=2, default=str).replace("\n", "\n    ")
        self.stream.write(("," if self._count else "") + "\n    " + text)
        self._count += 1

    def finish(self) -> None:
        self.stream.write("\n  ]\n}\n" if self._count else "]\n}\n")
