"""The organisation's roles and the groups that hold them.

- Editors (Biên tập viên) write pages and keep the lists they depend on: organisations, campaign
  kinds, the library's topics, audiences and collections.
- Moderators (Kiểm duyệt viên) do the same, approve and publish, and keep the areas.
- Event managers (Ban tổ chức sự kiện) handle registrations: they alone see personal data.

Each app grants the permissions on its own models in a data migration, with ``grant``; code finds
a role's group with ``group(key)``. The helpers taking ``apps`` work on migration states.
"""

from django.contrib.auth.models import Group

EDITORS = "editors"
MODERATORS = "moderators"
EVENT_MANAGERS = "event_managers"

NAMES = {
    EDITORS: "Biên tập viên",
    MODERATORS: "Kiểm duyệt viên",
    EVENT_MANAGERS: "Ban tổ chức sự kiện",
}
# The names Wagtail and earlier versions of the portal gave the groups.
FORMER_NAMES = {EDITORS: ["Editors"], MODERATORS: ["Moderators"], EVENT_MANAGERS: ["Event managers"]}

VOCABULARY_ACTIONS = ("add", "change", "delete", "view")


def group(key):
    return Group.objects.get(role__key=key)


def ensure_role(apps, key):
    """The role's group: found by key, else by a former name (renamed), else created."""
    Group = apps.get_model("auth", "Group")
    Role = apps.get_model("home", "Role")
    role = Role.objects.filter(key=key).select_related("group").first()
    if role is not None:
        return role.group
    group = Group.objects.filter(name__in=[NAMES[key], *FORMER_NAMES[key]]).order_by("pk").first()
    if group is None:
        group = Group.objects.create(name=NAMES[key])
    elif group.name != NAMES[key]:
        group.name = NAMES[key]
        group.save(update_fields=["name"])
    Role.objects.create(key=key, group=group)
    return group


def drop_role(apps, key):
    """Undo ``ensure_role``: the group takes back its former (Wagtail) name and loses its key."""
    Role = apps.get_model("home", "Role")
    role = Role.objects.filter(key=key).select_related("group").first()
    if role is not None:
        role.group.name = FORMER_NAMES[key][0]
        role.group.save(update_fields=["name"])
        role.delete()


def create_permissions(apps):
    """Permissions are normally made after all migrations; grants need them now."""
    from django.contrib.auth.management import create_permissions as create

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, key, app_label, model, actions=VOCABULARY_ACTIONS):
    Permission = apps.get_model("auth", "Permission")
    create_permissions(apps)
    group = ensure_role(apps, key)
    codenames = [f"{action}_{model}" for action in actions]
    group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def revoke(apps, key, app_label, model, actions=VOCABULARY_ACTIONS):
    # Through the join table by ids: when migrating backwards, the group reached from a role may
    # come from another rendering of the migration state than ``Permission``, and remove() refuses it.
    grants = apps.get_model("auth", "Group").permissions.through.objects
    codenames = [f"{action}_{model}" for action in actions]
    grants.filter(
        group__role__key=key, permission__content_type__app_label=app_label, permission__codename__in=codenames
    ).delete()
