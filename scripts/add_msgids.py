#!/usr/bin/env python3
"""Gives every diagnostic raised in lib/ a stable message identifier, written at the call.

A diagnostic is raised by a call of one of the functions in scripts/msgid_scan.py's RAISERS
(gv_sc_err_at, gv_error_set, gv_diag_add, …). Each takes a message identifier right before its format:

    gv_sc_err_at(sc, node, "rule.floor_above_max", "the floor is above the point's maximum");

This script finds the raise calls that have none yet and inserts one: the identifier TABLE below gives
for the call's format string (the English words, as written in the source), or, for a message the
table does not know, one made of the area and the message's main words (`<area>.<words>`), so that a
run always completes. Calls that already have an identifier are left as they are: running it twice
changes nothing. A call written across several lines gets the identifier on the line of its format
(or on the line before, or on a line of its own, when that line would grow past 120 columns).

Usage, from the repository root:

    python3 scripts/add_msgids.py              # every .c and .h file under lib/
    python3 scripts/add_msgids.py FILE...      # only these
    python3 scripts/add_msgids.py --dry-run    # print what it would insert, change nothing

It reports what it inserted (file:line: id), marking the identifiers it made up for messages TABLE does
not know (review them, and put a better name in TABLE when there is one: a re-run keeps what is in the
source), and exits 1 when a call needs a hand edit: a wrapper that
passes on its own `fmt` (give it an `id` parameter and pass that on) or a call with too few arguments.
Then run scripts/check_msgids.py. Standard library only.
"""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import msgid_scan as ms  # noqa: E402

