# Organisation moved to the network app: the relations follow it (same ids, see network 0002).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('network', '0002_copy_organisations'),
        ('resources', '0002_vocabulary'),
    ]

    # campaigns.Organisation can only go once nothing points at it.
    run_before = [('campaigns', '0005_delete_organisation')]

    operations = [
        migrations.AlterField(
            model_name='resourcepage',
            name='author_organisation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='authored_resources', to='network.organisation', verbose_name='author organisation'),
        ),
        migrations.AlterField(
            model_name='resourcepage',
            name='publisher',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='published_resources', to='network.organisation', verbose_name='publisher'),
        ),
    ]
