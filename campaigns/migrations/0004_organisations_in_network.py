# Organisation moved to the network app: the relations follow it (same ids, see network 0002).

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0003_campaign_details_and_stories'),
        ('network', '0002_copy_organisations'),
    ]

    operations = [
        migrations.AlterField(
            model_name='campaignactivity',
            name='lead_organisation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='led_activities', to='network.organisation', verbose_name='lead organisation'),
        ),
        migrations.AlterField(
            model_name='campaignactivity',
            name='coordinating_organisations',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='coordinated_activities', to='network.organisation', verbose_name='coordinating organisations'),
        ),
        migrations.AlterField(
            model_name='campaignpage',
            name='coordinating_organisations',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='coordinated_campaigns', to='network.organisation', verbose_name='coordinating organisations'),
        ),
        migrations.AlterField(
            model_name='campaignpage',
            name='lead_organisations',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='The bodies that issue and lead the plan; they head the printed plan.', related_name='led_campaigns', to='network.organisation', verbose_name='lead organisations'),
        ),
    ]
