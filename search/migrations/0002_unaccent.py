from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """PostgreSQL folds accents with unaccent; the operation does nothing on SQLite."""

    dependencies = [("search", "0001_initial")]

    operations = [UnaccentExtension()]
