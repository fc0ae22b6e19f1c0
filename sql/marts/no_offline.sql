-- Public view: the headline list — contacts never met offline, most online activity first.
with final as (
    select
        owner_id,
        person_id,
        display_name,
        platforms,
        first_seen_at,
        last_online_at,
        online_interactions,
        messages_in,
        messages_out,
        strength,
        profile_url
    from contacts
    where not has_offline_interaction
)

select * from final
order by owner_id, online_interactions desc, last_online_at desc nulls last, display_name, person_id
