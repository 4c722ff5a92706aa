// Request bodies the front passes to Next, counted as they stream: a Content-Length can
// be absent (chunked) or false, so the bytes themselves are what is limited.
import { Transform, type TransformCallback } from "node:stream";

/** Passes a body through until more than `max` bytes arrive; then calls `onTooLarge` once and passes nothing more. */
export class BodyLimit extends Transform {
  private received = 0;
  private refused = false;

  constructor(
    private readonly max: number,
    private readonly onTooLarge: () => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.received += chunk.length;
    if (this.received <= this.max) return done(null, chunk);
    if (!this.refused) {
      this.refused = true;
      this.onTooLarge();
    }
    done();
  }
}
