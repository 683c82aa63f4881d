"""The version stamp of what anonymous pages show, bumped by the database on every change."""
