-- Public view: one row per interaction with a contact, online or offline, up to the reference date.
with final as (
    select
        owner_id,
        person_id,
        platform,
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
        line
    from int_interactions
)

select * from final
order by owner_id, person_id, occurred_at, platform, kind
