-- Public view: one row per person other than the owner who has an account on a social platform.
--
-- strength (0-100) is the sum of four components, each its own column, each rounded to 2 decimals
-- before they are added and the sum rounded to a whole number, so that anyone can recompute it:
--
--   strength_offline      up to 50: 15 · ln(1 + offline_points)
--   strength_online       up to 30:  5 · ln(1 + online_points)
--   strength_reciprocity  up to 10: 10 · min(given, received) / max(given, received)
--                                      · min(1, (given + received) / 10),  with given_points and
--                                      received_points; 0 unless both are above 0
--   strength_tenure       up to 10:  2 · tenure_years
--
-- offline_points and online_points sum, over every interaction up to the reference date, its
-- weight (view strength_weights: by kind online, by mode offline; a quarter or less in group
-- conversations) times its recency 0.5 ^ (age in days / 365). Offline contact weighs most because
-- that is the project's thesis; the logarithm keeps a chatty thread from outweighing meetings.
-- given_points / received_points are the reciprocity ledger (view reciprocity, no recency);
-- tenure_years runs from the first contact on any platform to the latest one.
-- Interactions of weight 0 (profile visits, follows, group joins and leaves, removed friends,
-- rejected requests) are no interaction: they count neither in the columns nor in strength.
with names as (
    select
        owner_id,
        person_id,
        first(display_name order by platform <> 'linkedin', display_name is null, platform, account_ref)
            as display_name,
        -- where to see who it is: a contact known by a number alone (a Twitter account no export names) has
        -- no display_name, but its profile link opens the account; an archive writes that link for followers
        -- only (`userLink`), so every Twitter account gets that form from its id (a screen name may change)
        first(coalesce(profile_url,
                       case when platform = 'twitter' and regexp_full_match(account_ref, '[0-9]+')
                            then 'https://twitter.com/intent/user?user_id=' || account_ref end)
              order by profile_url is null, platform <> 'linkedin', platform, account_ref) as profile_url,
        list(distinct platform order by platform) as platforms
    from int_accounts
    where not is_owner_person
      and platform in ('facebook', 'xing', 'twitter', 'linkedin')
    group by owner_id, person_id
),

scored as (
    select
        names.display_name,
        names.platforms,
        names.profile_url,
        activity.*,
        round(least(50, 15 * ln(1 + activity.offline_points)), 2) as strength_offline,
        round(least(30, 5 * ln(1 + activity.online_points)), 2) as strength_online,
        case when activity.given_points > 0 and activity.received_points > 0
             then round(10 * least(activity.given_points, activity.received_points)
                           / greatest(activity.given_points, activity.received_points)
                           * least(1, (activity.given_points + activity.received_points) / 10), 2)
             else 0 end as strength_reciprocity,
        round(least(10, 2 * activity.tenure_years), 2) as strength_tenure
    from names
    join int_person_activity as activity using (owner_id, person_id)
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
        cast(round(strength_offline + strength_online + strength_reciprocity + strength_tenure) as integer)
            as strength,
        last_met_in_person_at,
        connected_at,
        messages_in,
        messages_out,
        online_last_12_months,
        offline_last_12_months,
        strength_offline,
        strength_online,
        strength_reciprocity,
        strength_tenure,
        offline_points,
        online_points,
        given_points,
        received_points,
        tenure_years,
        first_contact_at,
        last_contact_at,
        last_personal_contact_at,
        has_personal_contact_last_12_months,
        profile_url
    from scored
)

select * from final
order by owner_id, strength desc, display_name, person_id
