-- One row per (owner, platform, account): every row that mentions the account, from every export,
-- merged. For each field the first non-empty value wins, in export, file and line order, so the
-- result does not depend on load order.
-- Forgotten people (unsocial forget) are not here: every load deletes their rows before it commits.
with ordered as (
    select *
    from raw_accounts
),

final as (
    select
        owner_id,
        platform,
        account_ref,
        first(display_name order by display_name is null, export_path, member, line) as display_name,
        first(first_name order by first_name is null, export_path, member, line) as first_name,
        first(last_name order by last_name is null, export_path, member, line) as last_name,
        first(email order by email is null, export_path, member, line) as email,
        first(phone order by phone is null, export_path, member, line) as phone,
        first(profile_url order by profile_url is null, export_path, member, line) as profile_url,
        first(handle order by handle is null, export_path, member, line) as handle,
        first(company order by company is null, export_path, member, line) as company,
        first(position order by position is null, export_path, member, line) as position,
        min(connected_at) as connected_at,
        bool_or(is_owner) as is_owner,
        count(*) as rows_seen
    from ordered
    group by owner_id, platform, account_ref
)

select * from final
