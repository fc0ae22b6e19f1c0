-- Public view: one row per person other than the owner who has an account on a social platform.
--
-- strength (0-100) is the sum of four components, each visible as its own column:
--   strength_offline      up to 50: 20·ln(1 + offline interactions in the last 12 months)
--                                   + 10·ln(1 + offline interactions ever)
--   strength_online       up to 30: 8·ln(1 + online interactions in the last 12 months)
--   strength_reciprocity  10 when messages went both ways, else 0
--   strength_tenure       up to 10: 2 per year since first seen
with as_of as (
    select cast(value as date) as as_of_date
    from settings
    where key = 'as_of'
),

people as (
    select
        owner_id,
        person_id,
        first(display_name order by platform <> 'linkedin', display_name is null, platform, account_ref)
            filter (where platform in ('facebook', 'xing', 'twitter', 'linkedin')) as display_name,
        list(distinct platform order by platform)
            filter (where platform in ('facebook', 'xing', 'twitter', 'linkedin')) as platforms,
        min(connected_at) as connected_at
    from int_accounts
    where not is_owner_person
    group by owner_id, person_id
    having count(*) filter (where platform in ('facebook', 'xing', 'twitter', 'linkedin')) > 0
),

activity as (
    select
        owner_id,
        person_id,
        min(occurred_at) as first_interaction_at,
        max(occurred_at) filter (where not is_offline) as last_online_at,
        max(occurred_at) filter (where is_offline) as last_offline_at,
        max(occurred_at) filter (where is_offline and mode in ('in_person', 'meal')) as last_met_in_person_at,
        count(*) filter (where not is_offline) as online_interactions,
        count(*) filter (where is_offline) as offline_interactions,
        count(*) filter (where not is_offline and occurred_at >= (select as_of_date from as_of) - interval 365 day)
            as online_last_12_months,
        count(*) filter (where is_offline and occurred_at >= (select as_of_date from as_of) - interval 365 day)
            as offline_last_12_months,
        count(*) filter (where kind = 'message' and direction = 'in') as messages_in,
        count(*) filter (where kind = 'message' and direction = 'out') as messages_out
    from int_interactions
    group by owner_id, person_id
),

measured as (
    select
        people.*,
        least(people.connected_at, activity.first_interaction_at) as first_seen_at,
        activity.last_online_at,
        activity.last_offline_at,
        activity.last_met_in_person_at,
        coalesce(activity.online_interactions, 0) as online_interactions,
        coalesce(activity.offline_interactions, 0) as offline_interactions,
        coalesce(activity.online_last_12_months, 0) as online_last_12_months,
        coalesce(activity.offline_last_12_months, 0) as offline_last_12_months,
        coalesce(activity.messages_in, 0) as messages_in,
        coalesce(activity.messages_out, 0) as messages_out
    from people
    left join activity using (owner_id, person_id)
),

scored as (
    select
        *,
        least(50, 20 * ln(1 + offline_last_12_months) + 10 * ln(1 + offline_interactions)) as strength_offline,
        least(30, 8 * ln(1 + online_last_12_months)) as strength_online,
        case when messages_in > 0 and messages_out > 0 then 10 else 0 end as strength_reciprocity,
        least(10, 2 * coalesce(date_diff('day', first_seen_at, (select as_of_date from as_of)), 0) / 365.25)
            as strength_tenure
    from measured
),

final as (
    select
        owner_id,
        person_id,
        display_name,
        platforms,
        first_seen_at,
        last_online_at,
        last_offline_at,
        online_interactions,
        offline_interactions,
        offline_interactions > 0 as has_offline_interaction,
        cast(round(strength_offline + strength_online + strength_reciprocity + greatest(strength_tenure, 0)) as integer)
            as strength,
        last_met_in_person_at,
        connected_at,
        messages_in,
        messages_out,
        online_last_12_months,
        offline_last_12_months,
        round(strength_offline, 1) as strength_offline,
        round(strength_online, 1) as strength_online,
        strength_reciprocity,
        round(greatest(strength_tenure, 0), 1) as strength_tenure
    from scored
)

select * from final
order by owner_id, strength desc, display_name, person_id
