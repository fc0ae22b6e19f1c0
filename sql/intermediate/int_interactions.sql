-- Interactions of each person that have happened by the reference date (`--as-of`, inclusive):
-- anything later is planned, not done.
with as_of as (
    select cast(value as date) + interval 1 day as until_at
    from settings
    where key = 'as_of'
),

final as (
    select
        interactions.owner_id,
        accounts.person_id,
        interactions.platform,
        interactions.kind,
        interactions.direction,
        interactions.occurred_at,
        interactions.is_offline,
        interactions.thread_ref,
        interactions.is_group,
        interactions.mode,
        interactions.message_text,
        interactions.export_path,
        interactions.member,
        interactions.line
    from stg_interactions as interactions
    join int_accounts as accounts using (owner_id, platform, account_ref)
    where not accounts.is_owner_person
      and interactions.occurred_at < (select until_at from as_of)
)

select * from final
