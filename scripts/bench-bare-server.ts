// The bench's yardstick: a bare Node http server answering, from memory, exactly the
// response Herald answered, headers and body (read from the file given). Runs in its
// own process, like Herald.
import { readFileSync } from "node:fs";
import http from "node:http";

const [file, port] = process.argv.slice(2);
const captured = new Map<string, { status: number; headers: string[]; body: Buffer }>(
  Object.entries(JSON.parse(readFileSync(file, "utf8")) as Record<string, { status: number; headers: string[]; body: string }>).map(
    ([path, hit]) => [path, { ...hit, body: Buffer.from(hit.body, "base64") }],
  ),
);

http
  .createServer((req, res) => {
    const hit = captured.get(req.url ?? "");
    if (!hit) return res.writeHead(404).end();
    res.writeHead(hit.status, hit.headers);
    res.end(hit.body);
  })
  .listen(Number(port), "127.0.0.1", () => process.send?.("ready"));
