// Where the feeds live, for <link rel="alternate"> autodiscovery and visible links.

export const FEED_FORMATS = [
  { extension: "rss", type: "application/rss+xml", label: "RSS" },
  { extension: "atom", type: "application/atom+xml", label: "Atom" },
  { extension: "json", type: "application/feed+json", label: "JSON Feed" },
] as const;

/** Where one service's feeds live, before their extension: "/services/forums/history". */
export function serviceFeedBase(slug: string): string {
  return `/services/${encodeURIComponent(slug)}/history`;
}

type Alternates = Record<string, { url: string; title: string }[]>;

/** Next metadata `alternates.types` for the feeds at `base` (e.g. "/history"), added to `more`. */
export function feedAlternates(title: string, base: string, more: Alternates = {}): Alternates {
  const types: Alternates = { ...more };
  for (const format of FEED_FORMATS) {
    types[format.type] = [{ url: `${base}.${format.extension}`, title: `${title} (${format.label})` }, ...(more[format.type] ?? [])];
  }
  return types;
}
