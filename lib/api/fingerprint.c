/* The accessors of a result's fingerprint (eval/fingerprint.c fills it). */
#include "eval/eval.h"

const char *govopen_result_fingerprint(const govopen_result *r) { return r ? r->fp.digest : NULL; }
const char *govopen_result_framework_digest(const govopen_result *r) { return r ? r->fp.framework_digest : NULL; }
const char *govopen_result_calendar(const govopen_result *r) { return r ? r->fp.calendar : NULL; }
const char *govopen_result_calendar_digest(const govopen_result *r) {
  return r && r->fp.calendar_digest[0] ? r->fp.calendar_digest : NULL;
}

size_t govopen_result_input_count(const govopen_result *r) { return r ? r->fp.input_count : (size_t)-1; }

static const gv_input *input_at(const govopen_result *r, size_t i) {
  return r && i < r->fp.input_count ? &r->fp.inputs[i] : NULL;
}
const char *govopen_result_input_name(const govopen_result *r, size_t i) {
  const gv_input *in = input_at(r, i);
  return in ? in->name : NULL;
}
const char *govopen_result_input_digest(const govopen_result *r, size_t i) {
  const gv_input *in = input_at(r, i);
  return in ? in->digest : NULL;
}
size_t govopen_result_input_records(const govopen_result *r, size_t i) {
  const gv_input *in = input_at(r, i);
  return in ? (size_t)in->records : (size_t)-1;
}
size_t govopen_result_input_accepted(const govopen_result *r, size_t i) {
  const gv_input *in = input_at(r, i);
  return in ? (size_t)in->accepted : (size_t)-1;
}
size_t govopen_result_input_rejected(const govopen_result *r, size_t i) {
  const gv_input *in = input_at(r, i);
  return in ? (size_t)in->rejected : (size_t)-1;
}
