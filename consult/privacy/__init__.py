"""RODO self-service (see, export, erase one's data) and the retention of submitters' data."""
