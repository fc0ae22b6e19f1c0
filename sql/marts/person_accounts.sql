-- Public view: one row per account of a contact on a social platform.
with final as (
    select
        owner_id,
        person_id,
        platform,
        account_ref,
        display_name,
        match_confidence,
        match_reason
    from int_accounts
    where not is_owner_person
      and platform in ('facebook', 'xing', 'twitter', 'linkedin')
)

select * from final
order by owner_id, person_id, platform, account_ref
