-- Public view, rule 4 ("give first, then take"): per contact, what the owner gave against what
-- they received, outside group conversations (int_person_activity):
--
--   given_/received_conversations   direct conversations started by the owner / by the contact (a
--                                   message after 7 days of silence in a conversation starts a new one)
--   given_/received_calls           calls on a platform
--   given_/received_endorsements, _recommendations   on LinkedIn
--   given_/received_reactions       reactions, likes, pokes
--   given_/received_comments        comments, public replies, mentions, shares
--   given_/received_invitations     invitations and friend requests: who reached out to connect
--   given_points, received_points   the same weighed as in strength_weights (a recommendation 3, a
--                                   conversation 1, a reaction 0.2, …)
--   balance                         given_points - received_points: below 0, the owner took more
--   given_share                     given_points / (given_points + received_points), 0-1
-- Listed: contacts with anything given or received; those the owner owes most first.
with final as (
    select
        contacts.owner_id,
        contacts.person_id,
        contacts.display_name,
        contacts.platforms,
        activity.given_conversations,
        activity.received_conversations,
        activity.given_calls,
        activity.received_calls,
        activity.given_endorsements,
        activity.received_endorsements,
        activity.given_recommendations,
        activity.received_recommendations,
        activity.given_reactions,
        activity.received_reactions,
        activity.given_comments,
        activity.received_comments,
        activity.given_invitations,
        activity.received_invitations,
        activity.given_points,
        activity.received_points,
        round(activity.given_points - activity.received_points, 3) as balance,
        round(activity.given_points / (activity.given_points + activity.received_points), 2) as given_share,
        contacts.strength
    from contacts
    join int_person_activity as activity using (owner_id, person_id)
    where activity.given_points + activity.received_points > 0
)

select * from final
order by owner_id, balance, received_points desc, display_name, person_id
