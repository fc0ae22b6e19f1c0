-- One row per direct (one-to-one) message a contact sent the owner, with the owner's reply: the
-- owner's next personal contact with that person after it (a direct message or call from the owner
-- on any platform, or an offline interaction), up to the reference date. Consecutive messages
-- answered by the same reply form one turn; reply latency is measured per turn, from its first message.
--
-- The next contact is found with a window over both kinds of event rather than an ASOF join: DuckDB
-- 1.4 plans an ASOF join on a table created in the same transaction as a nested loop (minutes at a
-- million messages, against a second here).
with events as (
    select
        owner_id,
        person_id,
        platform,
        thread_ref,
        occurred_at,
        kind = 'message' and direction = 'in' and not is_group and not is_offline as is_received,
        is_personal_contact
    from int_weighted_interactions
    where (kind = 'message' and direction = 'in' and not is_group and not is_offline) or is_personal_contact
),

replied as (
    select
        *,
        min(case when is_personal_contact then occurred_at end) over (
            partition by owner_id, person_id
            order by occurred_at, is_personal_contact
            rows between 1 following and unbounded following
        ) as replied_at
    from events
),

received as (
    select owner_id, person_id, platform, thread_ref, occurred_at as received_at, replied_at
    from replied
    where is_received
),

final as (
    select
        owner_id,
        person_id,
        platform,
        thread_ref,
        received_at,
        replied_at,
        min(received_at) over (partition by owner_id, person_id, replied_at) as turn_started_at,
        row_number() over (partition by owner_id, person_id, replied_at
                           order by received_at, platform, thread_ref) = 1 as is_turn_start,
        round(date_diff('second', received_at, replied_at) / 3600.0, 2) as reply_hours
    from received
)

select * from final
