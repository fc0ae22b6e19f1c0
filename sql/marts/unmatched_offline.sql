-- Public view: people met offline (journal, calendar) who match no account on any social platform:
-- a neighbour, a dentist, a friend who is on no network. Kept and visible, not an error.
with named_accounts as (
    -- a calendar guest without a CN is named by the address (firstname.lastname@) where it reads as one
    select
        *,
        coalesce(display_name, nullif(concat_ws(' ', first_name, last_name), '')) as shown_name
    from int_accounts
),

offline_people as (
    select
        owner_id,
        person_id,
        first(shown_name order by display_name is null, shown_name is null, platform, account_ref) as display_name,
        list(distinct platform order by platform) as sources
    from named_accounts
    where not is_owner_person
    group by owner_id, person_id
    having count(*) filter (where platform in ('facebook', 'xing', 'twitter', 'linkedin')) = 0
),

in_review as (
    -- an entry several contacts match is in match_review, not here: it matches too many, not none
    select distinct accounts.owner_id, accounts.person_id
    from match_evidence as evidence
    join int_accounts as accounts
        on accounts.owner_id = evidence.owner_id
        and accounts.platform = evidence.platform_a
        and accounts.account_ref = evidence.account_ref_a
    where not evidence.accepted and evidence.reason like 'review:%'
),

met as (
    select
        owner_id,
        person_id,
        count(*) as offline_interactions,
        min(occurred_at) as first_offline_at,
        max(occurred_at) as last_offline_at
    from int_interactions
    where is_offline
    group by owner_id, person_id
),

final as (
    select
        offline_people.owner_id,
        offline_people.person_id,
        offline_people.display_name,
        offline_people.sources,
        met.offline_interactions,
        met.first_offline_at,
        met.last_offline_at
    from offline_people
    join met using (owner_id, person_id)
    anti join in_review using (owner_id, person_id)
)

select * from final
order by owner_id, last_offline_at desc, display_name, person_id
