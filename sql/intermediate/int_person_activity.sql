-- One row per person other than the owner (contacts and people met offline only): what happened
-- between them and the owner up to the reference date, summed from int_weighted_interactions.
-- Only real interactions count (`is_interaction`); `first_seen_at` alone also counts the rest.
--
--   first_contact_at    the earliest connection date or real interaction, on any platform or offline
--   last_contact_at     the latest real interaction
--   tenure_years        years from first_contact_at to last_contact_at: how long contact has lasted
--   online_points, offline_points   sums of `points` (weight × recency)
--   given_* / received_*   the reciprocity ledger: directed interactions outside group conversations,
--                          by `ledger`; messages once per conversation started
--   given_points, received_points   the ledger weighed with `weight` (no recency: what was given stays given)
with as_of as (
    select cast(value as date) as as_of_date
    from settings
    where key = 'as_of'
),

accounts as (
    select owner_id, person_id, min(connected_at) as connected_at
    from int_accounts
    where not is_owner_person
      and (connected_at is null or connected_at < (select as_of_date from as_of) + interval 1 day)
    group by owner_id, person_id
),

booked as (
    -- the ledger: one row per gift or receipt
    select *
    from int_weighted_interactions
    where ledger is not null
      and direction in ('in', 'out')
      and not is_group
      and (ledger <> 'conversations' or is_conversation_start)
),

ledger as (
    select
        owner_id,
        person_id,
        count(*) filter (where direction = 'out' and ledger = 'conversations') as given_conversations,
        count(*) filter (where direction = 'in' and ledger = 'conversations') as received_conversations,
        count(*) filter (where direction = 'out' and ledger = 'calls') as given_calls,
        count(*) filter (where direction = 'in' and ledger = 'calls') as received_calls,
        count(*) filter (where direction = 'out' and ledger = 'endorsements') as given_endorsements,
        count(*) filter (where direction = 'in' and ledger = 'endorsements') as received_endorsements,
        count(*) filter (where direction = 'out' and ledger = 'recommendations') as given_recommendations,
        count(*) filter (where direction = 'in' and ledger = 'recommendations') as received_recommendations,
        count(*) filter (where direction = 'out' and ledger = 'reactions') as given_reactions,
        count(*) filter (where direction = 'in' and ledger = 'reactions') as received_reactions,
        count(*) filter (where direction = 'out' and ledger = 'comments') as given_comments,
        count(*) filter (where direction = 'in' and ledger = 'comments') as received_comments,
        count(*) filter (where direction = 'out' and ledger = 'invitations') as given_invitations,
        count(*) filter (where direction = 'in' and ledger = 'invitations') as received_invitations,
        coalesce(sum(weight) filter (where direction = 'out'), 0) as given_points,
        coalesce(sum(weight) filter (where direction = 'in'), 0) as received_points
    from booked
    group by owner_id, person_id
),

activity as (
    select
        owner_id,
        person_id,
        min(occurred_at) as first_seen_interaction_at,
        min(occurred_at) filter (where is_interaction) as first_interaction_at,
        max(occurred_at) filter (where is_interaction) as last_contact_at,
        max(occurred_at) filter (where is_interaction and not is_offline) as last_online_at,
        max(occurred_at) filter (where is_interaction and is_offline) as last_offline_at,
        max(occurred_at) filter (where is_offline and mode in ('in_person', 'meal')) as last_met_in_person_at,
        max(occurred_at) filter (where is_personal_contact) as last_personal_contact_at,
        count(*) filter (where is_interaction and not is_offline) as online_interactions,
        count(*) filter (where is_interaction and is_offline) as offline_interactions,
        count(*) filter (where is_interaction and not is_offline
                         and occurred_at >= (select as_of_date from as_of) - interval 365 day) as online_last_12_months,
        count(*) filter (where is_interaction and is_offline
                         and occurred_at >= (select as_of_date from as_of) - interval 365 day) as offline_last_12_months,
        count(*) filter (where kind = 'message' and direction = 'in') as messages_in,
        count(*) filter (where kind = 'message' and direction = 'out') as messages_out,
        coalesce(sum(points) filter (where not is_offline), 0) as online_points,
        coalesce(sum(points) filter (where is_offline), 0) as offline_points
    from int_weighted_interactions
    group by owner_id, person_id
),

final as (
    select
        accounts.owner_id,
        accounts.person_id,
        accounts.connected_at,
        least(accounts.connected_at, activity.first_seen_interaction_at) as first_seen_at,
        least(accounts.connected_at, activity.first_interaction_at) as first_contact_at,
        activity.last_contact_at,
        activity.last_online_at,
        activity.last_offline_at,
        activity.last_met_in_person_at,
        activity.last_personal_contact_at,
        coalesce(activity.last_personal_contact_at >= (select as_of_date from as_of) - interval 365 day, false)
            as has_personal_contact_last_12_months,
        coalesce(activity.online_interactions, 0) as online_interactions,
        coalesce(activity.offline_interactions, 0) as offline_interactions,
        coalesce(activity.online_last_12_months, 0) as online_last_12_months,
        coalesce(activity.offline_last_12_months, 0) as offline_last_12_months,
        coalesce(activity.messages_in, 0) as messages_in,
        coalesce(activity.messages_out, 0) as messages_out,
        round(coalesce(activity.online_points, 0), 3) as online_points,
        round(coalesce(activity.offline_points, 0), 3) as offline_points,
        round(coalesce(date_diff('day', least(accounts.connected_at, activity.first_interaction_at),
                                 greatest(activity.last_contact_at, accounts.connected_at)), 0) / 365.25, 2)
            as tenure_years,
        coalesce(ledger.given_conversations, 0) as given_conversations,
        coalesce(ledger.received_conversations, 0) as received_conversations,
        coalesce(ledger.given_calls, 0) as given_calls,
        coalesce(ledger.received_calls, 0) as received_calls,
        coalesce(ledger.given_endorsements, 0) as given_endorsements,
        coalesce(ledger.received_endorsements, 0) as received_endorsements,
        coalesce(ledger.given_recommendations, 0) as given_recommendations,
        coalesce(ledger.received_recommendations, 0) as received_recommendations,
        coalesce(ledger.given_reactions, 0) as given_reactions,
        coalesce(ledger.received_reactions, 0) as received_reactions,
        coalesce(ledger.given_comments, 0) as given_comments,
        coalesce(ledger.received_comments, 0) as received_comments,
        coalesce(ledger.given_invitations, 0) as given_invitations,
        coalesce(ledger.received_invitations, 0) as received_invitations,
        round(coalesce(ledger.given_points, 0), 3) as given_points,
        round(coalesce(ledger.received_points, 0), 3) as received_points
    from accounts
    left join activity using (owner_id, person_id)
    left join ledger using (owner_id, person_id)
)

select * from final
