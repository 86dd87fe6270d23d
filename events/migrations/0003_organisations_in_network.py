# Organisation moved to the network app: the relations follow it (same ids, see network 0002).

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0002_event_managers_group'),
        ('network', '0002_copy_organisations'),
    ]

    # campaigns.Organisation can only go once nothing points at it.
    run_before = [('campaigns', '0005_delete_organisation')]

    operations = [
        migrations.AlterField(
            model_name='eventpage',
            name='organisers',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='organised_events', to='network.organisation', verbose_name='organisers'),
        ),
        migrations.AlterField(
            model_name='eventquota',
            name='organisation_kind',
            field=models.CharField(blank=True, choices=[('government', 'Government agency'), ('association', 'Study Promotion Association branch'), ('school', 'School or education centre'), ('learning_centre', 'Community learning centre'), ('business', 'Business'), ('community', 'Community'), ('armed_forces', 'Armed forces unit'), ('other', 'Other')], help_text='Empty: every kind of organisation.', max_length=20, verbose_name='kind of organisation'),
        ),
        migrations.AlterField(
            model_name='registration',
            name='organisation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='event_registrations', to='network.organisation', verbose_name='organisation'),
        ),
    ]
