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

  it("treats an empty variable as unset", () => {
    expect(parseEnv({ PORT: "" }).PORT).toBe(3000);
  });

  it("tells SQLite from PostgreSQL", () => {
    expect(databaseProvider("postgresql://localhost/herald")).toBe("postgresql");
    expect(databaseProvider("postgres://localhost/herald")).toBe("postgresql");
    expect(databaseProvider("file:./data/herald.db")).toBe("sqlite");
  });
});
