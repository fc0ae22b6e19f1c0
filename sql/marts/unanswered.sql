-- Public view, rule 3 ("reliability: keep what you promise"): per contact, the direct (one-to-one)
-- messages they sent that got no reply from the owner within N days, with the oldest one still open
-- and the owner's reply latency. N is the setting `reply_days` (default 14; set it with
-- `unsocial report --reply-days N`). A reply is the owner's next personal contact with that person:
-- a direct message or call on any platform, or an offline interaction (int_message_replies).
--
--   unanswered_messages   received more than N days before the reference date, never answered
--   oldest_unanswered_at, last_unanswered_at   the oldest and the latest of them
--   late_replies          messages answered, but after more than N days
--   waiting_messages      received in the last N days, not answered yet (not late yet)
--   replies               answered turns (consecutive messages answered by one reply)
--   median_reply_hours    reply latency over those turns, from a turn's first message
--   slowest_reply_days    the longest of them
-- A contact is listed when at least one message got no reply within N days (unanswered or late);
-- the latest neglect first: an old unanswered message is less likely to still be answerable.
with as_of as (
    select cast(value as date) as as_of_date
    from settings
    where key = 'as_of'
),

parameters as (
    select coalesce(max(try_cast(value as integer)) filter (where key = 'reply_days'), 14) as reply_days
    from settings
),

judged as (
    select
        *,
        replied_at is null
            and received_at < (select as_of_date from as_of) - to_days((select reply_days from parameters))
            as is_unanswered,
        replied_at is null
            and received_at >= (select as_of_date from as_of) - to_days((select reply_days from parameters))
            as is_waiting,
        replied_at > received_at + to_days((select reply_days from parameters)) as is_late
    from int_message_replies
),

per_contact as (
    select
        owner_id,
        person_id,
        count(*) filter (where is_unanswered) as unanswered_messages,
        min(received_at) filter (where is_unanswered) as oldest_unanswered_at,
        max(received_at) filter (where is_unanswered) as last_unanswered_at,
        count(*) filter (where is_late) as late_replies,
        count(*) filter (where is_waiting) as waiting_messages,
        count(*) as messages_received,
        max(received_at) as last_received_at,
        count(*) filter (where is_turn_start and replied_at is not null) as replies,
        round(median(reply_hours) filter (where is_turn_start and replied_at is not null), 1) as median_reply_hours,
        round(max(reply_hours) filter (where is_turn_start and replied_at is not null) / 24, 1) as slowest_reply_days
    from judged
    group by owner_id, person_id
),

final as (
    select
        contacts.owner_id,
        contacts.person_id,
        contacts.display_name,
        contacts.platforms,
        per_contact.unanswered_messages,
        per_contact.oldest_unanswered_at,
        per_contact.last_unanswered_at,
        per_contact.late_replies,
        per_contact.waiting_messages,
        per_contact.messages_received,
        per_contact.last_received_at,
        per_contact.replies,
        per_contact.median_reply_hours,
        per_contact.slowest_reply_days,
        contacts.strength
    from per_contact
    join contacts using (owner_id, person_id)
    where per_contact.unanswered_messages > 0 or per_contact.late_replies > 0
)

select * from final
order by owner_id, last_unanswered_at desc nulls last, late_replies desc, display_name, person_id
