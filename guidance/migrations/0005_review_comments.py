"""Review comments on section entries, policies and initiatives, with their history."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('guidance', '0004_review_organisations_and_sources'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ReviewComment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('body', models.TextField(help_text="Plain text, seen only by the editors and the country's national experts.", verbose_name='comment')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='written at')),
                ('resolved_at', models.DateTimeField(blank=True, null=True, verbose_name='resolved at')),
                ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                ('entry', models.ForeignKey(blank=True, help_text='The section of a country record the comment is about.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='review_comments', to='guidance.sectionentry', verbose_name='section entry')),
                ('initiative', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='review_comments', to='guidance.initiative', verbose_name='initiative')),
                ('policy', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='review_comments', to='guidance.policy', verbose_name='policy')),
                ('reply_to', models.ForeignKey(blank=True, help_text='The comment this answers; a reply is about the same text.', limit_choices_to={'reply_to__isnull': True}, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='replies', to='guidance.reviewcomment', verbose_name='reply to')),
                ('resolved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='resolved by')),
            ],
            options={
                'verbose_name': 'review comment',
                'verbose_name_plural': 'review comments',
                'ordering': ['created_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalReviewComment',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('body', models.TextField(help_text="Plain text, seen only by the editors and the country's national experts.", verbose_name='comment')),
                ('created_at', models.DateTimeField(blank=True, db_index=True, editable=False, verbose_name='written at')),
                ('resolved_at', models.DateTimeField(blank=True, null=True, verbose_name='resolved at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('author', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                ('entry', models.ForeignKey(blank=True, db_constraint=False, help_text='The section of a country record the comment is about.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='guidance.sectionentry', verbose_name='section entry')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('initiative', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='guidance.initiative', verbose_name='initiative')),
                ('policy', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='guidance.policy', verbose_name='policy')),
                ('resolved_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='resolved by')),
                ('reply_to', models.ForeignKey(blank=True, db_constraint=False, help_text='The comment this answers; a reply is about the same text.', limit_choices_to={'reply_to__isnull': True}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='guidance.reviewcomment', verbose_name='reply to')),
            ],
            options={
                'verbose_name': 'historical review comment',
                'verbose_name_plural': 'historical review comments',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddConstraint(
            model_name='reviewcomment',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('entry__isnull', False), models.Q(('policy__isnull', False), _negated=True), models.Q(('initiative__isnull', False), _negated=True)), models.Q(models.Q(('entry__isnull', False), _negated=True), ('policy__isnull', False), models.Q(('initiative__isnull', False), _negated=True)), models.Q(models.Q(('entry__isnull', False), _negated=True), models.Q(('policy__isnull', False), _negated=True), ('initiative__isnull', False)), _connector='OR'), name='comment_exactly_one_target', violation_error_message='A comment is about exactly one section entry, policy or initiative.'),
        ),
        migrations.AddConstraint(
            model_name='reviewcomment',
            constraint=models.CheckConstraint(condition=models.Q(('reply_to__isnull', True), ('resolved_at__isnull', True), _connector='OR'), name='comment_reply_not_resolved', violation_error_message="A reply is not resolved on its own: its thread's first comment is."),
        ),
        migrations.AddConstraint(
            model_name='reviewcomment',
            constraint=models.CheckConstraint(condition=models.Q(('resolved_by__isnull', True), ('resolved_at__isnull', False), _connector='OR'), name='comment_resolver_has_date', violation_error_message='A resolved comment needs the time it was resolved.'),
        ),
    ]
