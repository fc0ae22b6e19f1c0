-- Interactions without the copies that overlapping exports bring: LinkedIn's Basic and Complete
-- zips of one request repeat the same files, a newer export repeats an older one. An interaction
-- is kept from the first export (by path) that holds it; repeats inside one export are real
-- (two messages in the same second) and stay.
with keyed as (
    select
        *,
        md5(concat_ws(chr(31), platform, account_ref, kind, direction,
                      strftime(occurred_at, '%Y-%m-%dT%H:%M:%S.%f'), coalesce(thread_ref, ''))) as interaction_key
    from raw_interactions
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
    qualify export_path = min(export_path) over (partition by owner_id, interaction_key)
)

select * from final
