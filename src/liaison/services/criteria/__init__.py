"""Risk criteria as a use case: named lists, the rule life cycle with
four-eyes approval, back-testing, rule hits in screening and the
effectiveness report. The rule language itself is :mod:`liaison.criteria`."""