# The identifier of each message, by its format string as written in the source (string literals joined,
# escapes as written; a macro inside it as {}, a format that is one macro as {NAME}). A key may start with
# "function|" to name the message of one function only (for formats such as "%s" that say nothing).
# One message raised from several places deliberately has one identifier; two messages never share one.
TABLE = {
    # api
    'no place for the answer (out is NULL)': "api.out_null",
    'no data': "api.data_null",
    'no built-in calendar id given': "api.builtin_calendar_id_null",
    "no built-in calendar '%s'": "api.builtin_calendar_unknown",
    'no file name given': "api.file_name_null",
    "%s is outside the calendar '%s', which covers %d to %d": "api.date_outside_calendar",
    'no date given': "api.date_null",
    'no calendar given': "api.calendar_null",
    'the number of working days is %d; it must be 0 or more': "api.workdays_negative",
    'the number of days is %d; it must be 0 or more': "api.days_negative",
    'unknown flags 0x%x (only GOVOPEN_JSON_PRETTY)': "api.flags_unknown",
    'no evaluation given': "api.evaluation_null",
    'unknown observation format %d (see govopen_format)': "api.format_unknown",
    'no framework given': "api.framework_null",
    '%s cannot change once observations have been added: set it first': "api.setting_after_observations",
    'the period ends before it starts': "api.period_backwards",
    '%s (%d) is %{}; it must be %{} to %{}': "api.setting_out_of_range",
    'evaluation setting %d is unknown, or %{} is out of its range': "api.evaluation_setting_unknown",
    'no calendar file name given': "api.calendar_file_null",
    'no write callback given': "api.write_callback_null",
    'the write callback stopped the output': "api.write_stopped",
    'no built-in framework id given': "api.builtin_framework_id_null",
    "no built-in framework '%s'": "api.builtin_framework_unknown",
    'no options object given': "api.options_null",
    'GOVOPEN_OPT_EXTENDS_ROOT is a string option: use govopen_options_set_string()': "api.option_is_string",
    'no loader option %d': "api.option_unknown",
    'gv_error_ensure|%s: %s': "api.call_failed",
    # date
    "invalid date '%s': %s": "date.invalid",
    "'%s' is not a date (YYYY-MM-DD): %s": "date.not_ymd",
    # limit
    'the scalar is %zu bytes long, more than the limit of %zu (GOVOPEN_OPT_MAX_STRING)': "limit.scalar_too_long",
    'the file is larger than the limit of %zu bytes (GOVOPEN_OPT_MAX_SIZE)': "limit.file_too_large",
    'the evaluation already holds %zu observation records, the limit (GOVOPEN_EVAL_MAX_OBSERVATIONS)': "limit.observations_held",
    'the header has more than %zu columns (GOVOPEN_OPT_MAX_NODES)': "limit.csv_header_columns",
    'the header names more than %zu columns: the limit on keys in one record (GOVOPEN_EVAL_MAX_KEYS)': "limit.csv_header_keys",
    "the row's %zu values make more nodes than the limit of %zu (GOVOPEN_OPT_MAX_NODES)": "limit.csv_row_nodes",
    'the row that starts here is longer than the limit of %zu bytes (GOVOPEN_OPT_MAX_SIZE): is a quoted field not closed?{}': "limit.csv_row_too_long",
    "the evaluation's table of %zu units by %zu points and %zu indicators so far passes %zu cells (GOVOPEN_OPT_MAX_GRID)": "limit.grid_cells",
    '%zu units exceed the limit of %zu (GOVOPEN_OPT_MAX_UNITS)': "limit.units",
    "the groups' members add up to more than %zu (GOVOPEN_OPT_MAX_CELLS): this group has %zu": "limit.group_members",
    "the points' responsible units, groups expanded, add up to more than %zu (GOVOPEN_OPT_MAX_CELLS): '%s' brings %zu": "limit.responsible_cells",
    'the indicator tree is deeper than the limit of %zu levels (GOVOPEN_OPT_MAX_TREE_DEPTH): this indicator would be at level %u': "limit.tree_depth",
    'more than %zu points (GOVOPEN_OPT_MAX_POINTS)': "limit.points",
    "the indicator tree is deeper than the limit of %zu levels (GOVOPEN_OPT_MAX_TREE_DEPTH): '%s' would be %s, in '%s'": "limit.overlay_tree_depth",
    'the indicator tree is deeper than the limit of %zu levels (GOVOPEN_OPT_MAX_TREE_DEPTH): %s%s%s would be at level %zu': "limit.overlay_tree_depth_moved",
    "more than %d bases in one chain of 'extends'": "limit.extends_chain",
    'the number of nodes exceeds the limit of %zu (GOVOPEN_OPT_MAX_NODES){}': "limit.record_nodes",
    'the nesting depth exceeds the limit of %zu (GOVOPEN_OPT_MAX_DEPTH)': "limit.record_depth",
    '{KEYS_OVER}': "limit.record_keys",
    '{GV_RD_KEYS_OVER}': "limit.record_keys",
    'more than %zu records: the limit on observation records (GOVOPEN_EVAL_MAX_OBSERVATIONS) is reached{}': "limit.records",
    'the line is longer than the limit of %zu bytes (GOVOPEN_OPT_MAX_SIZE): not read': "limit.line_too_long",
    "the input's size (%zu bytes) exceeds the limit of %zu (GOVOPEN_OPT_MAX_SIZE)": "limit.input_size",
    'the string is %zu bytes long, more than the limit of %zu (GOVOPEN_OPT_MAX_STRING)': "limit.string_too_long",
    '%s exceeds the limit of %zu (%s)': "limit.yaml",
    'a value or line of YAML from here exceeds the limit of %zu bytes (GOVOPEN_OPT_MAX_SIZE)': "limit.yaml_token_size",
    "YAML aliases are not allowed (alias '*%s'; GOVOPEN_OPT_MAX_ALIASES is 0)": "limit.yaml_aliases",
    "the document's size (%zu bytes) exceeds the limit of %zu (GOVOPEN_OPT_MAX_SIZE)": "limit.document_size",
    'the expression is too large: more than %zu parts (names, numbers, operators, calls)': "limit.expression_nodes",
    'the expression is nested too deeply: more than %u levels': "limit.expression_depth",
    'the expression is longer than %zu characters': "limit.expression_length",
    # system
    'out of memory': "system.out_of_memory",
    # file
    'cannot open the file: %s': "file.open_failed",
    'cannot read the file': "file.read_failed",
    # eval
    'no as-of date: set one before adding observations (govopen_evaluation_set_as_of, --as-of); it never comes from the clock': "eval.as_of_missing",
    'the rule of %s could not be applied to %s (%s): the cell counts as 0 of %s': "eval.rule_not_applied",
    'the rule of %s could not be applied to %s (%s) and %zu more units: each cell counts as 0 of %s': "eval.rule_not_applied_units",
    # observation
    "'%s' is not an interval: write FROM~TO (2023-05-04~2023-05-10)": "observation.interval_syntax",
    '%s %s ends before it starts': "observation.interval_backwards",
    'expected a %s, found %s': "observation.moment_type",
    "'%s' is not a %s: %s": "observation.moment_invalid",
    "'%s' is not true or false (write TRUE or FALSE, 是 or 否, 1 or 0)": "observation.boolean_text_invalid",
    "'%s' is not a length: the extension takes a whole number, 0 or more": "observation.extension_length_invalid",
    "'%s' is not true, false or a number of days (write TRUE or FALSE, 是 or 否, or 15)": "observation.extension_text_invalid",
    "expected true, false or the extension's length (a whole number), found %s": "observation.extension_type",
    "'%s' is not a number": "observation.number_text_invalid",
    "'%s' needs a time (YYYY-MM-DDTHH:MM): the limit counts hours": "observation.time_missing",
    'expected a list of intervals ({from, to}), found %s': "observation.intervals_type",
    "an interval has no '%s' (it is required)": "observation.interval_key_missing",
    '%s %s~%s ends before it starts': "observation.interval_item_backwards",
    'expected a string or a list of strings, found %s': "observation.evidence_type",
    "unknown %s '%s' for %s (known: %s%s)": "observation.category_unknown",
    'expected a sample (a mapping), found %s': "observation.sample_type",
    "the %s rule of %s does not read '%s' (its fields: %s)": "observation.sample_field_unknown",
    "the sample has no '%s' (the %s rule of %s needs it)": "observation.sample_field_missing",
    "a checklist sample gives exactly one of 'present' and 'missing'": "observation.checklist_present_missing",
    "'%s' is not an item of %s's checklist (%s)": "observation.checklist_item_unknown",
    'the score %g is outside 0 … %s or has more than two decimals': "observation.manual_score_invalid",
    "a count_per_period sample gives 'date', or 'count' with 'period_start'": "observation.count_sample_shape",
    "'count' must be a whole number, 0 or more": "observation.count_invalid",
    "unknown channel '%s' (expected one of %s)": "observation.channel_unknown",
    "an application by %s needs '%s' (the start, 条例第三十一条)": "observation.channel_start_missing",
    '{ONCE_MSG}': "observation.adjustment_once",
    "unknown unit '%s' (give its id, name or alias)": "observation.unit_unknown",
    'the sample cannot be judged: %s; the observation is rejected': "observation.sample_impossible",
    'expected an observation (a mapping), found %s': "observation.record_type",
    "the observation date %s is after the evaluation's as-of date %s": "observation.date_after_as_of",
    "unknown adjustment '%s'": "observation.adjustment_unknown",
    'an adjustment observation names no point and has no samples': "observation.adjustment_empty",
    "an adjustment observation has no '%s'": "observation.adjustment_key_missing",
    "the observation has no 'unit' (it is required)": "observation.unit_missing",
    "the observation has no 'point' (it is required)": "observation.point_missing",
    "unknown point '%s'": "observation.point_unknown",
    '%s is not responsible for %s (responsible: %s)': "observation.unit_not_responsible",
    'expected a list of samples, found %s': "observation.samples_type",
    "'%s' stands beside 'samples': put it inside each sample": "observation.field_beside_samples",
    "cannot read '%s' for its digest: %s (reading stopped here)": "observation.digest_read_failed",
    'a record must be a mapping, found %s': "observation.yaml_record_type",
    'the document is empty: expected a list of records or a mapping': "observation.yaml_document_empty",
    "unknown top-level key '%s': beside 'observations' a document holds nothing": "observation.yaml_top_key_unknown",
    "'observations' must be a list of records, found %s": "observation.yaml_observations_type",
    'the top level must be a list of records or a mapping, found %s': "observation.yaml_top_type",
    "cannot read '%s': %s{}": "observation.read_failed",
    'cannot read the input: %s{}': "observation.input_read_failed",
    'the input is UTF-16: save it as UTF-8': "observation.utf16",
    'invalid arguments: format %d, %zu bytes of no data': "observation.arguments_invalid",
    'no callback': "observation.callback_null",
    'invalid arguments: no file': "observation.file_invalid",
    'invalid arguments: a range [%{}, %{}) from line %u': "observation.range_invalid",
    # schema
    'expected true or false, found %s': "schema.boolean_type",
    'expected a number, found %s': "schema.number_type",
    'expected a list of strings, found %s': "schema.strings_type",
    "the document's format is schema %lld, newer than this library reads (%d): upgrade libgovopen": "schema.version_too_new",
    'the schema version must be 1 or more, not %lld': "schema.version_invalid",
    'expected %s (a mapping), found %s': "schema.mapping_type",
    'the key contains a NUL character': "schema.key_nul",
    "unknown key '%s' in %s (expected one of: %s)": "schema.key_unknown",
    "%s has no '%s' (it is required)": "schema.key_missing",
    'expected a string, found %s (write \\"%s\\" in quotes)': "schema.string_type_quote",
    'expected a string, found %s': "schema.string_type",
    'the string contains a NUL character': "schema.string_nul",
    'the string is empty': "schema.string_empty",
    'the name contains U+%04X (%s), an invisible character, at character %zu: ids, names, aliases and categories may not hold zero-width or direction characters': "schema.name_invisible",
    "invalid id '%s': use 1 to 64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit": "schema.id_invalid",
    'the integer %s is out of range': "schema.integer_range",
    'expected an integer, found %s': "schema.integer_type",
    'the score %s has more than two decimal places': "schema.score_decimals",
    'the score %s is out of range': "schema.score_range",
    'the score %s is not a decimal number': "schema.score_invalid",
    'the score %s is negative': "schema.score_negative",
    'the list is empty': "schema.list_empty",
    # calendar
    'expected the years as [first, last], found a list of %zu item%s': "calendar.years_count",
    'expected the years as [first, last], found %s': "calendar.years_type",
    'expected a year (an integer), found %s': "calendar.year_type",
    'the year %s is not 1 to 9999': "calendar.year_range",
    'the first year %lld is after the last year %lld': "calendar.years_backwards",
    'the years %lld to %lld span %lld years; a calendar covers at most %d': "calendar.years_too_many",
    'expected a list of weekdays such as [sat, sun], found %s': "calendar.weekend_type",
    "unknown weekday '%s' (expected mon, tue, wed, thu, fri, sat or sun)": "calendar.weekday_unknown",
    'expected a weekday (mon, tue, wed, thu, fri, sat or sun), found %s': "calendar.weekday_type",
    "the weekday '%s' is listed twice": "calendar.weekday_repeated",
    "the base calendar '%s' cannot have a base of its own": "calendar.base_has_base",
    "unknown base calendar '%s': a base must be a built-in calendar such as 'cn'": "calendar.base_unknown",
    "the base calendar '%s' cannot be loaded (%s)": "calendar.base_failed",
    "%s has no 'years' (it is required without a 'base')": "calendar.years_missing",
    "a calendar with a base inherits the base's weekend: remove 'weekend'": "calendar.base_weekend",
    "the years %d to %d are not within the base calendar '%s', which covers %d to %d": "calendar.years_outside_base",
    'expected a date (YYYY-MM-DD) or a range (YYYY-MM-DD..YYYY-MM-DD), found %s%s': "calendar.span_type",
    "invalid range '%s': its start: %s": "calendar.range_start_invalid",
    "invalid range '%s': its end: %s": "calendar.range_end_invalid",
    "the range '%s' runs backwards: its end is before its start": "calendar.range_backwards",
    "the date %s is outside the calendar's years %d to %d": "calendar.date_outside_years",
    '%s is listed twice: already a %s (%s) at line %u, column %u': "calendar.day_repeated",
    '%s cannot be both a %s and a %s: it is listed as a %s (%s) at line %u, column %u': "calendar.day_conflict",
    "%s is already a working day in the base calendar '%s'": "calendar.work_already_in_base",
    "%s is a %s, a working day anyway: list under 'work' only days that would otherwise be off": "calendar.work_not_off",
    'expected a date, a range or a list of them, found %s': "calendar.days_type",
    'the list of dates is empty': "calendar.days_empty",
    "the holiday '%s' has neither 'off' nor 'work' days": "calendar.holiday_empty",
    'expected a list of holidays, found %s': "calendar.holidays_type",
    "the document has no 'calendar' (it is required)": "calendar.document_missing",
    'the document is empty: expected a calendar (a mapping)': "calendar.document_empty",
    'the calendar could not be built': "calendar.build_failed",
    # csv
    'a NUL character (U+0000)': "csv.nul_character",
    "invalid UTF-8 (byte 0x%02X): save the worksheet as “CSV UTF-8 (逗号分隔)”, not in the system's code page": "csv.utf8_invalid",
    'the quoted field that starts here is not closed: it runs to the end of the input': "csv.quote_unclosed",
    'unexpected %s after the closing quote of the field at column %u: a field in quotes holds its quotes doubled and ends at its closing quote': "csv.after_closing_quote",
    'a double quote inside a field that does not start with one: put the whole field in quotes and double the quote (\\"\\")': "csv.stray_quote",
    "a value beyond the header's %zu columns": "csv.value_beyond_header",
    'the header row cannot be read: %s': "csv.header_unreadable",
    "duplicate column '%s' (first at column %u): which one holds the value?": "csv.column_repeated",
    "the header names no 'point' column (nor 'adjustment'): a worksheet's first row names its columns, as `govopen plan --format csv` writes them": "csv.point_column_missing",
    'a value in column %zu, which has no name in the header': "csv.value_unnamed_column",
    "the input is UTF-16 (Excel's “Unicode text”): save the worksheet as “CSV UTF-8 (逗号分隔)”": "csv.utf16",
    "%zu row%s with nothing filled in beside unit, point, observed and evaluator %s passed over (the first at line %u): a worksheet's row counts once a value of its rule, its evidence or a note is written": "csv.rows_unfilled",
    # rule
    "%s has no 'fields' (it is required)": "rule.fields_missing",
    'expected a mapping of field name → type, found %s': "rule.fields_type",
    "unknown field type '%s' (expected number, string, date or boolean)": "rule.field_type_unknown",
    "%s has no 'score' (it is required)": "rule.score_expression_missing",
    'the score expression gives a %s; it must give a number or a boolean': "rule.score_expression_type",
    "'%s' must be at least %lld, not %lld": "rule.count_too_small",
    '%s needs exactly one of %s': "rule.span_unit_choice",
    "'%s' is not a date (YYYY-MM-DD)": "rule.date_invalid",
    "%s needs exactly one of 'limit' and 'limits'": "rule.limit_or_limits",
    'expected a list of limits': "rule.limits_type",
    'the list of limits is empty': "rule.limits_empty",
    "the item '%s' is listed twice (first at line %u, column %u)": "rule.item_repeated",
    "unknown scoring '%s' (expected fraction, per-item or all)": "rule.checklist_scoring_unknown",
    "%zu items at %s each make %s, less than the point's maximum %s: full marks could never be given": "rule.items_below_max",
    "'item_points' goes with 'scoring: per-item'": "rule.item_points_scoring",
    "the channel '%s' is given twice": "rule.channel_repeated",
    'expected true, false or a mapping of channel → field, found %s': "rule.channels_type",
    "'%s' is already the field of %s: each part of a deadline needs its own": "rule.field_shared",
    "'%s' is both the start and an end: the period would always be 0": "rule.start_is_end",
    "'start' goes unread with 'start_by_channel': the channel gives the start": "rule.start_unread",
    "a deadline rule gives 'tiers' or 'limit'/'limits', not both": "rule.tiers_and_limits",
    "the tiers need 'cases': a mapping of category → limits": "rule.tiers_cases_missing",
    "the category '%s' is already a case at line %u, column %u": "rule.case_repeated",
    'the extension counts %s, and no limit of the rule does': "rule.extension_unit_mismatch",
    "'due_soon' counts %s, and a limit of the rule counts in another unit": "rule.due_soon_unit_mismatch",
    "unknown scoring '%s' (expected ratio, all or deduct)": "rule.deadline_scoring_unknown",
    "the floor is above the point's maximum": "rule.floor_above_max",
    "'per_late' and 'floor' go with 'scoring: deduct'": "rule.deduct_keys_scoring",
    "unknown scoring '%s' (expected %s or %s)": "rule.scoring_unknown",
    "unknown %s '%s' (expected %s)": "rule.choice_unknown",
    "unknown rule kind '%s' (expected %s)": "rule.kind_unknown",
    "expected a rule (a mapping with a 'kind'), found %s": "rule.type",
    "the rule has no 'kind' (it is required)": "rule.kind_missing",
    "unknown rule kind '%s' (expected boolean, checklist, deadline, recency, count_per_period, sample_ratio, deduction, veto, manual or expression)": "rule.kind_unknown",
    "%s has no 'within' (it is required)": "rule.within_missing",
    "'within' takes days or workdays": "rule.within_unit",
    "unknown period '%s' (expected quarter or month)": "rule.period_unknown",
    # framework
    "'%s' is already used as the %s of %s '%s' at %s": "framework.name_taken",
    'the year %lld is out of range (1949 to 9999)': "framework.year_range",
    'the total must be greater than 0': "framework.total_not_positive",
    "unknown policy '%s' (expected skip or zero)": "framework.policy_unknown",
    'expected a list of sampling method names, found %s': "framework.methods_type",
    "the sampling method '%s' is already known": "framework.method_repeated",
    "unknown unit kind '%s' (expected town, department, institution, party-org or other)": "framework.unit_kind_unknown",
    "the framework has no 'units' (it is required)": "framework.units_missing",
    'expected a list of units, found %s': "framework.units_type",
    'the list of units is empty%s': "framework.units_empty",
    "the group '%s' has no members: give 'kinds', 'members' or 'open: true'": "framework.group_empty",
    "'%s' is a group; a group's members are units": "framework.member_is_group",
    "unknown unit '%s'": "framework.member_unknown",
    "the unit '%s' is already a member of the group (first at %s)": "framework.member_repeated",
    "the unit '%s' is already a member of the group (by its kind '%s')": "framework.member_by_kind",
    'expected a list of groups, found %s': "framework.groups_type",
    "the group '%s' is open: the county sets its members; points naming it cover only the %zu unit%s listed": "framework.group_open",
    '%s that are given add up to %s, leaving nothing of %s %s to derive the others from': "framework.scores_no_room",
    '%s add up to %s, not %s %s': "framework.scores_sum",
    '%s add up to 0: there is nothing to scale': "framework.scores_zero",
    "duplicate point id '%s' (first at %s)": "framework.point_repeated",
    "unknown sampling method '%s' (declare it under 'sampling_methods' if the county uses it)": "framework.method_unknown",
    "the sampling method '%s' is listed twice (first at %s)": "framework.point_method_repeated",
    "unknown unit or group '%s'": "framework.responsible_unknown",
    "'%s' is listed twice (first at %s)": "framework.responsible_repeated",
    "'%s' is listed twice (first as '%s' at %s)": "framework.responsible_repeated_alias",
    "the veto's target '%s' is neither 'unit' nor an indicator above the point": "framework.veto_target_invalid",
    "an indicator holds either 'children' or 'points', not both": "framework.indicator_children_and_points",
    "the indicator '%s' has neither 'children' nor 'points'": "framework.indicator_empty",
    'expected a list of %s, found %s': "framework.items_type",
    'the list of %s is empty': "framework.items_empty",
    "duplicate indicator id '%s' (first at %s)": "framework.indicator_repeated",
    "unknown aggregation '%s' (expected sum, cap, scale, mean or min)": "framework.aggregation_unknown",
    "the framework has no 'indicators' (it is required)": "framework.indicators_missing",
    'expected a list of adjustments, found %s': "framework.adjustments_type",
    "duplicate adjustment id '%s' (first at %s)": "framework.adjustment_repeated",
    "an adjustment's delta must not be 0": "framework.adjustment_zero",
    'expected a list of grades, found %s': "framework.grades_type",
    "the grade's minimum %s is above the total %s": "framework.grade_above_total",
    'grades go from the highest band down: %s is not below the previous minimum %s': "framework.grades_order",
    "duplicate grade '%s' (first at %s)": "framework.grade_repeated",
    "the document has no 'framework' (it is required)": "framework.document_missing",
    'the document is empty: expected a framework (a mapping)': "framework.document_empty",
    # overlay
    '%s must be an id, found %s': "overlay.id_type",
    "there is no indicator '%s' to put it in": "overlay.in_unknown",
    "'%s' cannot go into '%s': that is itself or below it": "overlay.in_cycle",
    "the indicator '%s' has a '%s' that is not a list": "overlay.indicator_list_type",
    "there is no '%s' here to put it after": "overlay.after_unknown",
    "moving '%s' leaves its indicator with no %s": "overlay.move_empties",
    "the base has no point '%s': a new point needs 'in', the id of its indicator": "overlay.point_in_missing",
    "'%s' must be a mapping from ids to changes, found %s": "overlay.changes_type",
    "'%s' must be a list, found %s": "overlay.list_type",
    "%s in an overlay is a mapping with an 'id' (the base's to replace, or a new one)": "overlay.item_type",
    "'%s' must be a list of ids, found %s": "overlay.remove_type",
    "removing '%s' leaves its indicator with no points: remove the indicator instead": "overlay.remove_empties",
    "the base has no %s '%s' to remove": "overlay.remove_unknown",
    "'%s' in an overlay is a mapping of the keys it changes, found %s": "overlay.merge_type",
    'the base is not a framework: expected a mapping, found %s': "overlay.base_type",
    "the overlay has no 'schema' (it is required)": "overlay.schema_missing",
    "'sampling_methods' must be a list, found %s": "overlay.methods_type",
    'the base has no list of indicators to change': "overlay.base_indicators_missing",
    "'extends' names the base: a built-in framework's id or a file, found %s": "overlay.extends_type",
    "cannot read the base '%s': %s": "overlay.base_unreadable",
    "'extends' goes round in a circle: '%s' is already being extended": "overlay.extends_cycle",
    'the base is empty: expected a framework': "overlay.base_empty",
    # json
    'unexpected %s': "json.unexpected",
    'a control character (U+%04X) in a string must be escaped': "json.control_character",
    "invalid escape sequence '%.*s'": "json.escape_invalid",
    'a string holds \\\\u0000 (the NUL character), which is not allowed': "json.nul_escape",
    'the number %.*s%s is beyond the range of a double': "json.number_range",
    "the number '%.*s' is not valid JSON": "json.number_invalid",
    'a string is not terminated': "json.string_unterminated",
    'unexpected %s%s': "json.unexpected_token",
    'expected a key, found %s': "json.key_expected",
    "invalid escape sequence: '\\\\' before control character U+%04X": "json.escape_control",
    'invalid UTF-8 (byte 0x%02X)': "json.utf8_invalid",
    'a record must be an object, found %s': "json.record_type",
    'expected a record, found %s': "json.record_expected",
    'unexpected end of the input (the array at line %u, column %u is not closed)': "json.array_unclosed",
    "duplicate key 'observations' (first at line %u, column %u){}": "json.observations_repeated",
    "'observations' must be an array of records, found %s{}": "json.observations_type",
    'unknown top-level key \'%s\': beside \\"observations\\" a document holds nothing': "json.top_key_unknown",
    "expected ':' after a key, found %s": "json.colon_expected",
    'unexpected end of the input (the object at line %u, column %u is not closed)': "json.object_unclosed",
    'the document is empty: expected an array of records or an object': "json.document_empty",
    'the top level must be an array of records or an object, found %s': "json.top_type",
    'unexpected %s after the end of the document': "json.trailing",
    # document
    "duplicate key '%s' (first at line %u, column %u)": "document.key_repeated",
    # yaml
    'the document is UTF-16: save it as UTF-8': "yaml.utf16",
    'parser_error|%s': "yaml.syntax",
    "unsupported YAML tag '%s'": "yaml.tag_unsupported",
    'a mapping key must be a plain string, not %s': "yaml.key_not_string",
    "alias '*%s' names no complete anchor before it": "yaml.alias_unknown",
    'a second YAML document; a file holds one': "yaml.second_document",
    # expr
    "invalid number '%.*s'": "expr.number_invalid",
    "the number '%.*s' is too large": "expr.number_too_large",
    'unterminated string: a string must end on the line where it starts': "expr.string_unterminated",
    'invalid UTF-8 in a string (byte 0x%02X)': "expr.string_utf8_invalid",
    'unknown escape \'\\\\\' followed by %s in a string (the escapes are \\\\\\" \\\\\\\\ \\\\n \\\\t)': "expr.escape_unknown",
    'lex_operator|%s': "expr.operator_not_supported",
    "'%.*s' is a function: write %.*s(...)": "expr.function_without_call",
    "unknown name '%.*s'; did you mean '%s'?": "expr.name_unknown_suggest",
    "unknown name '%.*s'%s": "expr.name_unknown",
    "the sample field '%.*s' can be used only inside an aggregate over the samples: count, sum, mean, min_of, max_of, all or any": "expr.field_outside_aggregate",
    '%s() needs %s, not %s%s': "expr.argument_type",
    'argument %zu of %s() must be %s, not %s%s': "expr.argument_n_type",
    '%s() takes at least %u arguments, not %zu%s': "expr.arguments_too_few",
    '%s() takes %u argument%s, not %zu': "expr.arguments_count",
    '%s() takes %u or %u arguments, not %zu': "expr.arguments_count_range",
    '%s() compares numbers or dates, not %s': "expr.compare_type",
    'argument %zu of %s() must be %s like argument %zu, not %s': "expr.argument_type_mismatch",
    'round() keeps a whole number of digits from 0 to 10, not %g': "expr.round_digits",
    '%s() needs a number or a date, not %s': "expr.number_or_date",
    'has() takes the name of a field, as in has(published)': "expr.has_argument",
    'invalid date \'%.*s\': write dates as YYYY-MM-DD, e.g. \\"2023-05-04\\"': "expr.date_invalid",
    "'%.*s' is not a function": "expr.not_a_function",
    "unknown function '%.*s'; did you mean '%s'?": "expr.function_unknown_suggest",
    "unknown function '%.*s'%s": "expr.function_unknown",
    "%s() cannot be used inside %.*s(): an aggregate's argument is computed once per sample, and aggregates do not nest": "expr.aggregate_nested",
    "expected ',' or ')' after argument %zu of %.*s(), found %s": "expr.call_comma_expected",
    "expected ')' to close %.*s( at line %u, column %u, found %s": "expr.call_unclosed",
    "expected ')' to close the '(' at line %u, column %u, found %s": "expr.paren_unclosed",
    "expected 'then' after the condition of 'if', found %s": "expr.then_expected",
    "expected 'else' (an 'if' needs both branches), found %s": "expr.else_expected",
    "the condition of 'if' must be a boolean, not %s": "expr.if_condition_type",
    "the branches of 'if' differ: 'then' gives %s, 'else' gives %s": "expr.if_branches_differ",
    'the expression is empty': "expr.empty",
    'expected a value, found %s': "expr.value_expected",
    "'-' needs a number, not %s": "expr.negate_type",
    "'%s' cannot combine %s and %s%s": "expr.arithmetic_type",
    "'%s' cannot compare with null (test a missing value with '== null' or has())": "expr.compare_null",
    'cannot compare %s with %s%s': "expr.compare_mismatch",
    "'%s' cannot order booleans (use '==' or '!=')": "expr.order_booleans",
    "comparisons cannot be chained: write 'a %s b and b %s c'": "expr.compare_chained",
    "'not' needs a boolean, not %s": "expr.not_type",
    "the %s side of '%s' is %s, not a boolean": "expr.logic_type",
    'no expression to compile': "expr.missing",
    "the expression's environment declares '%s' without a type": "expr.environment_untyped",
    "unmatched ')'": "expr.paren_unmatched",
    'unexpected %s after the end of the expression%s': "expr.trailing",
    'the expression could not be compiled': "expr.compile_failed",
}

