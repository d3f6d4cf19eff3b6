/* SHA-256 digests (FIPS 180-4), by Debian's nettle: what a result was made
   from is named by the digests of its inputs (docs/results.md, "fingerprint").
   The only file that includes <nettle/sha2.h>; the rest see gv_digest. */
#ifndef GV_DIGEST_H
#define GV_DIGEST_H

#include <stddef.h>

#include <nettle/sha2.h>

#define GV_DIGEST_SIZE 32                      /* bytes of a SHA-256 digest */
#define GV_DIGEST_HEX (2 * GV_DIGEST_SIZE + 1) /* its lowercase hex, NUL included */

/* A digest being computed: init, update with the bytes in order, final. No
   allocation, so none can fail. */
typedef struct gv_digest {
  struct sha256_ctx ctx;
} gv_digest;

void gv_digest_init(gv_digest *d);
void gv_digest_update(gv_digest *d, const void *data, size_t len);
/* The digest of the bytes given, as lowercase hex; `d` starts anew. */
void gv_digest_final_hex(gv_digest *d, char out[GV_DIGEST_HEX]);
/* The digest of `len` bytes at `data` as lowercase hex. */
void gv_digest_hex(const void *data, size_t len, char out[GV_DIGEST_HEX]);

#endif
