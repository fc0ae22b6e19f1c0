-- Public view: accounts the resolver would not link on its own, because several people match
-- (namesakes, a first name shared by several contacts). Settle each with an overrides file.
-- One row per question: the account, and the other account it was weighed against (none where the
-- question is whom of several people an offline entry names). Ordered on every column that tells two
-- rows apart: the file is the same whatever the inbox's path or the order the pairs were scored in.
with reviews as (
    select
        owner_id,
        platform_a as platform,
        account_ref_a as account_ref,
        platform_b is distinct from platform_a or account_ref_b is distinct from account_ref_a as paired,
        platform_b,
        account_ref_b,
        rule,
        reason
    from match_evidence
    where not accepted and reason like 'review:%'
),

final as (
    select
        reviews.owner_id,
        reviews.platform,
        reviews.account_ref,
        accounts.display_name,
        case when reviews.paired then reviews.platform_b end as other_platform,
        case when reviews.paired then reviews.account_ref_b end as other_account_ref,
        case when reviews.paired then others.display_name end as other_display_name,
        reviews.rule,
        reviews.reason
    from reviews
    join int_accounts as accounts using (owner_id, platform, account_ref)
    left join int_accounts as others
        on others.owner_id = reviews.owner_id
        and others.platform = reviews.platform_b
        and others.account_ref = reviews.account_ref_b
)

select * from final
order by owner_id, platform, account_ref, other_platform nulls first, other_account_ref nulls first, rule, reason
