from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from . import admin_patches, invalidation, pagecache

        admin_patches.apply()
        pagecache.connect()
        invalidation.connect()
