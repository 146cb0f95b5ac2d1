from reportlint.plugin_api import hookimpl


@hookimpl
def reportlint_rules():
    from reportlint_example.overview_too_long import OverviewTooLong

    return [OverviewTooLong]


@hookimpl
def reportlint_reporters():
    from reportlint_example.counts import CountsReporter

    return {CountsReporter.name: CountsReporter}
