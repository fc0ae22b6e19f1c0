-- Interactions without the copies that overlapping exports bring: LinkedIn's Basic and Complete
-- zips of one request repeat the same files, a newer export repeats an older one, and so do the
-- archives kept side by side in one folder (a backup script's dated tarballs, calcardbackup's
-- `-r 15` keeping fifteen days: each nested archive, opened in place, is a copy of its own). An
-- interaction is kept from the first copy (by path) that holds it; repeats inside one copy are real
-- (two messages in the same second) and stay.
-- An owner's message to a group is stored once, its members listed once per conversation and change
-- of members (raw_recipients, at the line of recipients_line): here it becomes one interaction with
-- each member, with the message's own provenance, as every other interaction is one per counterpart.
with per_counterpart as (
    select * exclude (recipients_line)
    from raw_interactions
    where recipients_line is null

    union all by name

    select messages.* exclude (account_ref, recipients_line), recipients.account_ref
    from raw_interactions as messages
    join raw_recipients as recipients
        on recipients.owner_id = messages.owner_id
        and recipients.export_path = messages.export_path
        and recipients.member = messages.member
        and recipients.line = messages.recipients_line
),

keyed as (
    select
        *,
        md5(concat_ws(chr(31), platform, account_ref, kind, direction,
                      strftime(occurred_at, '%Y-%m-%dT%H:%M:%S.%f'), coalesce(thread_ref, ''))) as interaction_key,
        -- the export, and the archive nested in it that the member is read from (at the root or one folder
        -- down: sources/archive.py NESTED_ZIP_DEPTH), if any
        concat_ws(chr(31), export_path, regexp_extract(
            member, '^(?:[^/]+/)?[^/]+\.(?:zip|tgz|tar\.gz|nextcloud_export)/', 0, 'i')) as copy_key
    from per_counterpart
),

final as (
    select
        owner_id,
        platform,
        account_ref,
        kind,
        direction,
        occurred_at,
        is_offline,
        thread_ref,
        is_group,
        mode,
        message_text,
        export_path,
        member,
        line,
        interaction_key
    from keyed
    qualify copy_key = min(copy_key) over (partition by owner_id, interaction_key)
)

select * from final