# The area of a message by where it is raised (the first pattern that matches), for messages not in
# TABLE; a diagnostic of code GOVOPEN_ELIMIT is in the area "limit" wherever it is raised.
AREAS = [
    (r"lib/load/ytree\.c$", "yaml"),
    (r"lib/load/schema\.c$", "schema"),
    (r"lib/load/overlay\.c$", "overlay"),
    (r"lib/load/framework_load\.c$|lib/model/", "framework"),
    (r"lib/rules/expr", "expr"),
    (r"lib/load/(rule|expr)_load\.c$|lib/rules/", "rule"),
    (r"lib/load/calendar_load\.c$|lib/calendar/", "calendar"),
    (r"lib/load/(csv_)?records|lib/eval/observations\.c$", "observation"),
    (r"lib/eval/", "eval"),
    (r"lib/report/", "report"),
    (r"lib/api/", "api"),
    (r"lib/util/", "diag"),
]

# The argument that holds the status code, by raiser (for the "limit" area).
CODE_ARG = {"gv_diag_add": 2, "gv_diag_vadd": 2, "gv_error_set": 1, "gv_rec_error": 2, "err": 2, "verr": 1,
            "pend": 1, "bad": 1, "fail": 1}
LIMIT_RAISERS = {"plimit"}

STOPWORDS = set("""a an the of to in on at by for from with and or but not no nor is are was were be been it its
this that these those there here than then as so such any each every one which who what when where how
must may can cannot could would should will shall has have had do does did s t e g i eg ie
""".split())
MAX_WORDS = 4
WIDTH = 120


