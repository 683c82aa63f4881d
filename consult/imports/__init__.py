"""Import a draft from the office's own files, with versions, a diff and comments kept across versions."""
