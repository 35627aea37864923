"""A fictional council for demonstrations: word lists, case text templates, the fixed demo
logins and the builder behind `manage.py demo_data`. Nothing here names a real person."""
