-- Public view, rule 2 ("quality over quantity: 40-60 strong relationships are all one can
-- cultivate"): the 60 contacts with the highest strength (above 0), strongest first.
--
--   circle_rank                        1-60; ties broken by the latest personal contact, then name
--   has_personal_contact_last_12_months   met, called or wrote to in the 12 months before the
--                                      reference date ("personal contact": any offline interaction,
--                                      or a direct message or call from the owner)
--   personal_contacts_last_12_months   the owner's number of people with personal contact in those
--                                      12 months, everyone counted (also people met offline who are
--                                      on no platform); the same on every row
--   is_below_40                        that number is below 40: the summary warns
with people as (
    select
        owner_id,
        count(*) filter (where has_personal_contact_last_12_months) as personal_contacts_last_12_months
    from int_person_activity
    group by owner_id
),

ranked as (
    select
        *,
        row_number() over (partition by owner_id
                           order by strength desc, last_personal_contact_at desc nulls last, display_name, person_id)
            as circle_rank
    from contacts
    where strength > 0
),

final as (
    select
        ranked.owner_id,
        ranked.circle_rank,
        ranked.person_id,
        ranked.display_name,
        ranked.platforms,
        ranked.strength,
        ranked.strength_offline,
        ranked.strength_online,
        ranked.strength_reciprocity,
        ranked.strength_tenure,
        ranked.last_personal_contact_at,
        ranked.last_met_in_person_at,
        ranked.has_personal_contact_last_12_months,
        people.personal_contacts_last_12_months,
        people.personal_contacts_last_12_months < 40 as is_below_40
    from ranked
    join people using (owner_id)
    where ranked.circle_rank <= 60
)

select * from final
order by owner_id, circle_rank