def area_of(relpath, call, idx):
    if call.name in LIMIT_RAISERS:
        return "limit"
    ci = CODE_ARG.get(call.name)
    if ci is not None and ci < len(call.args) and call.arg(ci) == "GOVOPEN_ELIMIT":
        return "limit"
    for pat, area in AREAS:
        if re.search(pat, relpath):
            return area
    parts = relpath.split("/")
    return re.sub(r"[^a-z]", "", parts[-2].lower()) if len(parts) > 1 else "misc"


def slug(key):
    """The main words of a message: "the floor is above the point's maximum" -> floor_above_point_maximum."""
    text = re.sub(r"\{[^}]*\}", " ", key)                      # macros
    text = re.sub(r"%[-+ #0]*(\*|\d+)?(\.(\*|\d+))?(hh|h|ll|l|z|j|t)?[a-zA-Z%]", " ", text)  # conversions
    text = re.sub(r"'[^']*'", " ", text)                       # quoted words of the input
    text = re.sub(r"\\.", " ", text)                           # escapes
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS]
    return "_".join(words[:MAX_WORDS])


def lookup(func, key):
    for k in (func + "|" + key, key):
        if k in TABLE:
            return TABLE[k]
    return None


def choose_id(relpath, call, idx, func, key, used):
    """The identifier of the message `key`; `used` maps identifiers to their keys (updated)."""
    known = lookup(func, key)
    if known:
        used.setdefault(known, key)
        return known
    base = area_of(relpath, call, idx) + "." + (slug(key) or "message")
    cand, n = base, 2
    while cand in used and used[cand] != key:
        cand = "%s_%d" % (base, n)
        n += 1
    used[cand] = key
    return cand


