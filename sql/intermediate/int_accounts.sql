-- Accounts with the person the resolver assigned them to.
with final as (
    select
        accounts.*,
        resolved.person_id,
        resolved.is_owner_person,
        resolved.match_confidence,
        resolved.match_reason
    from stg_accounts as accounts
    join resolved_accounts as resolved using (owner_id, platform, account_ref)
)

select * from final
