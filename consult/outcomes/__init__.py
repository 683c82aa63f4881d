"""What became of a comment: the office's published answer, the lookup by reference, the draft changes it led to."""
