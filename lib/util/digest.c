/* SHA-256 through nettle (util/digest.h). */
#include "util/digest.h"

void gv_digest_init(gv_digest *d) { sha256_init(&d->ctx); }

void gv_digest_update(gv_digest *d, const void *data, size_t len) {
  if (len) sha256_update(&d->ctx, len, (const uint8_t *)data);
}

void gv_digest_final_hex(gv_digest *d, char out[GV_DIGEST_HEX]) {
  static const char hex[] = "0123456789abcdef";
  uint8_t bin[GV_DIGEST_SIZE];
  sha256_digest(&d->ctx, sizeof bin, bin);
  for (size_t i = 0; i < sizeof bin; i++) {
    out[2 * i] = hex[bin[i] >> 4];
    out[2 * i + 1] = hex[bin[i] & 15];
  }
  out[2 * GV_DIGEST_SIZE] = '\0';
}

void gv_digest_hex(const void *data, size_t len, char out[GV_DIGEST_HEX]) {
  gv_digest d;
  gv_digest_init(&d);
  gv_digest_update(&d, data, len);
  gv_digest_final_hex(&d, out);
}
