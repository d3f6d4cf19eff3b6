"""Finding libgovopen and declaring its C API for ctypes.

Every exported function is declared once, in :data:`SIGNATURES`, with its
``restype`` and ``argtypes`` (a test checks the table against the library's
exports and against the prototypes in ``include/govopen/*.h``).

Conventions of the declarations, which the rest of the package relies on:

* opaque handles get one pointer type each (:data:`FRAMEWORK`, :data:`NODE` …),
  so passing a node where a point is expected is a ``ctypes.ArgumentError``
  rather than a crash;
* a borrowed ``const char *`` is declared ``c_char_p``: ctypes copies it into
  ``bytes`` as the call returns, while its owner is still alive;
* text the library allocates for the caller (``char **out``) is declared
  ``POINTER(c_void_p)`` so that ctypes does *not* convert it: the binding copies
  it with ``ctypes.string_at`` and releases it with ``govopen_free``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
import threading
from ctypes import (CFUNCTYPE, POINTER, c_char, c_char_p, c_double, c_int, c_int64, c_size_t, c_uint,
                    c_void_p)
from typing import Any, Iterator, List, Optional, Sequence, Tuple

__all__ = ["SIGNATURES", "LibraryNotFoundError", "lib", "library_path", "ABI_MAJOR"]

#: The major version (SONAME) this binding is written against.
ABI_MAJOR = 0


class _Opaque(ctypes.Structure):
    """Base of the opaque C types: never dereferenced, only pointed to."""

    _fields_: List[Tuple[str, Any]] = []


class _Framework(_Opaque):
    pass


class _Node(_Opaque):
    pass


class _Point(_Opaque):
    pass


class _Unit(_Opaque):
    pass


class _Group(_Opaque):
    pass


class _Error(_Opaque):
    pass


class _Options(_Opaque):
    pass


class _Calendar(_Opaque):
    pass


class _Evaluation(_Opaque):
    pass


class _Result(_Opaque):
    pass


FRAMEWORK = POINTER(_Framework)
NODE = POINTER(_Node)
POINT = POINTER(_Point)
UNIT = POINTER(_Unit)
GROUP = POINTER(_Group)
ERROR = POINTER(_Error)
OPTIONS = POINTER(_Options)
CALENDAR = POINTER(_Calendar)
EVALUATION = POINTER(_Evaluation)
RESULT = POINTER(_Result)

#: ``int (*)(const govopen_node *, void *payload)``
NODE_VISIT_FN = CFUNCTYPE(c_int, NODE, c_void_p)
#: ``int (*)(const govopen_unit *, const govopen_point *, void *payload)``
PLAN_FN = CFUNCTYPE(c_int, UNIT, POINT, c_void_p)
#: ``int (*)(void *user, const char *data, size_t len)``: `data` is not NUL-terminated, read `len` bytes
WRITE_FN = CFUNCTYPE(c_int, c_void_p, POINTER(c_char), c_size_t)

#: GOVOPEN_DATE_SIZE (common.h): a date buffer's size, "YYYY-MM-DD" and its NUL
DATE_SIZE = 11

_str = c_char_p            # borrowed const char *, copied by ctypes on return
_owned = POINTER(c_void_p)  # char **out: caller-owned text, released with govopen_free
_date_out = POINTER(c_char)  # char out[GOVOPEN_DATE_SIZE]
_err_out = POINTER(ERROR)   # govopen_error **err

#: (name, restype, argtypes) for every function libgovopen exports.
SIGNATURES: Sequence[Tuple[str, Any, Sequence[Any]]] = (
    # common.h
    ("govopen_status_str", _str, [c_int]),
    ("govopen_free", None, [c_void_p]),
    ("govopen_version_string", _str, []),
    ("govopen_version_number", c_int, []),
    ("govopen_schema_version", c_int, []),
    ("govopen_text_escape", c_int, [c_char_p, c_size_t, c_uint, _owned, POINTER(c_size_t)]),
    ("govopen_score_format", c_size_t, [c_double, c_uint, c_char_p, c_size_t]),
    # error.h
    ("govopen_error_code", c_int, [ERROR]),
    ("govopen_error_severity", c_int, [ERROR]),
    ("govopen_error_message", _str, [ERROR]),
    ("govopen_error_id", _str, [ERROR]),
    ("govopen_error_source", _str, [ERROR]),
    ("govopen_error_line", c_uint, [ERROR]),
    ("govopen_error_column", c_uint, [ERROR]),
    ("govopen_error_path", _str, [ERROR]),
    ("govopen_error_next", ERROR, [ERROR]),
    ("govopen_error_count", c_size_t, [ERROR, c_int]),
    ("govopen_error_format", c_int, [ERROR, _owned, POINTER(c_size_t)]),
    ("govopen_error_free", None, [ERROR]),
    # options.h
    ("govopen_options_new", c_int, [POINTER(OPTIONS)]),
    ("govopen_options_free", None, [OPTIONS]),
    ("govopen_options_set_int", c_int, [OPTIONS, c_int, c_int64]),
    ("govopen_options_set_int_ex", c_int, [OPTIONS, c_int, c_int64, _err_out]),
    ("govopen_options_get_int", c_int, [OPTIONS, c_int, POINTER(c_int64)]),
    ("govopen_options_set_string", c_int, [OPTIONS, c_int, c_char_p]),
    # const char **out: borrowed (lives as long as the options), read with ctypes.string_at, never freed
    ("govopen_options_get_string", c_int, [OPTIONS, c_int, POINTER(c_void_p)]),
    # framework.h: loading
    ("govopen_framework_load_file", c_int, [POINTER(FRAMEWORK), c_char_p, OPTIONS, _err_out]),
    ("govopen_framework_load_buffer", c_int,
     [POINTER(FRAMEWORK), c_char_p, c_size_t, c_char_p, OPTIONS, _err_out]),
    ("govopen_framework_load_builtin", c_int, [POINTER(FRAMEWORK), c_char_p, OPTIONS, _err_out]),
    ("govopen_framework_free", None, [FRAMEWORK]),
    ("govopen_builtin_framework_count", c_size_t, []),
    ("govopen_builtin_framework_id", _str, [c_size_t]),
    ("govopen_builtin_framework_yaml", _str, [c_char_p, POINTER(c_size_t)]),
    # the first names of the three above, kept for compatibility (docs/abi.md, "Built-ins")
    ("govopen_builtin_count", c_size_t, []),
    ("govopen_builtin_id", _str, [c_size_t]),
    # framework.h: metadata
    ("govopen_framework_id", _str, [FRAMEWORK]),
    ("govopen_framework_title", _str, [FRAMEWORK]),
    ("govopen_framework_region", _str, [FRAMEWORK]),
    ("govopen_framework_year", c_int, [FRAMEWORK]),
    ("govopen_framework_total", c_double, [FRAMEWORK]),
    ("govopen_framework_calendar", _str, [FRAMEWORK]),
    ("govopen_framework_schema", c_int, [FRAMEWORK]),
    ("govopen_framework_source_name", _str, [FRAMEWORK]),
    ("govopen_framework_warnings", ERROR, [FRAMEWORK]),
    ("govopen_framework_provenance_count", c_size_t, [FRAMEWORK]),
    ("govopen_framework_provenance", _str, [FRAMEWORK, c_size_t]),
    # framework.h: the tree
    ("govopen_framework_root", NODE, [FRAMEWORK]),
    ("govopen_framework_node_count", c_size_t, [FRAMEWORK]),
    ("govopen_framework_node", NODE, [FRAMEWORK, c_size_t]),
    ("govopen_framework_node_by_id", NODE, [FRAMEWORK, c_char_p]),
    ("govopen_framework_walk", c_int, [FRAMEWORK, NODE_VISIT_FN, c_void_p]),
    ("govopen_node_id", _str, [NODE]),
    ("govopen_node_label", _str, [NODE]),
    ("govopen_node_title", _str, [NODE]),
    ("govopen_node_score", c_double, [NODE]),
    ("govopen_node_score_derived", c_int, [NODE]),
    ("govopen_node_aggregate", c_int, [NODE]),
    ("govopen_node_depth", c_uint, [NODE]),
    ("govopen_node_parent", NODE, [NODE]),
    ("govopen_node_child_count", c_size_t, [NODE]),
    ("govopen_node_child", NODE, [NODE, c_size_t]),
    ("govopen_node_point_count", c_size_t, [NODE]),
    ("govopen_node_point", POINT, [NODE, c_size_t]),
    ("govopen_node_total_point_count", c_size_t, [NODE]),
    ("govopen_node_provenance_count", c_size_t, [NODE]),
    ("govopen_node_provenance", _str, [NODE, c_size_t]),
    ("govopen_node_note", _str, [NODE]),
    ("govopen_node_line", c_uint, [NODE]),
    ("govopen_node_column", c_uint, [NODE]),
    # framework.h: points
    ("govopen_framework_point_count", c_size_t, [FRAMEWORK]),
    ("govopen_framework_point", POINT, [FRAMEWORK, c_size_t]),
    ("govopen_framework_point_by_id", POINT, [FRAMEWORK, c_char_p]),
    ("govopen_point_id", _str, [POINT]),
    ("govopen_point_index", c_size_t, [POINT]),
    ("govopen_point_text", _str, [POINT]),
    ("govopen_point_score", c_double, [POINT]),
    ("govopen_point_score_derived", c_int, [POINT]),
    ("govopen_point_node", NODE, [POINT]),
    ("govopen_point_sampling_count", c_size_t, [POINT]),
    ("govopen_point_sampling", _str, [POINT, c_size_t]),
    ("govopen_point_responsible_count", c_size_t, [POINT]),
    ("govopen_point_responsible", _str, [POINT, c_size_t]),
    ("govopen_point_responsible_unit", UNIT, [POINT, c_size_t]),
    ("govopen_point_responsible_group", GROUP, [POINT, c_size_t]),
    ("govopen_point_unit_count", c_size_t, [POINT]),
    ("govopen_point_unit", UNIT, [POINT, c_size_t]),
    ("govopen_point_has_open_group", c_int, [POINT]),
    ("govopen_point_rule_kind", _str, [POINT]),
    ("govopen_point_provenance_count", c_size_t, [POINT]),
    ("govopen_point_provenance", _str, [POINT, c_size_t]),
    ("govopen_point_note", _str, [POINT]),
    ("govopen_point_line", c_uint, [POINT]),
    ("govopen_point_column", c_uint, [POINT]),
    # framework.h: sampling methods
    ("govopen_framework_method_count", c_size_t, [FRAMEWORK]),
    ("govopen_framework_method", _str, [FRAMEWORK, c_size_t]),
    ("govopen_framework_plan", c_int, [FRAMEWORK, c_char_p, PLAN_FN, c_void_p]),
    # framework.h: units
    ("govopen_framework_unit_count", c_size_t, [FRAMEWORK]),
    ("govopen_framework_unit", UNIT, [FRAMEWORK, c_size_t]),
    ("govopen_framework_unit_by_id", UNIT, [FRAMEWORK, c_char_p]),
    ("govopen_framework_unit_by_name", UNIT, [FRAMEWORK, c_char_p]),
    ("govopen_framework_unit_find", UNIT, [FRAMEWORK, c_char_p]),
    ("govopen_unit_id", _str, [UNIT]),
    ("govopen_unit_index", c_size_t, [UNIT]),
    ("govopen_unit_name", _str, [UNIT]),
    ("govopen_unit_kind", c_int, [UNIT]),
    ("govopen_unit_kind_name", _str, [c_int]),
    ("govopen_unit_alias_count", c_size_t, [UNIT]),
    ("govopen_unit_alias", _str, [UNIT, c_size_t]),
    ("govopen_unit_code", _str, [UNIT]),
    ("govopen_unit_note", _str, [UNIT]),
    ("govopen_unit_point_count", c_size_t, [UNIT]),
    ("govopen_unit_point", POINT, [UNIT, c_size_t]),
    # framework.h: groups
    ("govopen_framework_group_count", c_size_t, [FRAMEWORK]),
    ("govopen_framework_group", GROUP, [FRAMEWORK, c_size_t]),
    ("govopen_framework_group_by_id", GROUP, [FRAMEWORK, c_char_p]),
    ("govopen_framework_group_by_name", GROUP, [FRAMEWORK, c_char_p]),
    ("govopen_group_id", _str, [GROUP]),
    ("govopen_group_name", _str, [GROUP]),
    ("govopen_group_alias_count", c_size_t, [GROUP]),
    ("govopen_group_alias", _str, [GROUP, c_size_t]),
    ("govopen_group_is_open", c_int, [GROUP]),
    ("govopen_group_kinds", c_uint, [GROUP]),
    ("govopen_group_member_count", c_size_t, [GROUP]),
    ("govopen_group_member", UNIT, [GROUP, c_size_t]),
    ("govopen_group_note", _str, [GROUP]),
    # framework.h: adjustments, grades, JSON
    ("govopen_framework_adjustment_count", c_size_t, [FRAMEWORK]),
    ("govopen_framework_adjustment_id", _str, [FRAMEWORK, c_size_t]),
    ("govopen_framework_adjustment_delta", c_double, [FRAMEWORK, c_size_t]),
    ("govopen_framework_adjustment_text", _str, [FRAMEWORK, c_size_t]),
    ("govopen_framework_grade_count", c_size_t, [FRAMEWORK]),
    ("govopen_framework_grade_name", _str, [FRAMEWORK, c_size_t]),
    ("govopen_framework_grade_min", c_double, [FRAMEWORK, c_size_t]),
    ("govopen_framework_grade_for", _str, [FRAMEWORK, c_double]),
    ("govopen_framework_to_json", c_int, [FRAMEWORK, c_uint, _owned, POINTER(c_size_t)]),
    # calendar.h
    ("govopen_calendar_load_file", c_int, [POINTER(CALENDAR), c_char_p, OPTIONS, _err_out]),
    ("govopen_calendar_load_buffer", c_int,
     [POINTER(CALENDAR), c_char_p, c_size_t, c_char_p, OPTIONS, _err_out]),
    ("govopen_calendar_load_builtin", c_int, [POINTER(CALENDAR), c_char_p, OPTIONS, _err_out]),
    ("govopen_calendar_free", None, [CALENDAR]),
    ("govopen_builtin_calendar_count", c_size_t, []),
    ("govopen_builtin_calendar_id", _str, [c_size_t]),
    ("govopen_builtin_calendar_yaml", _str, [c_char_p, POINTER(c_size_t)]),
    ("govopen_calendar_id", _str, [CALENDAR]),
    ("govopen_calendar_name", _str, [CALENDAR]),
    ("govopen_calendar_first_year", c_int, [CALENDAR]),
    ("govopen_calendar_last_year", c_int, [CALENDAR]),
    ("govopen_calendar_provenance_count", c_size_t, [CALENDAR]),
    ("govopen_calendar_provenance", _str, [CALENDAR, c_size_t]),
    ("govopen_calendar_is_workday", c_int, [CALENDAR, c_char_p, POINTER(c_int), _err_out]),
    ("govopen_calendar_add_workdays", c_int, [CALENDAR, c_char_p, c_int, _date_out, _err_out]),
    ("govopen_calendar_workdays_between", c_int, [CALENDAR, c_char_p, c_char_p, POINTER(c_int), _err_out]),
    ("govopen_calendar_add_days", c_int, [CALENDAR, c_char_p, c_int, c_int, _date_out, _err_out]),
    ("govopen_calendar_day_name", _str, [CALENDAR, c_char_p]),
    # evaluate.h: setting up
    ("govopen_evaluation_new", c_int, [POINTER(EVALUATION), FRAMEWORK, _err_out]),
    ("govopen_evaluation_free", None, [EVALUATION]),
    ("govopen_evaluation_set_as_of", c_int, [EVALUATION, c_char_p, _err_out]),
    ("govopen_evaluation_set_period", c_int, [EVALUATION, c_char_p, c_char_p, _err_out]),
    ("govopen_evaluation_set_int", c_int, [EVALUATION, c_int, c_int64]),
    ("govopen_evaluation_set_int_ex", c_int, [EVALUATION, c_int, c_int64, _err_out]),
    ("govopen_evaluation_set_calendar_file", c_int, [EVALUATION, c_char_p, _err_out]),
    ("govopen_evaluation_add_buffer", c_int, [EVALUATION, c_char_p, c_size_t, c_char_p, c_int, _err_out]),
    ("govopen_evaluation_add_file", c_int, [EVALUATION, c_char_p, c_int, _err_out]),
    ("govopen_evaluation_observation_count", c_size_t, [EVALUATION]),
    ("govopen_evaluation_rejected_count", c_size_t, [EVALUATION]),
    ("govopen_evaluation_diagnostics", ERROR, [EVALUATION]),
    ("govopen_evaluation_run", c_int, [EVALUATION, POINTER(RESULT), _err_out]),
    # evaluate.h: reading a result
    ("govopen_result_free", None, [RESULT]),
    ("govopen_result_framework", FRAMEWORK, [RESULT]),
    ("govopen_result_as_of", _str, [RESULT]),
    ("govopen_result_observation_count", c_size_t, [RESULT]),
    ("govopen_result_rejected_count", c_size_t, [RESULT]),
    ("govopen_result_unit_raw", c_double, [RESULT, c_size_t]),
    ("govopen_result_unit_possible", c_double, [RESULT, c_size_t]),
    ("govopen_result_unit_total", c_double, [RESULT, c_size_t]),
    ("govopen_result_unit_scored", c_int, [RESULT, c_size_t]),
    ("govopen_result_unit_vetoed", c_int, [RESULT, c_size_t]),
    ("govopen_result_unit_rank", c_uint, [RESULT, c_size_t]),
    ("govopen_result_unit_grade", _str, [RESULT, c_size_t]),
    ("govopen_result_cell_status", c_int, [RESULT, c_size_t, c_size_t]),
    ("govopen_result_cell_score", c_double, [RESULT, c_size_t, c_size_t]),
    ("govopen_result_cell_reason_count", c_size_t, [RESULT, c_size_t, c_size_t]),
    ("govopen_result_cell_reason_code", _str, [RESULT, c_size_t, c_size_t, c_size_t]),
    ("govopen_result_cell_reason_text", _str, [RESULT, c_size_t, c_size_t, c_size_t]),
    ("govopen_result_cell_reason_severity", c_int, [RESULT, c_size_t, c_size_t, c_size_t]),
    ("govopen_result_cell_reason_evidence_count", c_size_t, [RESULT, c_size_t, c_size_t, c_size_t]),
    ("govopen_result_cell_reason_evidence", _str, [RESULT, c_size_t, c_size_t, c_size_t, c_size_t]),
    ("govopen_result_cell_reason_note", _str, [RESULT, c_size_t, c_size_t, c_size_t]),
    ("govopen_result_cell_reason_sample_count", c_size_t, [RESULT, c_size_t, c_size_t, c_size_t]),
    ("govopen_result_cell_reason_sample_source", _str, [RESULT, c_size_t, c_size_t, c_size_t, c_size_t]),
    ("govopen_result_cell_reason_sample_line", c_uint, [RESULT, c_size_t, c_size_t, c_size_t, c_size_t]),
    ("govopen_result_cell_reason_sample_column", c_uint, [RESULT, c_size_t, c_size_t, c_size_t, c_size_t]),
    ("govopen_result_unit_node_score", c_double, [RESULT, c_size_t, c_size_t]),
    ("govopen_result_county_point_score", c_double, [RESULT, c_size_t]),
    ("govopen_result_county_raw", c_double, [RESULT]),
    ("govopen_result_county_possible", c_double, [RESULT]),
    ("govopen_result_county_normalised", c_double, [RESULT]),
    ("govopen_result_county_total", c_double, [RESULT]),
    ("govopen_result_county_unclamped", c_double, [RESULT]),
    ("govopen_result_county_grade", _str, [RESULT]),
    ("govopen_result_adjustment_count", c_size_t, [RESULT]),
    ("govopen_result_adjustment_index", c_size_t, [RESULT, c_size_t]),
    # evaluate.h: what a figure stands on (coverage), and the other values of the result JSON
    ("govopen_result_unit_points_evaluated", c_size_t, [RESULT, c_size_t]),
    ("govopen_result_unit_points_applicable", c_size_t, [RESULT, c_size_t]),
    ("govopen_result_unit_coverage", c_double, [RESULT, c_size_t]),
    ("govopen_result_unit_low_coverage", c_int, [RESULT, c_size_t]),
    ("govopen_result_county_points_evaluated", c_size_t, [RESULT]),
    ("govopen_result_county_points_applicable", c_size_t, [RESULT]),
    ("govopen_result_county_coverage", c_double, [RESULT]),
    ("govopen_result_unit_coverage_percent", c_double, [RESULT, c_size_t]),
    ("govopen_result_county_coverage_percent", c_double, [RESULT]),
    ("govopen_result_unit_ranked_of", c_size_t, [RESULT, c_size_t]),
    ("govopen_result_kind_ranked_count", c_size_t, [RESULT, c_int]),
    ("govopen_result_kind_not_evaluated_count", c_size_t, [RESULT, c_int]),
    ("govopen_result_kind_low_coverage_count", c_size_t, [RESULT, c_int]),
    ("govopen_result_unit_node_maximum", c_double, [RESULT, c_size_t, c_size_t]),
    ("govopen_result_unit_node_possible", c_double, [RESULT, c_size_t, c_size_t]),
    ("govopen_result_county_node_score", c_double, [RESULT, c_size_t]),
    ("govopen_result_county_node_possible", c_double, [RESULT, c_size_t]),
    ("govopen_result_cell_samples", c_size_t, [RESULT, c_size_t, c_size_t]),
    ("govopen_result_cell_judged", c_size_t, [RESULT, c_size_t, c_size_t]),
    ("govopen_result_cell_maximum", c_double, [RESULT, c_size_t, c_size_t]),
    ("govopen_result_period_first", _str, [RESULT]),
    ("govopen_result_period_last", _str, [RESULT]),
    ("govopen_result_setting", c_int, [RESULT, c_int, POINTER(c_int64)]),
    # evaluate.h: adjustments in full, the total reconciled
    ("govopen_result_adjustment_delta", c_double, [RESULT, c_size_t]),
    ("govopen_result_adjustment_evidence_count", c_size_t, [RESULT, c_size_t]),
    ("govopen_result_adjustment_evidence", _str, [RESULT, c_size_t, c_size_t]),
    ("govopen_result_adjustment_note", _str, [RESULT, c_size_t]),
    ("govopen_result_adjustment_date", _str, [RESULT, c_size_t]),
    ("govopen_result_adjustment_applied", c_int, [RESULT, c_size_t]),
    ("govopen_result_unit_adjustment_count", c_size_t, [RESULT, c_size_t]),
    ("govopen_result_unit_adjustment_index", c_size_t, [RESULT, c_size_t, c_size_t]),
    ("govopen_result_unit_adjustment_delta", c_double, [RESULT, c_size_t, c_size_t]),
    ("govopen_result_unit_adjustment_evidence_count", c_size_t, [RESULT, c_size_t, c_size_t]),
    ("govopen_result_unit_adjustment_evidence", _str, [RESULT, c_size_t, c_size_t, c_size_t]),
    ("govopen_result_unit_adjustment_note", _str, [RESULT, c_size_t, c_size_t]),
    ("govopen_result_unit_adjustment_date", _str, [RESULT, c_size_t, c_size_t]),
    ("govopen_result_unit_adjustment_applied", c_int, [RESULT, c_size_t, c_size_t]),
    ("govopen_result_unit_adjustment_why", _str, [RESULT, c_size_t, c_size_t]),
    ("govopen_result_unit_normalised", c_double, [RESULT, c_size_t]),
    ("govopen_result_unit_unclamped", c_double, [RESULT, c_size_t]),
    ("govopen_result_unit_maximum", c_double, [RESULT, c_size_t]),
    ("govopen_result_unit_rounding", c_double, [RESULT, c_size_t]),
    ("govopen_result_cell_lost", c_double, [RESULT, c_size_t, c_size_t]),
    ("govopen_result_county_rounding", c_double, [RESULT]),
    ("govopen_result_county_point_lost", c_double, [RESULT, c_size_t]),
    ("govopen_result_unit_points_lost", c_double, [RESULT, c_size_t]),
    ("govopen_result_unit_adjustments", c_double, [RESULT, c_size_t]),
    ("govopen_result_county_points_lost", c_double, [RESULT]),
    ("govopen_result_county_adjustments", c_double, [RESULT]),
    ("govopen_result_fingerprint", _str, [RESULT]),
    ("govopen_result_framework_digest", _str, [RESULT]),
    ("govopen_result_calendar", _str, [RESULT]),
    ("govopen_result_calendar_digest", _str, [RESULT]),
    ("govopen_result_input_count", c_size_t, [RESULT]),
    ("govopen_result_input_name", _str, [RESULT, c_size_t]),
    ("govopen_result_input_digest", _str, [RESULT, c_size_t]),
    ("govopen_result_input_records", c_size_t, [RESULT, c_size_t]),
    ("govopen_result_input_accepted", c_size_t, [RESULT, c_size_t]),
    ("govopen_result_input_rejected", c_size_t, [RESULT, c_size_t]),
    ("govopen_result_to_json", c_int, [RESULT, c_uint, _owned, POINTER(c_size_t)]),
    ("govopen_result_write_json", c_int, [RESULT, c_uint, WRITE_FN, c_void_p]),
    ("govopen_evaluation_write_json", c_int, [EVALUATION, c_uint, WRITE_FN, c_void_p, _err_out]),
    # report.h
    ("govopen_table_name", _str, [c_int]),
    ("govopen_result_write_csv", c_int, [RESULT, c_int, c_uint, WRITE_FN, c_void_p]),
    ("govopen_result_write_rectify", c_int, [RESULT, c_size_t, c_uint, WRITE_FN, c_void_p]),
    ("govopen_result_write_markdown", c_int, [RESULT, c_uint, WRITE_FN, c_void_p]),
    ("govopen_result_write_html", c_int, [RESULT, c_uint, WRITE_FN, c_void_p]),
    # diff.h
    ("govopen_framework_diff", c_int, [FRAMEWORK, FRAMEWORK, c_uint, WRITE_FN, c_void_p, POINTER(c_size_t)]),
    # convert.h
    ("govopen_yaml_to_json", c_int,
     [c_char_p, c_size_t, c_char_p, OPTIONS, c_uint, _owned, POINTER(c_size_t), _err_out]),
    ("govopen_yaml_file_to_json", c_int, [c_char_p, OPTIONS, c_uint, _owned, POINTER(c_size_t), _err_out]),
    ("govopen_builtin_yaml", _str, [c_char_p, POINTER(c_size_t)]),
    ("govopen_framework_write_worksheet", c_int, [FRAMEWORK, c_char_p, c_uint, WRITE_FN, c_void_p]),
)


class LibraryNotFoundError(ImportError):
    """No usable libgovopen was found; :attr:`tried` lists every place looked at and why it failed."""

    def __init__(self, tried: Sequence[str]) -> None:
        self.tried: List[str] = list(tried)
        lines = "\n".join(f"  - {t}" for t in self.tried)
        super().__init__(
            "libgovopen could not be loaded. Set GOVOPEN_LIBRARY to the library's path "
            f"(e.g. build/libgovopen.so.0), copy it beside the govopen package, or install it. Tried:\n{lines}")


_lock = threading.Lock()
_cdll: Optional[ctypes.CDLL] = None
_path: Optional[str] = None


def _beside_names() -> Tuple[str, ...]:
    """File names of the library as it may be copied next to the package."""
    if sys.platform == "darwin":
        return ("libgovopen.0.dylib", "libgovopen.dylib")
    if sys.platform == "win32":
        return ("govopen.dll", "libgovopen.dll")
    return ("libgovopen.so.0", "libgovopen.so")


def _candidates() -> Iterator[Tuple[str, Optional[str]]]:
    """(where, what to dlopen) in search order; `what` is None when that place has nothing to offer.

    A generator: the system search (which may run ldconfig or the compiler) only
    happens when the earlier places failed.
    """
    yield "GOVOPEN_LIBRARY", os.environ.get("GOVOPEN_LIBRARY") or None
    here = os.path.dirname(os.path.abspath(__file__))
    for name in _beside_names():
        yield "beside the package", os.path.join(here, name)
    yield "ctypes.util.find_library('govopen')", ctypes.util.find_library("govopen")
    # find_library does not read LD_LIBRARY_PATH everywhere; dlopen does.
    if sys.platform.startswith("linux"):
        yield "the dynamic loader's search path", "libgovopen.so.0"


def _declare(cdll: ctypes.CDLL) -> None:
    """Sets restype/argtypes of every symbol; raises AttributeError naming a missing one."""
    for name, restype, argtypes in SIGNATURES:
        fn = getattr(cdll, name)
        fn.restype = restype
        fn.argtypes = list(argtypes)


def _open(what: str) -> ctypes.CDLL:
    """Loads one candidate and checks that it is a compatible libgovopen."""
    cdll = ctypes.CDLL(what)
    try:
        _declare(cdll)
    except AttributeError as e:
        raise OSError(f"not a compatible libgovopen: {e}") from None
    major = cdll.govopen_version_number() // 10000
    if major != ABI_MAJOR:
        raise OSError(f"libgovopen {cdll.govopen_version_string().decode()} has ABI major version {major}, "
                      f"this binding needs {ABI_MAJOR}")
    return cdll


def _load() -> Tuple[ctypes.CDLL, str]:
    tried: List[str] = []
    for where, what in _candidates():
        if what is None:
            tried.append(f"{where}: not set" if where == "GOVOPEN_LIBRARY" else f"{where}: nothing found")
            continue
        if os.sep in what and not os.path.exists(what):
            tried.append(f"{where}: {what}: no such file")
            continue
        try:
            return _open(what), what
        except OSError as e:
            tried.append(f"{where}: {what}: {e}")
    raise LibraryNotFoundError(tried)


def lib() -> ctypes.CDLL:
    """The loaded library, every symbol declared. Loaded once, on first use (thread-safe)."""
    global _cdll, _path
    cdll = _cdll
    if cdll is not None:
        return cdll
    with _lock:
        if _cdll is None:
            _cdll, _path = _load()
        return _cdll


def library_path() -> str:
    """The path or name the library was loaded from (loading it if need be)."""
    lib()
    assert _path is not None
    return _path
