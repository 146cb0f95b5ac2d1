from collections import Counter

from reportlint.reporting import Reporter


class CountsReporter(Reporter):
    """One line per file: its path and how many findings of each code."""

    name = "counts"
    description = "finding counts per file"

    def report(self, results):
        for result in results:
            counts = Counter(finding.code for finding in result.findings)
            summary = " ".join(f"{code}={count}" for code, count in sorted(counts.items()))
            self.stream.write(f"{result.path}\t{result.error or summary}\n")
