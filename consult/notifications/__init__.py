"""Mail to residents who asked for it: the confirmation of a comment and the answer in the report."""
