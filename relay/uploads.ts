/**
 * Bounds the memory webhook bodies can take while they upload: each upload reserves its declared
 * Content-Length (the body limit when it declares none) and gives it back when it ends. Over the
 * budget or the count, the webhook is answered 503 with Retry-After before any body is read, so
 * the provider retries later and memory stays under `maxBytes` (plus one body at most, when a
 * lone upload is larger than the whole budget).
 */
export interface UploadGate {
  /** A release function, or undefined when the upload must wait. */
  enter(declaredBytes: number): (() => void) | undefined;
  stats(): { uploads: number; bytes: number };
}

export function createUploadGate(limits: { maxUploads: number; maxBytes: number }): UploadGate {
  let uploads = 0;
  let bytes = 0;
  return {
    enter(declared) {
      // One upload is always let in, so a body limit above the byte budget cannot lock every webhook out.
      if (uploads > 0 && (uploads >= limits.maxUploads || bytes + declared > limits.maxBytes)) return undefined;
      uploads++;
      bytes += declared;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        uploads--;
        bytes -= declared;
      };
    },
    stats: () => ({ uploads, bytes }),
  };
}
