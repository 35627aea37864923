from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "councillor_hub.directory"
    label = "directory"

    def ready(self):
        # The history of changes, for content managers (core/content.py).
        from councillor_hub.core.content import register

        register("officer", "directory.Officer", label="Officer")
        register("unit", "directory.OrgUnit", label="Directorate, service or team")
        register("topic", "directory.Topic", label="Who handles what")
        register(
            "out-of-hours-contact", "directory.OutOfHoursContact", label="Out-of-hours contact"
        )
        register(
            "emergency-arrangement",
            "directory.EmergencyArrangement",
            label="Emergency arrangements section",
        )
