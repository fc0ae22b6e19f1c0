-- Public view: what of each export was not read, each row with one line on what to do: files this
-- version does not know (`unknown`), files it leaves out on purpose (`ignored`), records it refused
-- (`quarantined`: every record is in `quarantine`), files read whole with nobody in them
-- (`no_people`: a calendar of holidays), and notes on files read that tell the owner something (`parsed`); and
-- the files of the inbox that no source recognises (`unknown`, source null: the file is its own row).
--
--   one row per   unknown, empty or noted file; reason shared by ignored files (tens of thousands of
--                 photos in a large Facebook export are one row) and by the files of a Google Takeout
--                 product no source reads (a Google Chat of thousands of files is one row); file and
--                 reason of refused records
--   files         how many files the row stands for
--   records       refused records (quarantined), null for a file
--   what_to_do    from `advice`: the first row of the same handling whose pattern matches the reason
--
-- Per export, records read = loaded + quarantined (`ingested_exports`); `records` sums to quarantined.
with members as (
    select owner_id, export_path, member, handling, coalesce(note, '') as reason,
        handling = 'unknown' and starts_with(coalesce(note, ''), 'Google Takeout: ') as takeout_product
    from raw_members
),

unread_files as (
    select owner_id, export_path, handling, member, count(*) as files, null::bigint as records,
        null::bigint as first_line, reason
    from members
    where (handling in ('unknown', 'no_people') or (handling = 'parsed' and reason <> ''))
        and not takeout_product
    group by owner_id, export_path, handling, member, reason
),

grouped_files as (
    select owner_id, export_path, handling, min(member) as member, count(*) as files, null::bigint as records,
        null::bigint as first_line, reason
    from members
    where handling = 'ignored' or takeout_product
    group by owner_id, export_path, handling, reason
),

refused as (
    select owner_id, export_path, 'quarantined' as handling, member, 1 as files, count(*) as records,
        min(line) as first_line, coalesce(reason, '') as reason
    from raw_quarantine
    group by owner_id, export_path, member, coalesce(reason, '')
),

items as (
    select items.*, exports.source
    from (
        select * from unread_files
        union all
        select * from grouped_files
        union all
        select * from refused
    ) as items
    left join ingested_exports as exports using (owner_id, export_path)
),

-- a note on a file read that no advice matches tells nothing to act on: the inner join drops it
advised as (
    select items.*, advice.is_actionable, advice.what_to_do
    from items
    join advice
        on advice.handling = items.handling
        and (advice.source is null or advice.source = items.source)
        and regexp_matches(items.reason, advice.pattern)
    qualify row_number() over (
        partition by items.owner_id, items.export_path, items.handling, items.member, items.reason
        order by advice.source is null, advice.priority) = 1
),

-- a file of the inbox that no source recognises is no export's: listed as itself (source null), with what it is
-- and what to do as the run found them (``sources.unrecognised``)
inbox_files as (
    select owner_id, null as source, path as export_path, path as member, 'unknown' as handling, 1 as files,
        null::bigint as records, null::bigint as first_line, reason, true as is_actionable, what_to_do
    from inbox_unread
),

final as (
    select
        advised.owner_id,
        advised.source,
        advised.export_path as source_file,
        advised.member,
        advised.handling,
        advised.files,
        advised.records,
        advised.first_line,
        advised.reason,
        advised.is_actionable,
        advised.what_to_do
    from advised

    union all

    select * from inbox_files
)

select * from final
order by owner_id, source_file,
    case handling when 'unknown' then 1 when 'quarantined' then 2 when 'parsed' then 3 when 'no_people' then 4
        else 5 end,
    not is_actionable, records desc nulls last, member, reason
