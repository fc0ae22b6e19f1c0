-- How much one interaction says about a relationship: points before recency weighting, declared as
-- data (public as the view `strength_weights`). Online interactions are weighed by `kind`, offline
-- ones by `mode`; a group conversation counts `group_weight` instead of `weight`.
--
--   * Direct messages and calls weigh more than reactions and mentions: writing and calling are
--     personal contact, a reaction is a gesture.
--   * Offline: meeting in person (or over a meal) weighs most, then video, phone, letter and gift;
--     a group event (a calendar event with many guests) least: the owner was there with each guest,
--     without a personal meeting.
--   * Weight 0 is "no interaction at all": looking at a profile, following, joining or leaving a
--     group chat, removing a friend, a rejected friend request. They stay in `interactions`
--     (provenance) but count nowhere else.
--   * `ledger` is the column of the `reciprocity` report a directed interaction is booked in
--     (what the owner gave and received); messages are booked once per conversation started.
--   * An online kind this version does not know counts as `(other)`, an offline entry without a
--     mode as `other`.
with weights (is_offline, activity, weight, group_weight, ledger, description) as (
    values
        (false, 'call', 2.0, 0.5, 'calls', 'a call on the platform (Messenger), missed calls included'),
        (false, 'recommendation', 3.0, 3.0, 'recommendations', 'a written recommendation (LinkedIn)'),
        (false, 'message', 1.0, 0.25, 'conversations', 'a message'),
        (false, 'comment', 0.5, 0.5, 'comments', 'a comment on the other''s content (Facebook)'),
        (false, 'reply', 0.5, 0.5, 'comments', 'a public reply to the other (Twitter/X)'),
        (false, 'endorsement', 0.5, 0.5, 'endorsements', 'a skill endorsement (LinkedIn)'),
        (false, 'connection', 0.5, 0.5, null, 'the connection itself (LinkedIn)'),
        (false, 'friendship', 0.5, 0.5, null, 'becoming friends (Facebook)'),
        (false, 'mention', 0.3, 0.3, 'comments', 'naming the other in a post (Twitter/X)'),
        (false, 'invitation', 0.25, 0.25, 'invitations', 'an invitation to connect (LinkedIn)'),
        (false, 'friend_request', 0.25, 0.25, 'invitations', 'a friend request (Facebook)'),
        (false, 'reaction', 0.2, 0.05, 'reactions', 'a reaction or like'),
        (false, 'retweet', 0.2, 0.2, 'comments', 'sharing the other''s post (Twitter/X)'),
        (false, 'share', 0.2, 0.2, 'comments', 'sharing a post of the other''s or of the owner''s (Facebook)'),
        (false, 'poke', 0.1, 0.1, 'reactions', 'a poke (Facebook)'),
        (false, 'profile_visit', 0.0, 0.0, null, 'looking at a profile: no interaction'),
        (false, 'follow', 0.0, 0.0, null, 'following: no interaction'),
        (false, 'group_join', 0.0, 0.0, null, 'joining or being added to a group chat: no interaction'),
        (false, 'group_leave', 0.0, 0.0, null, 'leaving a group chat: no interaction'),
        (false, 'friend_removed', 0.0, 0.0, null, 'a removed friend: no interaction'),
        (false, 'friend_request_rejected', 0.0, 0.0, null, 'a rejected friend request: no interaction'),
        (false, '(other)', 0.5, 0.125, null, 'an online kind this version does not know'),
        (true, 'in_person', 3.0, 3.0, null, 'a meeting in person'),
        (true, 'meal', 3.0, 3.0, null, 'a meal together (in person)'),
        (true, 'video', 2.0, 2.0, null, 'a video call'),
        (true, 'call', 1.5, 1.5, null, 'a phone call'),
        (true, 'letter', 1.0, 1.0, null, 'a letter'),
        (true, 'gift', 1.0, 1.0, null, 'a gift'),
        (true, 'group', 0.5, 0.5, null, 'a group event: more than 8 other guests (calendar), not a personal meeting'),
        (true, 'other', 1.0, 1.0, null, 'any other recorded contact')
),

final as (
    select
        is_offline,
        activity,
        cast(weight as double) as weight,
        cast(group_weight as double) as group_weight,
        ledger,
        description
    from weights
)

select * from final
order by is_offline, weight desc, activity