def source_files(args):
    if args:
        return args
    return sorted(glob.glob("lib/**/*.c", recursive=True) + glob.glob("lib/**/*.h", recursive=True))


def rel(path):
    return os.path.relpath(path).replace(os.sep, "/")


def existing_ids(files):
    """Identifier -> format key of every call that has one already (so that new ones do not clash)."""
    used = {}
    for k, v in TABLE.items():
        used.setdefault(v, k.split("|", 1)[-1])
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for call, idx in ms.raise_calls(text, rel(path)):
            kind, ids = ms.classify(call, idx)
            if kind == "literal":
                keys = ms.format_keys(call.arg(idx + 1))
                for i, k in zip(ids, keys if len(keys) == len(ids) else keys * len(ids)):
                    used.setdefault(i, k)
    return used


def id_text(ids, fmt_expr):
    if len(ids) == 1:
        return '"%s"' % ids[0]
    cond = ms.split_ternary(fmt_expr)[0]
    return '%s ? "%s" : "%s"' % (cond, ids[0], ids[1])


def insertion(text, call, idx, idtext):
    """(offset, text to insert) putting `idtext` as argument `idx` (before the format)."""
    s = call.arg_start(idx)
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", s)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    before = text[line_start:s]
    if before.strip() == "":
        # the format starts its line: the id goes before it when the line still fits, else at the end of the
        # line before (after its comma) when it fits there, else on a line of its own
        if len(line) + len(idtext) + 2 <= WIDTH:
            return s, idtext + ", "
        prev_end = line_start - 1
        prev_start = text.rfind("\n", 0, prev_end) + 1
        prev = text[prev_start:prev_end]
        if prev.rstrip().endswith(",") and len(prev.rstrip()) + 1 + len(idtext) + 1 <= WIDTH:
            at = prev_start + len(prev.rstrip())
            return at, " " + idtext + ","
        return line_start, before + idtext + ",\n"
    if len(line) + len(idtext) + 2 <= WIDTH:
        return s, idtext + ", "
    # too long: the line breaks after the comma before the format, and the rest goes under the first argument
    col = call.open - (text.rfind("\n", 0, call.open) + 1) + 1
    k = s  # the blanks between that comma and the format go
    while k > line_start and text[k - 1] in " \t":
        k -= 1
    head, rest = text[line_start:k], text[s:line_end]
    if len(head) + 1 + len(idtext) + 1 <= WIDTH:
        # the id ends this line, the format begins the next
        return (k, s), " " + idtext + ",\n" + " " * col
    if col + len(idtext) + 2 + len(rest) <= WIDTH:
        # the id and the format begin the next line
        return (k, s), "\n" + " " * col + idtext + ", "
    # the id on a line of its own, the format on the next
    return (k, s), "\n" + " " * col + idtext + ",\n" + " " * col


