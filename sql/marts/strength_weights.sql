-- Public view: the weight of each kind of interaction (online, by kind) and of each offline mode,
-- as `strength` uses it; `ledger` is the column of the reciprocity report it is booked in.
-- Weight 0 means "no interaction at all". See sql/intermediate/int_interaction_weights.sql.
with final as (
    select
        is_offline,
        activity,
        weight,
        group_weight,
        ledger,
        description
    from int_interaction_weights
)

select * from final
order by is_offline, weight desc, activity
