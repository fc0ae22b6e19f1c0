-- Public view: accounts the resolver would not link on its own, because several people match
-- (namesakes, a first name shared by several contacts). Settle each with an overrides file.
with reviews as (
    select owner_id, platform_a as platform, account_ref_a as account_ref, rule, reason
    from match_evidence
    where not accepted and reason like 'review:%'
),

final as (
    select
        reviews.owner_id,
        reviews.platform,
        reviews.account_ref,
        accounts.display_name,
        reviews.rule,
        reviews.reason
    from reviews
    join int_accounts as accounts using (owner_id, platform, account_ref)
)

select * from final
order by owner_id, platform, account_ref
