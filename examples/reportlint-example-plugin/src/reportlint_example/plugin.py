from reportlint.plugin_api import hookimpl


@hookimpl
def reportlint_rules():
    from reportlint_example.overview_too_long import OverviewTooLong

    return [OverviewTooLong]


@hookimpl
def reportlint_reporters():
    from reportlint_example.counts import CountsReporter

    return {CountsReporter.name: CountsReporter}


@hookimpl
def reportlint_cross_rules():  # rules that compare a report with the same agency's last year
    from reportlint_example.applications_halved import ApplicationsHalved

    return [ApplicationsHalved]
