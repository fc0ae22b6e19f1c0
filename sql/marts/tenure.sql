-- Public view, rule 5 ("patience: trust grows over time"): per contact, when contact began on any
-- platform or offline, how long it has lasted, and the longest-running channel. A channel is a
-- platform or an offline source (journal, calendar); it runs from its connection date or first real
-- interaction to its latest real interaction.
--
--   first_contact_at, first_contact_platform   the earliest contact and where it happened
--   last_contact_at                            the latest real interaction
--   relationship_years   from first_contact_at to the reference date: the age of the relationship
--   tenure_years         from first_contact_at to last_contact_at: how long contact has lasted
--                        (2 points of strength per year, up to 10)
--   longest_channel, longest_channel_from, longest_channel_to, longest_channel_years
--   channels             platforms and offline sources with real contact
with as_of as (
    select cast(value as date) as as_of_date
    from settings
    where key = 'as_of'
),

channel_events as (
    select owner_id, person_id, platform, connected_at as event_at
    from int_accounts
    where not is_owner_person and connected_at is not null
      and connected_at < (select as_of_date from as_of) + interval 1 day
    union all
    select owner_id, person_id, platform, occurred_at as event_at
    from int_weighted_interactions
    where is_interaction
),

channels as (
    select
        owner_id,
        person_id,
        platform,
        min(event_at) as channel_from,
        max(event_at) as channel_to,
        round(date_diff('day', min(event_at), max(event_at)) / 365.25, 2) as channel_years
    from channel_events
    group by owner_id, person_id, platform
),

per_person as (
    select
        owner_id,
        person_id,
        arg_min(platform, (channel_from, platform)) as first_contact_platform,
        arg_max(platform, (channel_years, - epoch(channel_from), platform)) as longest_channel,
        count(*) as channels
    from channels
    group by owner_id, person_id
),

final as (
    select
        contacts.owner_id,
        contacts.person_id,
        contacts.display_name,
        contacts.platforms,
        contacts.first_contact_at,
        per_person.first_contact_platform,
        contacts.last_contact_at,
        round(date_diff('day', contacts.first_contact_at, (select as_of_date from as_of)) / 365.25, 2)
            as relationship_years,
        contacts.tenure_years,
        per_person.longest_channel,
        longest.channel_from as longest_channel_from,
        longest.channel_to as longest_channel_to,
        longest.channel_years as longest_channel_years,
        per_person.channels,
        contacts.strength
    from contacts
    join per_person using (owner_id, person_id)
    join channels as longest
        on longest.owner_id = per_person.owner_id
        and longest.person_id = per_person.person_id
        and longest.platform = per_person.longest_channel
)

select * from final
order by owner_id, first_contact_at, display_name, person_id
