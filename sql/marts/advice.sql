-- Public view: what the owner can do about a file not read, a record refused or a note on a file read,
-- declared as data: `not_read` takes, for each of its rows, the first advice of the same handling
-- whose `pattern` matches the reason: one for the export's source first, then by `priority`.
--
--   handling        unknown: a file this version does not know; ignored: a file it leaves out on
--                   purpose; quarantined: a record refused; no_people: a file read whole with nobody
--                   in it; parsed: a note on a file that was read (only notes some pattern matches are
--                   shown: the others tell nothing to act on)
--   source          null: any export; journal: the owner wrote the file, so the owner can mend it
--   pattern         a regular expression (RE2) searched in the reason; the empty pattern matches any
--                   reason: the fallback of its handling
--   is_actionable   the owner can do something (download again, report a form); false: nothing to do
--
-- Reasons name a field, then the problem (`connected on: date in no known format`), so patterns match
-- the problem. A refused record whose reason only the fallback matches is a reason without advice: a
-- test fails on every fixture that yields one, so add its row here.
with advice (handling, source, priority, pattern, is_actionable, what_to_do) as (
    values
        ('unknown', null, 10, 'data copy', true,
         'a file of XING''s data copy this version does not read: if it holds people, report its name and header '
            || '(no data)'),
        ('unknown', null, 15, 'still in iCloud Drive', true,
         'open its folder in Finder (or the Files app) and choose Download Now on it (or on the whole folder), then '
            || 'run again'),
        ('unknown', null, 20, 'not an iCalendar file', true,
         'not read as a calendar: if it is one, export it again from your calendar app as .ics'),
        ('unknown', null, 30, 'not a vCard', true,
         'not read as an address book: if it is one, export your contacts again as vCard (.vcf)'),
        ('unknown', null, 31, ', not read by this version: ', true,
         'export the contacts or calendar from that program as the reason says, and ingest that file'),
        ('unknown', null, 32, 'a Thunderbird address book that cannot be read', true,
         'copy the file again from the Thunderbird profile with Thunderbird closed, or export the book as vCard '
            || '(.vcf) from Thunderbird''s Address Book'),
        ('unknown', null, 33, 'an SQLite database, but not a Thunderbird address book', true,
         'export the contacts from the program that wrote it as vCard (.vcf); if it holds people and no such export '
            || 'exists, open an issue with its file name (no data)'),
        ('unknown', null, 34, 'a phone''s address book that cannot be read', true,
         'copy the file again from the phone or its backup (an encrypted backup must be decrypted first), or '
            || 'export the contacts as vCard (.vcf) from the phone''s Contacts app'),
        ('unknown', null, 35, 'an SQLite database, but not a phone''s address book', true,
         'export the contacts from the phone''s Contacts app as vCard (.vcf) and ingest that file'),
        ('unknown', null, 36, 'a phone''s address book larger than', true,
         'raise UNSOCIAL_MAX_ADDRESS_BOOK_BYTES if the file is really this large, or export the contacts as vCard '
            || '(.vcf) from the phone'),
        ('unknown', null, 40, '^Google Takeout: .*not read by this version', true,
         'a Google product this version does not read yet: the people in it are not counted; nothing to send'),
        ('unknown', 'journal', 42, 'sheet of the journal''s workbook', true,
         'if this sheet lists meetings, calls or meals, give its first row the journal''s header (date, name, '
            || 'email, phone, kind, note); else nothing to do'),
        ('unknown', null, 45, 'Instagram is not read by this version', false,
         'nothing to send: Instagram is not read by this version yet, so the accounts in this file are not counted'),
        ('unknown', null, 99, '', true,
         'this version does not read it; if it holds people, open an issue with its file name and header (no data)'),

        ('ignored', null, 5, 'a subscription address, not a calendar', true,
         'download the calendar from that address (or export it as .ics from your calendar app) and ingest that '
            || 'file'),
        ('ignored', null, 7, 'conversations? \(of [0-9]+\) whose files are not in this export', true,
         'Messenger''s index names conversations whose files this export lacks: download your messages again (all '
            || 'of them, in one request) and put every zip of the download into the inbox'),
        ('ignored', null, 10, 'download the export in JSON format', true,
         'download the export again in JSON format: this version reads these records from the JSON files'),
        ('ignored', null, 20, 'not documented', true,
         'its layout is not documented: if it holds people, open an issue with its file name and keys (no data)'),
        ('ignored', null, 30, 'later version', false,
         'nothing to do now: a later version reads it'),
        ('ignored', null, 40, 'not relationships', false,
         'nothing to do: accounts you blocked or muted are not relationships, so they are left out'),
        ('ignored', null, 50, 'Instagram is not read by this version', false,
         'nothing to do: Instagram is not read by this version yet, so the accounts in this file are not counted'),
        ('ignored', null, 99, '', false,
         'nothing to do: it holds no other person, or the same records are read from another file'),

        ('quarantined', 'journal', 10, 'date in no known format|weekday does not match|different months|not decided'
            || '|date out of range', true,
         'write the date as YYYY-MM-DD in that row of your journal'),
        ('quarantined', 'journal', 20, 'missing', true,
         'fill in that field in that row of your journal: date and name are needed'),
        ('quarantined', 'journal', 30, 'not one of meeting', true,
         'in that row of your journal, write a kind of meeting, call, meal, event, letter, gift, other, or none'),
        ('quarantined', 'journal', 35, 'a message \(text, e-mail, chat\) is no offline contact', false,
         'nothing to do: the journal counts contact off the networks (meetings, calls, meals, letters, gifts); '
            || 'a message does not make someone met offline, so the row is left out'),
        ('parsed', 'journal', 10, 'columns not the journal''s, not read', false,
         'nothing to do: your own columns (a place, a form''s timestamp) are kept in your file, not read; the '
            || 'journal''s columns are date, name, email, phone, kind, note'),

        -- a phone's calls, of a call log or of the log Facebook uploaded (facebook/call_logs.py)
        ('quarantined', null, 7, 'withheld or unknown, no one to tie the call to', false,
         'nothing to do: the phone did not show who called (a withheld number), so the call counts for no one'),
        ('quarantined', null, 8, 'a service code or short number, no person', false,
         'nothing to do: a call to a service (your voicemail, a short number) is no contact with a person'),
        ('quarantined', 'calls', 30, 'the same call as in another backup file of this export', false,
         'nothing to do: backups repeat the calls of the backup before; each call is counted once'),
        ('quarantined', 'calls', 35, 'no phone number to tie the call to', false,
         'nothing to do: a Signal or Teams call in iMazing''s call history names an app''s own id or a meeting, not '
            || 'a phone number, so it counts for no one; a call with someone you know can go into your journal'),
        ('quarantined', 'calls', 40, 'not well-formed XML from here on|not a JSON list of calls|call: not an object',
         true, 'make the backup again, or copy the file again from the phone: it breaks off, and the calls after '
            || 'that point are not in what was read'),
        ('quarantined', 'calls', 44, 'a value longer than 1 MiB from here on', true,
         'check that the file is your phone''s call log as the app wrote it; if it is, open an issue with the app''s '
            || 'name and version (no data)'),
        ('quarantined', 'calls', 45, 'a Google Voice page larger than 1 MiB', true,
         'check that the file is a page of your Google Voice Takeout; if it is, open an issue with its size (no data)'),
        ('quarantined', 'calls', 50, 'not a time in milliseconds|not a number of seconds', true,
         'the call''s time or length is not written as the app writes it: make the backup again with the app; if '
            || 'it stays so, open an issue with the app''s name and version (no data)'),
        ('quarantined', 'facebook', 49, 'no contact of the address book holds it', false,
         'nothing to do: a text message of a number no contact of the address book Facebook uploaded holds names no '
            || 'one'),
        ('quarantined', 'facebook', 50, 'not a time in milliseconds|not a number of seconds', true,
         'the call''s time or length is not written as Facebook writes it: download the export again; if it stays '
            || 'so, open an issue with the file name (no data)'),
        ('quarantined', 'calls', 60, 'Google Voice: in spam', false,
         'nothing to do: Google Voice filed these calls as spam; if someone you know is among them, mark their '
            || 'number "Not spam" in Google Voice and export Voice again with Google Takeout'),
        ('quarantined', 'calls', 71, 'not an SQLite database that can be read|damaged from here on \(SQLite', true,
         'copy the call history again (from a backup that is not encrypted: an encrypted backup''s files cannot '
            || 'be read), with its -wal file beside it; or export the call log with an app as XML'),
        ('quarantined', 'calls', 72, 'without a call log''s table', true,
         'this database is not a phone''s call history: ingest the phone''s own file (CallHistory.storedata, '
            || 'calllog.db) or a backup app''s call log; if it is one, open an issue with its table names (no data)'),
        ('quarantined', 'calls', 73, 'limit UNSOCIAL_MAX_CALL_LOG_BYTES', true,
         'if the file is the phone''s call history, set UNSOCIAL_MAX_CALL_LOG_BYTES above its size and ingest again'),
        ('ignored', 'calls', 10, 'text messages: a message is no offline contact', false,
         'nothing to do: a text message is no offline contact; the calls beside it are read'),

        ('quarantined', 'xing', 10, 'cannot tell the owner', true,
         'which side is yours could not be told: put the whole data copy (every file under data/messages-backend/) '
            || 'into the inbox; if it is whole, open an issue (no data)'),
        -- Instagram's group DMs of 2022 have Messenger's very keys and paths (LoIoch/terhtereytryert message_1.json:
        -- participants by username, no media under your_instagram_activity/): no safe mark tells them from Messenger's
        ('quarantined', 'facebook', 10, 'cannot tell the owner', true,
         'which side is yours could not be told: add your profile (profile_information, from the same Facebook '
            || 'download) to the export; if these are Instagram messages (people named by their Instagram '
            || 'usernames), nothing to do: Instagram is not read by this version'),

        ('quarantined', null, 10, 'not valid JSON|truncated|damaged|cut off|cannot be parsed|without its BEGIN'
            || '|outside any vCard|holds another VEVENT', true,
         'the file is damaged or cut off here: download or export it again'),
        ('quarantined', null, 12, 'not the JSON a platform writes', true,
         'not JSON as the platform writes it (one line of more than 64 MiB): download the export again; if it stays, '
            || 'open an issue with the file name (no data)'),
        ('quarantined', null, 15, 'not base64 UTF-8', true,
         'a value is damaged in the file (its base64 is no text): export the address book again'),
        ('quarantined', null, 20, 'owner''s account id is unknown', true,
         'account.js and manifest.js are missing: put the whole archive into the inbox'),
        ('quarantined', null, 30, 'cannot tell the owner|owner is unknown|owner unknown', true,
         'which side is yours could not be told: add your profile (Profile.csv, profile_information) to the export'),
        ('quarantined', null, 40, 'differs from the owner', true,
         'two accounts'' archives are mixed in one export: give each account its own folder or zip'),
        ('quarantined', null, 50, 'date in no known format', true,
         'a date form this version does not read: open an issue with the column and the form (like M/D/YY), no data'),
        ('quarantined', null, 55, 'in a form this version does not read', true,
         'a time form this version does not read (a language or layout not yet known): open an issue with the file '
            || 'name and the time as written, no names'),
        ('quarantined', null, 60, 'without a UTC offset|time zone not known|time zone offset', true,
         'a time zone this version does not read: open an issue with the file name and the time''s form (no names)'),
        ('quarantined', null, 70, 'unknown time zone', true,
         'a time zone the file does not define: export the calendar again; if it stays, open an issue with its name'),
        ('quarantined', null, 80, 'language not recognised', true,
         'a language this version does not read: download the export in English, or report the wording (no names)'),
        ('quarantined', null, 90, 'a year before', false,
         'nothing to do: the export wrote a bogus date into this record (a known Twitter bug)'),
        ('quarantined', null, 100, '-1, not an account', false,
         'nothing to do: the export names no account here (Twitter writes -1 for one it no longer knows)'),
        ('quarantined', null, 110, 'already read', false,
         'nothing to do: the export repeats this record, which is counted once'),
        ('quarantined', null, 120, 'deleted or deactivated account', false,
         'nothing to do: the platform no longer names this account'),
        ('quarantined', null, 125, 'sponsored message \(an advertiser\)', false,
         'nothing to do: an advertiser''s sponsored message, not a person you talk to'),
        ('quarantined', null, 130, 'never sent', false,
         'nothing to do: a draft you never sent'),
        ('quarantined', null, 140, 'besides the owner|no counterpart|reacting to their own'
            || '|no other member of the group is known', false,
         'nothing to do: nobody but you in it'),
        ('quarantined', 'calendar', 148, 'an earlier version of an event of this file|the same event again in this file',
         false, 'nothing to do: the event is read once, in its latest version'),
        ('quarantined', null, 149, 'the header again', false,
         'nothing to do: a header line repeated inside the file (two files joined into one) is no record; the rows '
            || 'after it were read'),
        ('quarantined', null, 150, 'row has [0-9]+ fields, the header|not quoted', true,
         'more or fewer fields than the header (a comma or line break in a value?): fix the row in a copy of the file'),
        ('quarantined', null, 160, 'not one of|neither', true,
         'a value this version does not know: open an issue naming the field and the kind of value (no data)'),
        ('quarantined', null, 170, 'all missing|all empty|columns empty; the phone column only an operator', false,
         'nothing to do: the entry names nobody (no name, e-mail or phone)'),
        ('quarantined', null, 180, 'weekday does not match', true,
         'a weekday that does not match its date: open an issue with the file name and the date''s form (no data)'),
        ('quarantined', null, 185, 'date out of range', false,
         'nothing to do: a date at the edge of the calendar (like 0001-01-01), which some programs write for no date'),
        ('quarantined', null, 190, 'order of this file not decided', true,
         'a date like 03/04/2025 (March or April?) in a file whose day and month order is not decided: download '
            || 'the export in JSON format, or open an issue with the file name and the date''s form (no data)'),
        ('quarantined', null, 195, 'month name of different months', true,
         'a month name that means different months in different languages (listopad: October or November): '
            || 'download the export in English, or open an issue with the file name and its language (no data)'),
        ('quarantined', null, 200, 'not a valid value|given more than once|cannot be expanded', true,
         'a calendar entry this version cannot read: save it again in your calendar app, then export again'),
        ('quarantined', null, 205, 'limit UNSOCIAL_MAX_(ICS_STEPS|ICS_INSTANCES|ICS_SECONDS|ROWS_PER_BYTE|VCARD)', true,
         'far more than a calendar or address book holds (a rule repeating every second, a card of thousands of '
            || 'addresses): if it is genuine, raise the limit the reason names'),
        ('quarantined', null, 206, 'limits the days|instances overlap|gives no start at all|never moves on', false,
         'nothing to do: a repeating event no calendar program writes (it falls on no date, or repeats every hour, '
            || 'minute or second on some days only)'),
        ('quarantined', null, 210, 'longer than [0-9]+ characters', true,
         'an event too large to read (an attachment inside?): raise UNSOCIAL_MAX_ICS_EVENT_CHARS, or export again'),
        ('quarantined', null, 220, 'not a number|not a positive number|out of range|not numeric|not a numeric', true,
         'a value of the wrong kind: download the export again; if it stays, open an issue naming the field (no data)'),
        ('quarantined', null, 230, 'not a JSON object|not an object|no messages list|of unknown type'
            || '|not a one-to-one message', true,
         'a record of a shape this version does not know: open an issue naming the file and the field (no data)'),
        ('quarantined', null, 240, 'should have at least|should be|Field required', true,
         'a field this version needs is empty or of the wrong kind: open an issue naming the field (no data)'),
        ('quarantined', null, 900, 'missing', false,
         'nothing to recover: the export leaves a needed field empty; if many records say so, download it again'),
        ('quarantined', null, 999, '', true,
         'a reason this version has no advice for: open an issue with the file name and the reason (no data)'),

        ('parsed', null, 10, 'not in this export', true,
         'a file the manifest lists is missing: put every zip of a split download into the inbox'),
        ('parsed', null, 15, 'missing from this copy', true,
         'months of tweets the archive''s index lists are missing: download the archive again, or copy its whole '
            || 'data/js/tweets folder'),
        ('parsed', null, 18, 'contacts deleted on the phone \(left out\)', false,
         'nothing to do: contacts deleted on the phone stay in its database until it syncs; they are not counted'),
        ('parsed', null, 17, '^Thunderbird''s Collected Addresses', false,
         'nothing to do: the people you wrote to from Thunderbird, read as address-book entries though you may '
            || 'never have saved them as contacts'),
        ('parsed', null, 18, 'own details, no other person is missing', false,
         'nothing to do: the file holds only your own details (phone number, profile, screen names), so fewer '
            || 'entries than the archive''s index says loses no one'),
        ('parsed', null, 20, 'counts [0-9]+ entries, the file holds', true,
         'fewer records than the archive''s index (manifest.js, tweet_index.js) says: download the archive again if '
            || 'people are missing'),
        ('parsed', null, 30, 'layout not recognised', true,
         'an HTML layout this version does not know: download the export in JSON format, or report the file name'),
        ('parsed', null, 40, 'floating times read as UTC', true,
         'times may be off by your time zone: export the calendar again with its time zone'),
        ('parsed', null, 42, 'read at the fixed offset their name gives', false,
         'nothing to do unless times look an hour off: the calendar names zones as Windows displays them, and for '
            || 'places this version does not know the offset in the name was taken, without summer time'),
        ('parsed', null, 43, 'named by their offset', false,
         'nothing to do: the calendar names zones by their offset (GMT-0400), and times were read at that offset'),
        ('parsed', null, 44, 'repeating more often than yearly or past what a file', true,
         'a time zone no calendar program writes (it repeats more often than yearly, or the file defines far too '
            || 'many): export the calendar again; if it stays, open an issue with the file name (no data)'),
        ('parsed', null, 77, 'answers and cancellations without a time of their own', false,
         'nothing to do: replies to and cancellations of invitations name a meeting without its time; they are no '
            || 'meetings'),
        ('parsed', null, 50, 'owner is undecided', true,
         'add Profile.csv from the same export: until then the messages of those tied for owner are refused'),
        ('parsed', null, 52, 'the owner taken from [0-9]+ .+ notices', false,
         'nothing to do unless your messages show as someone else''s: no profile named you, so you were told by '
            || 'Messenger''s notices; add your profile (profile_information) from the same export to be sure'),
        ('parsed', null, 54, 'names carried by several friends', false,
         'nothing to do: Facebook names friends by name alone, so two friends of one name are one contact here'),
        ('parsed', null, 55, 'on several connections with no profile URL', false,
         'nothing to do: the export names these connections by name alone, so two people of one name are one '
            || 'contact here'),
        ('parsed', null, 56, 'of this export left out \(a copy of it\)', false,
         'nothing to do: a copy of a file beside it; the people on both are counted once, those only on the copy are '
            || 'read'),
        ('parsed', null, 60, 'dates read (day|month)-first', false,
         'nothing to do unless dates look wrong: the day and month order was decided for the whole file'),
        ('parsed', null, 70, 'dated at the download', false,
         'nothing to do: the export gives these no date, so they count from the day of the download'),
        ('parsed', null, 74, 'not answered by the owner', false,
         'nothing to do: a calendar''s events the owner declined, never answered, or holds alone are no meetings; '
            || 'the note counts each kind (answer an invitation in your calendar app if you went)'),
        ('parsed', null, 75, 'not happened yet when it was saved', false,
         'nothing to do: a meeting invitation saved before the meeting; its guests are kept as people you know, '
            || 'without a meeting'),
        ('parsed', null, 75, 'known only from meetings after the export''s time', false,
         'nothing to do: meetings planned after the calendar was exported (or last changed) are not counted as met; '
            || 'their guests are kept as people you know; export the calendar again later to count them'),
        ('parsed', null, 76, 'saved by someone not known', false,
         'nothing to do: a meeting invitation saved from an e-mail, and nothing tells whose; its guests are kept as '
            || 'people you know, without a meeting'),
        ('parsed', null, 76, 'whose owner is not known \(no address stands out', false,
         'nothing to do: nothing in the calendar tells whose it is (no address is in more of its events than the '
            || 'others); its guests are kept as people you know, without a meeting'),
        ('parsed', 'twitter', 78, 'carr(y|ies) a date only: read at 00:00 UTC', false,
         'nothing to do: Twitter''s old archive (data/js/tweets) kept only the day of tweets of before November '
            || '2010; they are placed at the start of that day, UTC'),
        ('parsed', 'twitter', 79, 'group conversations, the one account in every one of them', false,
         'nothing to do unless your messages show as someone else''s: no account.js or manifest.js named you, so '
            || 'you were taken as the one account in all your group conversations; add data/account.js from the '
            || 'same archive to be sure'),
        ('parsed', 'twitter', 80, 'earlier versions of edited posts', false,
         'nothing to do: X keeps each version of an edited post as a tweet of its own; each post was counted once, '
            || 'with the people its last version names, at the time it was first posted'),
        ('parsed', null, 80, 'undated entries kept as accounts only', false,
         'nothing to do: the export gives these no date; they are kept as accounts, without one'),
        ('parsed', 'facebook', 81, 'people under a heading this version does not know', true,
         'a list of the friends page has a heading this version does not know: its people are kept as accounts '
            || 'only, with no friendship, request or follow; report the heading (no names) so it can be read'),
        ('parsed', null, 85, 'calendar entries, to-do items and notes of a phone backup', true,
         'the phone''s calendar in a Gammu backup is not read: to count its meetings, convert it with '
            || '"gammu convertbackup <file>.backup calendar.ics" and ingest that file'),
        ('parsed', null, 90, 'zone [A-Z]+ read as', false,
         'nothing to do unless times look hours off: the zone abbreviation names several zones, the note says which '
            || 'was taken (src/ingest/data/time_zones.csv lists the others)'),
        ('parsed', null, 95, 'numbers without a country code not linked', true,
         'the address book holds numbers of several countries, none of them the one numbers without a country code '
            || 'are read in (UNSOCIAL_PHONE_REGION): each was read in the one of its countries it is valid in, the '
            || 'others are left out (the note counts both); to link those, write them with their country code (+…) '
            || 'in your phone and export again'),
        ('parsed', null, 96, 'UNSOCIAL_PHONE_REGION sets, though many are not valid there', true,
         'numbers written without a country code were read in the country UNSOCIAL_PHONE_REGION names (DE unless '
            || 'set), but many are no valid number there, and nothing in the file said which country they are of: if '
            || 'your contacts live elsewhere, set UNSOCIAL_PHONE_REGION to that country''s code (LK, IN, CN…) and '
            || 'ingest the file again'),
        ('parsed', null, 100, 'not UTF-8: read as', false,
         'nothing to do unless names look garbled: the file is not UTF-8, and the note says which code page its '
            || 'words showed; if it is the wrong one, save the file again as UTF-8'),

        ('no_people', null, 50, 'address book is empty', false,
         'nothing to do: the address book in the export is empty (no contact was uploaded from a phone)'),
        ('no_people', null, 52, 'Google Voice''s list of the owner''s own phone numbers', false,
         'nothing to do: Google Voice lists your own numbers there, not a contact'),
        ('no_people', null, 54, 'none of the products in this Takeout is one this version reads', true,
         'its products are listed above, none read by this version: to count your contacts and meetings, export '
            || 'Contacts and Calendar with Google Takeout and ingest that archive'),
        ('no_people', null, 56, 'Android''s contacts database without calls', false,
         'nothing to do: this phone keeps its calls in calllog.db (give that file for them); the contacts in this '
            || 'file are read as an address book'),
        ('no_people', null, 60, 'calendar entries, to-do items and notes of a phone backup', true,
         'no phone book in this Gammu backup, and its calendar is not read: to count its meetings, convert it with '
            || '"gammu convertbackup <file>.backup calendar.ics" and ingest that file'),
        ('no_people', null, 99, '', false,
         'nothing to do: read whole, and nobody is in it (holidays, birthdays, your own appointments)')
),

final as (
    select
        handling,
        source,
        priority,
        pattern,
        is_actionable,
        what_to_do
    from advice
)

select * from final
order by handling, source nulls last, priority
