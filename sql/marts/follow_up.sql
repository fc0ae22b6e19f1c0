-- Public view, rule 1 ("follow loose online contacts promptly with a personal conversation"):
-- contacts connected in the last N days on any platform with no offline interaction since that
-- connection, most online activity first. N is the setting `follow_up_days` (default 90; set it with
-- `unsocial report --follow-up-days N`). The window ends at the reference date.
--
--   connected_at        the latest connection (LinkedIn connection, Facebook friendship)
--   connected_platform  where that connection was made
--   follow_up_by        connected_at + N days: the date by which to have met or called
with as_of as (
    select cast(value as date) as as_of_date
    from settings
    where key = 'as_of'
),

parameters as (
    select coalesce(max(try_cast(value as integer)) filter (where key = 'follow_up_days'), 90) as follow_up_days
    from settings
),

connections as (
    select
        owner_id,
        person_id,
        max(connected_at) as connected_at,
        arg_max(platform, connected_at) as connected_platform
    from int_accounts
    where not is_owner_person
      and connected_at is not null
      and connected_at < (select as_of_date from as_of) + interval 1 day
      and platform in ('facebook', 'xing', 'twitter', 'linkedin')
    group by owner_id, person_id
),

final as (
    select
        contacts.owner_id,
        contacts.person_id,
        contacts.display_name,
        contacts.platforms,
        connections.connected_at,
        connections.connected_platform,
        date_diff('day', connections.connected_at, (select as_of_date from as_of)) as days_since_connected,
        cast(connections.connected_at + to_days((select follow_up_days from parameters)) as date) as follow_up_by,
        contacts.last_online_at,
        contacts.online_interactions,
        contacts.messages_in,
        contacts.messages_out,
        contacts.last_offline_at,
        contacts.strength
    from contacts
    join connections using (owner_id, person_id)
    where connections.connected_at >= (select as_of_date from as_of) - to_days((select follow_up_days from parameters))
      and (contacts.last_offline_at is null or contacts.last_offline_at < date_trunc('day', connections.connected_at))
)

select * from final
order by owner_id, online_interactions desc, connected_at desc, display_name, person_id
