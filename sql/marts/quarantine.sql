-- Public view: every record that could not be loaded, where it was and why.
with final as (
    select
        quarantined.owner_id,
        exports.source,
        quarantined.export_path as source_file,
        quarantined.member,
        quarantined.line,
        quarantined.reason,
        quarantined.excerpt
    from raw_quarantine as quarantined
    left join ingested_exports as exports using (owner_id, export_path)
)

select * from final
order by owner_id, source_file, member, line
