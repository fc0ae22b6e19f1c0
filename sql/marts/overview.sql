-- Public view: one row per owner, the key numbers of the summary page for the reference date and
-- the current settings (`follow_up_days`, `reply_days`).
--
--   personal_contacts_last_12_months   people met, called or written to in the last 12 months
--                                      (everyone, also people on no platform); is_below_40 warns
--   median_reply_hours                 the owner's reply latency over every answered turn
with settings_now as (
    select
        max(try_cast(value as date)) filter (where key = 'as_of') as as_of,
        coalesce(max(try_cast(value as integer)) filter (where key = 'follow_up_days'), 90) as follow_up_days,
        coalesce(max(try_cast(value as integer)) filter (where key = 'reply_days'), 14) as reply_days
    from settings
),

owners as (
    select distinct owner_id from ingested_exports
),

people as (
    select
        owner_id,
        count(*) filter (where has_personal_contact_last_12_months) as personal_contacts_last_12_months
    from int_person_activity
    group by owner_id
),

contact_counts as (
    select
        owner_id,
        count(*) as contacts,
        count(*) filter (where has_offline_interaction) as met_offline,
        count(*) filter (where not has_offline_interaction) as never_met_offline,
        round(avg(strength), 1) as average_strength
    from contacts
    group by owner_id
),

replies as (
    select owner_id, round(median(reply_hours), 1) as median_reply_hours
    from int_message_replies
    where is_turn_start and replied_at is not null
    group by owner_id
),

lists as (
    select owner_id, 'core_circle' as list, count(*) as n from core_circle group by all
    union all
    select owner_id, 'follow_up', count(*) from follow_up group by all
    union all
    select owner_id, 'unanswered', count(*) from unanswered where unanswered_messages > 0 group by all
),

final as (
    select
        owners.owner_id,
        settings_now.as_of,
        settings_now.follow_up_days,
        settings_now.reply_days,
        coalesce(contact_counts.contacts, 0) as contacts,
        coalesce(contact_counts.met_offline, 0) as met_offline,
        coalesce(contact_counts.never_met_offline, 0) as never_met_offline,
        contact_counts.average_strength,
        coalesce(people.personal_contacts_last_12_months, 0) as personal_contacts_last_12_months,
        coalesce(people.personal_contacts_last_12_months, 0) < 40 as is_below_40,
        coalesce(max(lists.n) filter (where lists.list = 'core_circle'), 0) as core_circle_size,
        coalesce(max(lists.n) filter (where lists.list = 'follow_up'), 0) as follow_ups_due,
        coalesce(max(lists.n) filter (where lists.list = 'unanswered'), 0) as contacts_waiting_for_reply,
        replies.median_reply_hours
    from owners
    cross join settings_now
    left join contact_counts using (owner_id)
    left join people using (owner_id)
    left join replies using (owner_id)
    left join lists using (owner_id)
    group by all
)

select * from final
order by owner_id
