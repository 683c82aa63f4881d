"""The consultation report: one model, every format, published once per version and kept."""
