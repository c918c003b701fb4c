"""Migration 0012, speed: roll-ups for the dashboards, and prefix indexes for search as you
type. Part of a shipped migration: never edit, add a new migration instead.

The roll-ups are kept up to date by triggers on every write, so a report over years
reads a row per day or per month instead of every answer (5,000 staff over 3 years:
review adherence 340 ms -> 1 ms). Staff only, as the reports are: no client figure is
kept here.

- ``report_review_days``: spaced reviews by the UTC day they were due, done on time (by
  the day after) or late (``review_log``).
- ``report_card_days``: review cards by the UTC day they are due (``review_cards``).
  ``INSERT OR REPLACE`` (the sample generator's) fires no delete trigger unless the
  connection has ``recursive_triggers`` on (sqlite-utils turns it on, ``sqlite3`` alone
  does not), so the row about to be replaced is noted in ``report_card_replaced`` before
  each insert and taken off after it, unless a delete trigger already did. The other
  roll-ups' tables are never written with REPLACE.
- ``report_learning_months``: per month and learner, the ``learning_time`` rows and
  their seconds (staff who learned in a month, hours).
- Indexes for lessons by module and learning time by lesson (module completion, lesson
  use read them in order instead of sorting).
- ``lesson_search`` again, with the same rows, plus FTS5 indexes of every word's first 1,
  2 and 3 letters: each word typed is a prefix query ("wi"*), which otherwise merges the
  entries of every word starting so (a 2,000-lesson index: 30 ms -> 1 ms to match).

Deleting a staff member removes their rows first (a cascade runs after the learner's row
is gone, when the triggers can no longer tell staff from clients); a learner changing
kind rebuilds the roll-ups.
"""

from __future__ import annotations