def process(path, used, dry, out):
    relpath = rel(path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    funcs = ms.functions(text)
    edits, problems = [], 0
    for call, idx in ms.raise_calls(text, relpath):
        kind, _ = ms.classify(call, idx)
        if kind in ("literal", "forward"):
            continue
        if kind == "short":
            out.append("%s:%d: %s() has too few arguments to hold an id: edit it by hand" %
                       (relpath, call.line(), call.name))
            problems += 1
            continue
        fmt = call.arg(idx)
        if fmt in ("fmt", "format"):
            out.append("%s:%d: %s() passes on its own format: give its function an `id` parameter and pass that"
                       % (relpath, call.line(), call.name))
            problems += 1
            continue
        func = ms.enclosing(funcs, call.start)
        keys = ms.format_keys(fmt)
        ids = [choose_id(relpath, call, idx, func, k, used) for k in keys]
        idtext = id_text(ids, fmt)
        at, ins = insertion(text, call, idx, idtext)
        edits.append((at, ins))
        unknown = [k for k in keys if lookup(func, k) is None]
        out.append("%s:%d: %s%s" % (relpath, call.line(call.arg_start(idx)), " / ".join(ids),
                                    "  (made up: not in TABLE, for %s)" % " / ".join(repr(k) for k in unknown)
                                    if unknown else ""))
    if edits and not dry:
        for at, ins in sorted(edits, key=lambda e: e[0] if isinstance(e[0], int) else e[0][0], reverse=True):
            if isinstance(at, tuple):
                text = text[:at[0]] + ins + text[at[1]:]
            else:
                text = text[:at] + ins + text[at:]
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return len(edits), problems


def main(argv):
    dry = "--dry-run" in argv
    args = [a for a in argv if a != "--dry-run"]
    if not os.path.isdir("lib"):
        print("add_msgids: run from the repository root", file=sys.stderr)
        return 2
    files = source_files(args)
    used = existing_ids(source_files([]) if not args else files)
    total, problems, out = 0, 0, []
    for path in files:
        n, p = process(path, used, dry, out)
        total += n
        problems += p
    for line in out:
        print(line)
    print("add_msgids: %s %d identifier(s) in %d file(s)%s" %
          ("would insert" if dry else "inserted", total, len(files),
           ", %d call(s) to edit by hand" % problems if problems else ""), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
