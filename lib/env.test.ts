import { describe, expect, it } from "vitest";
import { EnvError, databaseProvider, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("defaults to an embedded SQLite database on port 3000", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("file:./data/herald.db");
    expect(env.PORT).toBe(3000);
    expect(env.HERALD_DEMO).toBe(true);
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(EnvError);
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT: must be a port number/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be file:/);
    expect(() => parseEnv({ HERALD_DEMO: "maybe" })).toThrow(/HERALD_DEMO: must be true or false/);
  });

  it("keeps PUBLIC_URL in the one form every link is built from", () => {
    expect(parseEnv({ PUBLIC_URL: "HTTPS://Status.Example.COM/" }).PUBLIC_URL).toBe("https://status.example.com");
    expect(parseEnv({ PUBLIC_URL: "https://example.com:443/status/" }).PUBLIC_URL).toBe("https://example.com/status");
    expect(() => parseEnv({ PUBLIC_URL: "https://user:secret@status.example.com" })).toThrow(/PUBLIC_URL: must not contain a user name or password/);
    expect(() => parseEnv({ PUBLIC_URL: "https://status.example.com/?a=1" })).toThrow(/PUBLIC_URL: must not have a query/);
    expect(() => parseEnv({ PUBLIC_URL: "ftp://status.example.com" })).toThrow(/PUBLIC_URL: must be an http\(s\) URL/);
  });

  it("keeps a mirror only when HERALD_MIRROR_DIR names a folder", () => {
    expect(parseEnv({}).HERALD_MIRROR_DIR).toBeUndefined();
    expect(parseEnv({ HERALD_MIRROR_DIR: "" }).HERALD_MIRROR_DIR).toBeUndefined();
    expect(parseEnv({ HERALD_MIRROR_DIR: "/srv/status-mirror" }).HERALD_MIRROR_DIR).toBe("/srv/status-mirror");
  });

  it("treats an empty variable as unset", () => {
    expect(parseEnv({ PORT: "" }).PORT).toBe(3000);
  });

  it("tells SQLite from PostgreSQL", () => {
    expect(databaseProvider("postgresql://localhost/herald")).toBe("postgresql");
    expect(databaseProvider("postgres://localhost/herald")).toBe("postgresql");
    expect(databaseProvider("file:./data/herald.db")).toBe("sqlite");
  });
});
