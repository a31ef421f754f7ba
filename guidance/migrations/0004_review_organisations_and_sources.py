"""Organisations and sources become publishable, with revisions for changes to published ones.

Every existing organisation and source was public until now, so each becomes published,
dated from its creation, at version 1; their history rows are given the same status so
that no history diff shows a status change nobody made. The unique name (organisation)
and URL (source) hold among published and draft rows, not revisions, which repeat them.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import F

REVISABLE = ("Organisation", "Source")


def publish_existing(apps, schema_editor):
    for name in REVISABLE:
        for model_name in (name, f"Historical{name}"):
            apps.get_model("guidance", model_name).objects.update(
                status="published", published_at=F("created_at")
            )


class Migration(migrations.Migration):

    dependencies = [
        ('guidance', '0003_search_vectors'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='organisation',
            name='organisation_unique_country_name',
        ),
        migrations.RemoveConstraint(
            model_name='source',
            name='source_unique_url',
        ),
        migrations.AddField(
            model_name='historicalorganisation',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='Set when an editor publishes; shown to readers as the publication date.', null=True, verbose_name='published at'),
        ),
        migrations.AddField(
            model_name='historicalorganisation',
            name='review_comment',
            field=models.TextField(blank=True, help_text='Why an editor returned it to draft, and what to change.', verbose_name="reviewer's comment"),
        ),
        migrations.AddField(
            model_name='historicalorganisation',
            name='reviewed_by',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='The editor who last reviewed and published it.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='published by'),
        ),
        migrations.AddField(
            model_name='historicalorganisation',
            name='revision_of',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text='The published row this change will be copied onto when it is published.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='guidance.organisation', verbose_name='proposed change of'),
        ),
        migrations.AddField(
            model_name='historicalorganisation',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('published', 'Published')], db_index=True, default='draft', help_text='Only published content is shown on the public site and in the API.', max_length=16, verbose_name='status'),
        ),
        migrations.AddField(
            model_name='historicalorganisation',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, help_text='Goes up by one with every save.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='historicalsource',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='Set when an editor publishes; shown to readers as the publication date.', null=True, verbose_name='published at'),
        ),
        migrations.AddField(
            model_name='historicalsource',
            name='review_comment',
            field=models.TextField(blank=True, help_text='Why an editor returned it to draft, and what to change.', verbose_name="reviewer's comment"),
        ),
        migrations.AddField(
            model_name='historicalsource',
            name='reviewed_by',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='The editor who last reviewed and published it.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='published by'),
        ),
        migrations.AddField(
            model_name='historicalsource',
            name='revision_of',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text='The published row this change will be copied onto when it is published.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='guidance.source', verbose_name='proposed change of'),
        ),
        migrations.AddField(
            model_name='historicalsource',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('published', 'Published')], db_index=True, default='draft', help_text='Only published content is shown on the public site and in the API.', max_length=16, verbose_name='status'),
        ),
        migrations.AddField(
            model_name='historicalsource',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, help_text='Goes up by one with every save.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='Set when an editor publishes; shown to readers as the publication date.', null=True, verbose_name='published at'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='review_comment',
            field=models.TextField(blank=True, help_text='Why an editor returned it to draft, and what to change.', verbose_name="reviewer's comment"),
        ),
        migrations.AddField(
            model_name='organisation',
            name='reviewed_by',
            field=models.ForeignKey(blank=True, help_text='The editor who last reviewed and published it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='published by'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='revision_of',
            field=models.ForeignKey(blank=True, editable=False, help_text='The published row this change will be copied onto when it is published.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='guidance.organisation', verbose_name='proposed change of'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('published', 'Published')], db_index=True, default='draft', help_text='Only published content is shown on the public site and in the API.', max_length=16, verbose_name='status'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, help_text='Goes up by one with every save.', verbose_name='version'),
        ),
        migrations.AddField(
            model_name='source',
            name='published_at',
            field=models.DateTimeField(blank=True, help_text='Set when an editor publishes; shown to readers as the publication date.', null=True, verbose_name='published at'),
        ),
        migrations.AddField(
            model_name='source',
            name='review_comment',
            field=models.TextField(blank=True, help_text='Why an editor returned it to draft, and what to change.', verbose_name="reviewer's comment"),
        ),
        migrations.AddField(
            model_name='source',
            name='reviewed_by',
            field=models.ForeignKey(blank=True, help_text='The editor who last reviewed and published it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='published by'),
        ),
        migrations.AddField(
            model_name='source',
            name='revision_of',
            field=models.ForeignKey(blank=True, editable=False, help_text='The published row this change will be copied onto when it is published.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='guidance.source', verbose_name='proposed change of'),
        ),
        migrations.AddField(
            model_name='source',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('published', 'Published')], db_index=True, default='draft', help_text='Only published content is shown on the public site and in the API.', max_length=16, verbose_name='status'),
        ),
        migrations.AddField(
            model_name='source',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False, help_text='Goes up by one with every save.', verbose_name='version'),
        ),
        migrations.AlterField(
            model_name='historicalorganisation',
            name='updated_at',
            field=models.DateTimeField(blank=True, db_index=True, editable=False, verbose_name='last updated'),
        ),
        migrations.AlterField(
            model_name='historicalsource',
            name='updated_at',
            field=models.DateTimeField(blank=True, db_index=True, editable=False, verbose_name='last updated'),
        ),
        migrations.AlterField(
            model_name='indicatorvalue',
            name='sources',
            field=models.ManyToManyField(blank=True, help_text='The document that shows the answer holds.', limit_choices_to={'revision_of__isnull': True}, related_name='indicator_values', to='guidance.source', verbose_name='sources'),
        ),
        migrations.AlterField(
            model_name='initiative',
            name='providers',
            field=models.ManyToManyField(blank=True, help_text='Bodies that run or deliver it.', limit_choices_to={'revision_of__isnull': True}, related_name='initiatives', to='guidance.organisation', verbose_name='provider organisations'),
        ),
        migrations.AlterField(
            model_name='initiative',
            name='sources',
            field=models.ManyToManyField(blank=True, help_text='Every statement in the summary should rest on one of these.', limit_choices_to={'revision_of__isnull': True}, to='guidance.source', verbose_name='sources'),
        ),
        migrations.AlterField(
            model_name='organisation',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, db_index=True, verbose_name='last updated'),
        ),
        migrations.AlterField(
            model_name='policy',
            name='responsible_organisations',
            field=models.ManyToManyField(blank=True, help_text='Bodies that adopted, run or fund it.', limit_choices_to={'revision_of__isnull': True}, related_name='policies', to='guidance.organisation', verbose_name='responsible organisations'),
        ),
        migrations.AlterField(
            model_name='policy',
            name='sources',
            field=models.ManyToManyField(blank=True, help_text='Every statement in the summary should rest on one of these.', limit_choices_to={'revision_of__isnull': True}, to='guidance.source', verbose_name='sources'),
        ),
        migrations.AlterField(
            model_name='sectionentry',
            name='sources',
            field=models.ManyToManyField(blank=True, help_text='The documents the text rests on; readers see them as a numbered list.', limit_choices_to={'revision_of__isnull': True}, related_name='section_entries', to='guidance.source', verbose_name='sources'),
        ),
        migrations.AlterField(
            model_name='source',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, db_index=True, verbose_name='last updated'),
        ),
        migrations.AddConstraint(
            model_name='organisation',
            constraint=models.UniqueConstraint(condition=models.Q(('revision_of__isnull', True)), fields=('country', 'name'), name='organisation_unique_country_name', violation_error_message='This country already has an organisation of this name.'),
        ),
        migrations.AddConstraint(
            model_name='organisation',
            constraint=models.UniqueConstraint(condition=models.Q(('revision_of__isnull', False)), fields=('revision_of',), name='organisation_one_open_revision', violation_error_message='A change to this is already waiting for review: edit that one.'),
        ),
        migrations.AddConstraint(
            model_name='organisation',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'published'), _negated=True), ('published_at__isnull', False), _connector='OR'), name='organisation_published_has_date', violation_error_message='Published content needs a publication date.'),
        ),
        migrations.AddConstraint(
            model_name='source',
            constraint=models.UniqueConstraint(condition=models.Q(models.Q(('url', ''), _negated=True), ('revision_of__isnull', True)), fields=('url',), name='source_unique_url', violation_error_message='A source with this URL already exists: reuse it.'),
        ),
        migrations.AddConstraint(
            model_name='source',
            constraint=models.UniqueConstraint(condition=models.Q(('revision_of__isnull', False)), fields=('revision_of',), name='source_one_open_revision', violation_error_message='A change to this is already waiting for review: edit that one.'),
        ),
        migrations.AddConstraint(
            model_name='source',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'published'), _negated=True), ('published_at__isnull', False), _connector='OR'), name='source_published_has_date', violation_error_message='Published content needs a publication date.'),
        ),
        migrations.RunPython(publish_existing, migrations.RunPython.noop),
    ]
