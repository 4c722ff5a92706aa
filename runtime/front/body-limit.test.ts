import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { BodyLimit } from "./body-limit";

async function send(chunks: Buffer[], max: number) {
  let forwarded = 0;
  let refusals = 0;
  await pipeline(
    Readable.from(chunks),
    new BodyLimit(max, () => refusals++),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        forwarded += chunk.length;
        done();
      },
    }),
  );
  return { forwarded, refusals };
}

describe("BodyLimit", () => {
  it("passes a body within the limit untouched", async () => {
    expect(await send([Buffer.alloc(1000), Buffer.alloc(1048)], 2048)).toEqual({ forwarded: 2048, refusals: 0 });
  });

  it("stops a streamed body at the limit, whatever its Content-Length said, and says so once", async () => {
    const chunks = Array.from({ length: 50 }, () => Buffer.alloc(64 * 1024));
    const { forwarded, refusals } = await send(chunks, 1024 * 1024);
    expect(forwarded).toBeLessThanOrEqual(1024 * 1024);
    expect(refusals).toBe(1);
  });
});
