"""Risk criteria: the rule language and its evaluation. Pure, no I/O."""