def statements() -> list[str]:
    """The migration's statements, in order (run in one transaction)."""
    staff = "(SELECT kind FROM learners WHERE id = {0}.learner_id) = 'staff'"
    staff_ids = "IN (SELECT id FROM learners WHERE kind = 'staff')"

    def review(row: str, sign: int) -> str:
        return (f"INSERT INTO report_review_days (day, on_time, late)"
                f" SELECT substr({row}.due, 1, 10), {sign} * ok, {sign} * (1 - ok) FROM"
                f" (SELECT coalesce({row}.reviewed_at < date({row}.due, '+2 day'), 0) AS ok)"
                f" WHERE {staff.format(row)} ON CONFLICT (day) DO UPDATE SET"
                " on_time = on_time + excluded.on_time, late = late + excluded.late;")

    def card(row: str, sign: int) -> str:
        return (f"INSERT INTO report_card_days (day, cards) SELECT substr({row}.due, 1, 10),"
                f" {sign} WHERE {staff.format(row)} ON CONFLICT (day) DO UPDATE SET"
                " cards = cards + excluded.cards;")

    def learned(row: str, sign: int) -> str:
        return (f"INSERT INTO report_learning_months (month, learner_id, entries, seconds)"
                f" SELECT substr({row}.day, 1, 7), {row}.learner_id, {sign},"
                f" {sign} * {row}.seconds WHERE {staff.format(row)}"
                " ON CONFLICT (month, learner_id) DO UPDATE SET"
                " entries = entries + excluded.entries, seconds = seconds + excluded.seconds;")

    prune = ("DELETE FROM report_learning_months WHERE month = substr(OLD.day, 1, 7)"
             " AND learner_id = OLD.learner_id AND entries <= 0;")
    key = ("learner_id = {0}.learner_id AND pack_id = {0}.pack_id"
           " AND lesson_id = {0}.lesson_id AND step_id = {0}.step_id")
    new_key, old_key = key.format("NEW"), key.format("OLD")
    fill = ("INSERT INTO report_review_days SELECT substr(due, 1, 10), sum(ok), sum(1 - ok)"
            " FROM (SELECT due, coalesce(reviewed_at < date(due, '+2 day'), 0) AS ok"
            f" FROM review_log WHERE learner_id {staff_ids}) GROUP BY 1;"
            "INSERT INTO report_card_days SELECT substr(due, 1, 10), count(*)"
            f" FROM review_cards WHERE learner_id {staff_ids} GROUP BY 1;"
            "INSERT INTO report_learning_months SELECT substr(day, 1, 7), learner_id,"
            f" count(*), sum(seconds) FROM learning_time WHERE learner_id {staff_ids}"
            " GROUP BY 1, 2;")
    return [
        "CREATE VIRTUAL TABLE lesson_search_prefixed USING fts5(pack_id UNINDEXED,"
        " lesson_id UNINDEXED, step_id UNINDEXED, language UNINDEXED, title, body,"
        " tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')",
        "INSERT INTO lesson_search_prefixed (rowid, pack_id, lesson_id, step_id, language,"
        " title, body) SELECT rowid, pack_id, lesson_id, step_id, language, title, body"
        " FROM lesson_search",
        "DROP TABLE lesson_search",
        "ALTER TABLE lesson_search_prefixed RENAME TO lesson_search",
        "CREATE INDEX lessons_by_module ON lessons (pack_id, module_id, id)",
        "CREATE INDEX learning_time_by_lesson"
        " ON learning_time (pack_id, lesson_id, learner_id, day, seconds)",
        "CREATE TABLE report_review_days (day TEXT PRIMARY KEY, on_time INTEGER NOT NULL,"
        " late INTEGER NOT NULL) WITHOUT ROWID",
        "CREATE TABLE report_card_days (day TEXT PRIMARY KEY, cards INTEGER NOT NULL)"
        " WITHOUT ROWID",
        "CREATE TABLE report_card_replaced (learner_id INTEGER NOT NULL, pack_id TEXT NOT"
        " NULL, lesson_id TEXT NOT NULL, step_id TEXT NOT NULL, day TEXT NOT NULL,"
        " PRIMARY KEY (learner_id, pack_id, lesson_id, step_id)) WITHOUT ROWID",
        "CREATE TABLE report_learning_months (month TEXT NOT NULL, learner_id INTEGER NOT"
        " NULL REFERENCES learners(id) ON DELETE CASCADE, entries INTEGER NOT NULL,"
        " seconds INTEGER NOT NULL, PRIMARY KEY (month, learner_id)) WITHOUT ROWID",
        f"CREATE TRIGGER report_review_insert AFTER INSERT ON review_log BEGIN"
        f" {review('NEW', 1)} END",
        f"CREATE TRIGGER report_review_delete AFTER DELETE ON review_log BEGIN"
        f" {review('OLD', -1)} END",
        f"CREATE TRIGGER report_review_update AFTER UPDATE OF learner_id, due, reviewed_at"
        f" ON review_log BEGIN {review('OLD', -1)} {review('NEW', 1)} END",
        f"CREATE TRIGGER report_card_before_insert BEFORE INSERT ON review_cards"
        f" WHEN {staff.format('NEW')} BEGIN DELETE FROM report_card_replaced WHERE {new_key};"
        " INSERT INTO report_card_replaced SELECT learner_id, pack_id, lesson_id, step_id,"
        f" substr(due, 1, 10) FROM review_cards WHERE {new_key}; END",
        f"CREATE TRIGGER report_card_insert AFTER INSERT ON review_cards"
        f" WHEN {staff.format('NEW')} BEGIN UPDATE report_card_days SET cards = cards - 1"
        f" WHERE day = (SELECT day FROM report_card_replaced WHERE {new_key});"
        f" DELETE FROM report_card_replaced WHERE {new_key}; {card('NEW', 1)} END",
        f"CREATE TRIGGER report_card_update AFTER UPDATE OF learner_id, due ON review_cards"
        f" BEGIN DELETE FROM report_card_replaced WHERE {new_key}; {card('OLD', -1)}"
        f" {card('NEW', 1)} END",
        f"CREATE TRIGGER report_card_delete AFTER DELETE ON review_cards BEGIN"
        f" DELETE FROM report_card_replaced WHERE {old_key}; {card('OLD', -1)} END",
        f"CREATE TRIGGER report_time_insert AFTER INSERT ON learning_time BEGIN"
        f" {learned('NEW', 1)} END",
        f"CREATE TRIGGER report_time_delete AFTER DELETE ON learning_time BEGIN"
        f" {learned('OLD', -1)} {prune} END",
        f"CREATE TRIGGER report_time_update AFTER UPDATE OF learner_id, day, seconds"
        f" ON learning_time BEGIN {learned('OLD', -1)} {learned('NEW', 1)} {prune} END",
        "CREATE TRIGGER report_staff_delete BEFORE DELETE ON learners WHEN OLD.kind = 'staff'"
        " BEGIN DELETE FROM review_log WHERE learner_id = OLD.id;"
        " DELETE FROM review_cards WHERE learner_id = OLD.id;"
        " DELETE FROM learning_time WHERE learner_id = OLD.id; END",
        "CREATE TRIGGER report_kind_change AFTER UPDATE OF kind ON learners"
        " WHEN OLD.kind IS NOT NEW.kind BEGIN DELETE FROM report_review_days;"
        " DELETE FROM report_card_days; DELETE FROM report_learning_months;"
        f" {fill} END",
        *fill.rstrip(";").split(";"),
    ]
