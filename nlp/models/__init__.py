"""Data files of the shipped models (see NOTICE.txt); nothing to import."""
