-- Every interaction up to the reference date with its weight (int_interaction_weights), its
-- recency and the points it adds to `strength`, and the flags the rules are built on:
--
--   activity               the kind (online) or the mode (offline) it was weighed as
--   weight                 `weight`, or `group_weight` in a group conversation
--   recency                0.5 ^ (age in days / 365): a year before the reference date counts half,
--                          two years a quarter (a half-life of one year)
--   points                 weight × recency
--   is_interaction         weight > 0 (a profile visit, a follow, … is no interaction at all)
--   is_personal_contact    "meeting, calling, writing": any offline interaction but a group event
--                          (mode group), or a direct (one-to-one) message or call from the owner
--   is_conversation_start  a direct message with no direct message in the same conversation in the
--                          7 days before it; its direction says who started
with as_of as (
    select cast(cast(value as date) as timestamp) as as_of_at
    from settings
    where key = 'as_of'
),

weights as (
    select * from int_interaction_weights
),

matched as (
    select
        interactions.* exclude (message_text),
        coalesce(exact.activity, fallback.activity) as activity,
        coalesce(exact.weight, fallback.weight) as base_weight,
        coalesce(exact.group_weight, fallback.group_weight) as base_group_weight,
        coalesce(exact.ledger, fallback.ledger) as ledger
    from int_interactions as interactions
    left join weights as exact
        on exact.is_offline = interactions.is_offline
        and exact.activity = case when interactions.is_offline then coalesce(interactions.mode, 'other')
                                  else interactions.kind end
    left join weights as fallback
        on fallback.is_offline = interactions.is_offline
        and fallback.activity = case when interactions.is_offline then 'other' else '(other)' end
),

dated as (
    select
        *,
        case when is_group then base_group_weight else base_weight end as weight,
        pow(0.5, greatest(date_diff('second', occurred_at, (select as_of_at from as_of)), 0) / 86400.0 / 365)
            as recency,
        kind = 'message' and not is_group and not is_offline as is_direct_message
    from matched
),

final as (
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
        activity,
        weight,
        recency,
        weight * recency as points,
        ledger,
        weight > 0 as is_interaction,
        (is_offline and mode is distinct from 'group')
            or (kind in ('message', 'call') and not is_group and direction = 'out') as is_personal_contact,
        is_direct_message and coalesce(
            occurred_at - lag(occurred_at) over conversation > interval 7 day, true) as is_conversation_start
    from dated
    window conversation as (
        partition by owner_id, person_id, platform, is_direct_message, coalesce(thread_ref, '')
        order by occurred_at, direction
    )
)

select * from final
