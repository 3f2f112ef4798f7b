"""Information exchange between agencies: cases, coded messages, receipts and
deadlines, attachments, search, and the flows that start from hits."""
