// Herald's live updates: an open public page follows published changes without a
// reload. The front's event stream (/events, runtime/front/live.ts) says which data
// version "/" shows and whether the database is out of reach; when that is news to
// this page, it fetches itself again, swaps in the new <main> (keeping the reader's
// place and focus) and says what changed in the page's polite live region
// (#live-updates, empty as served), in the page's language: the page carries the
// sentences as templates (data-msg-* on the region, from the catalog). It also shows the
// page's offer of its twin in another language ([data-offer-lang], hidden as served)
// when that is the language the browser prefers. With JavaScript off none of this runs
// and the page is exactly as served. The front adds this file to the pages readers keep open, and
// its hash is the only script their policy allows (lib/live-page.ts): keep it one
// self-contained file, with no inline parts and no other origin.
"use strict";

(() => {
  const SCRIPT_PATH = "/live.js";
  const EVENTS_PATH = "/events";
  /** Ten thousand open pages must not all fetch in the same millisecond: the stream says how far to spread them. */
  const MAX_SPREAD_MS = 1_000;
  /** Fetches that did not catch up (the front busy, the network gone) are tried again this many times. */
  const RETRIES = 5;

  const script = document.currentScript;
  const region = document.getElementById("live-updates");
  const main = document.querySelector("main");
  if (!script || !region || !main || typeof EventSource !== "function" || typeof DOMParser !== "function") return;

  /** The data version a page's script tag says it was rendered from; -Infinity without one. */
  const versionOf = (tag) => {
    const version = Number(tag?.dataset.version);
    return Number.isFinite(version) ? version : -Infinity;
  };
  const isStale = (root) => root.querySelector("[data-stale]") !== null;

  /** The region's template `name` (data-msg-<name>) with its {placeholders} filled in; "" without one. */
  const say = (name, values = {}) => (region.dataset[name] ?? "").replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));

  // The twin in the language this reader's browser asks for first, offered once (the same HTML for every reader).
  const preferred = String((navigator.languages && navigator.languages[0]) || navigator.language || "").toLowerCase().split("-")[0];
  for (const offer of document.querySelectorAll("[data-offer-lang]")) {
    if (offer.dataset.offerLang === preferred) offer.hidden = false;
  }

  /** What the page on screen shows, and what the stream last said there is. */
  const shown = { version: versionOf(script), stale: isStale(main) };
  const wanted = { ...shown };
  const behind = () => wanted.version > shown.version || wanted.stale !== shown.stale;

  let source = null;
  let reconnectTimer = 0;
  let refreshTimer = 0;
  let fetching = false;
  let misses = 0;
  let spread = 0;

  function heard(event) {
    let state;
    try {
      state = JSON.parse(event.data);
    } catch {
      return;
    }
    if (typeof state?.version !== "number" || typeof state.stale !== "boolean") return;
    wanted.version = Math.max(wanted.version, state.version);
    wanted.stale = state.stale;
    spread = Math.min(MAX_SPREAD_MS, Math.max(0, Number(state.spread) || 0));
    if (behind()) {
      misses = 0;
      schedule(Math.random() * spread);
    }
  }

  function schedule(delay) {
    if (!refreshTimer) refreshTimer = setTimeout(refresh, delay);
  }

  async function refresh() {
    refreshTimer = 0;
    // A hidden page has no stream; the greeting when it shows again says whether it is behind.
    if (fetching || document.hidden) return;
    fetching = true;
    let page = null;
    try {
      const response = await fetch(location.pathname + location.search, { cache: "no-cache", credentials: "same-origin" });
      // A 404 is news too: the incident is no longer published.
      if (response.ok || response.status === 404) page = new DOMParser().parseFromString(await response.text(), "text/html");
    } catch {
      // Offline for a moment: tried again below.
    }
    fetching = false;
    if (page) apply(page);
    if (behind() && ++misses <= RETRIES) schedule(misses * 1_000 + Math.random() * spread);
  }

  function apply(page) {
    const next = page.querySelector("main");
    // A form being filled is never swapped away (the pages that load this have none).
    if (!next || main.querySelector("form")) return;
    const message = describe(main, next);
    const place = readersPlace();
    main.replaceChildren(...next.childNodes);
    if (page.title && page.title !== document.title) document.title = page.title;
    restore(place);
    const tag = page.querySelector(`script[src^="${SCRIPT_PATH}?"]`);
    // A page without the script (now a "not found" page) has no version: it is as current as it gets.
    shown.version = tag ? versionOf(tag) : wanted.version;
    shown.stale = isStale(main);
    if (message) announce(message);
  }

  /** What the public components mark (components/incidents/live-data.ts, StatusLabel), and the text minus what moves by itself. */
  function facts(root) {
    const incidents = new Map();
    for (const element of root.querySelectorAll("[data-incident]")) incidents.set(element.dataset.incident, element.dataset);
    const updates = new Map();
    for (const element of root.querySelectorAll("[data-update]")) {
      updates.set(element.dataset.update, { status: element.dataset.updateStatus, incident: element.closest("[data-incident]")?.dataset });
    }
    const services = new Map();
    for (const element of root.querySelectorAll("[data-service]")) services.set(element.dataset.service, element.dataset.serviceStatus);
    const quiet = root.cloneNode(true);
    for (const element of quiet.querySelectorAll("[data-as-of], [data-stale]")) element.remove();
    return { incidents, updates, services, stale: isStale(root), text: quiet.textContent.replace(/\s+/g, " ").trim() };
  }

  /** One sentence per change, the most telling first; a plain one when only other text changed. */
  function describe(before, after) {
    const was = facts(before);
    const now = facts(after);
    const said = [];
    const told = new Set();
    for (const [id, update] of now.updates) {
      const incident = update.incident;
      if (was.updates.has(id) || !incident || told.has(incident.incident)) continue;
      told.add(incident.incident);
      said.push(was.incidents.has(incident.incident) ? say("msgNewUpdate", { title: incident.incidentTitle, status: update.status }) : newWhat(incident, update.status));
    }
    for (const [id, incident] of now.incidents) {
      if (told.has(id)) continue;
      const earlier = was.incidents.get(id);
      if (!earlier) said.push(newWhat(incident, incident.incidentStatus));
      else if (earlier.incidentStatus !== incident.incidentStatus) said.push(say("msgNewUpdate", { title: incident.incidentTitle, status: incident.incidentStatus }));
    }
    for (const [name, status] of now.services) {
      const earlier = was.services.get(name);
      if (earlier !== undefined && earlier !== status) said.push(say("msgServiceNow", { name, status: status.toLocaleLowerCase(document.documentElement.lang) }));
    }
    if (now.stale && !was.stale) said.push(say("msgStale"));
    if (was.stale && !now.stale) said.push(say("msgFresh"));
    if (said.length === 0 && now.text !== was.text) said.push(say("msgUpdated"));
    const more = said.length - 3;
    if (more > 0) said.splice(3, more, say(new Intl.PluralRules(document.documentElement.lang).select(more) === "one" ? "msgMoreOne" : "msgMoreOther", { count: more }));
    return said
      .filter(Boolean)
      .map((text) => say("msgSentence", { text }))
      .join(" ");
  }

  const newWhat = (incident, status) => say(incident.incidentKind === "maintenance" ? "msgNewMaintenance" : "msgNewIncident", { title: incident.incidentTitle, status });

  function announce(message) {
    region.textContent = "";
    // Set a moment after clearing, so the same words twice are still announced twice.
    setTimeout(() => {
      region.textContent = message;
    }, 50);
  }

  /** The element with an id nearest the top of the window (to keep in place), and what has focus in <main>. */
  function readersPlace() {
    let anchor = null;
    if (window.scrollY > 0) {
      for (const element of main.querySelectorAll("[id]")) {
        const top = element.getBoundingClientRect().top;
        if (top >= 0) {
          anchor = { id: element.id, top };
          break;
        }
      }
    }
    const active = document.activeElement;
    let focus = null;
    if (active && main.contains(active)) {
      const href = active.getAttribute("href");
      if (active.id) focus = `#${CSS.escape(active.id)}`;
      else if (href) focus = `${active.localName}[href="${CSS.escape(href)}"]`;
    }
    return { anchor, focus };
  }

  function restore({ anchor, focus }) {
    const element = anchor && document.getElementById(anchor.id);
    if (element && main.contains(element)) window.scrollBy({ top: element.getBoundingClientRect().top - anchor.top, behavior: "instant" });
    if (focus) main.querySelector(focus)?.focus({ preventScroll: true });
  }

  function connect() {
    if (source || document.hidden) return;
    source = new EventSource(EVENTS_PATH);
    source.addEventListener("hello", heard);
    source.addEventListener("change", heard);
    source.addEventListener("error", () => {
      // Still connecting: the browser retries by itself, and the greeting after says what was missed.
      if (!source || source.readyState !== EventSource.CLOSED) return;
      // Refused (an instance holding all the streams it may answers 503): try again much later.
      source = null;
      reconnectTimer = setTimeout(connect, 30_000 + Math.random() * 30_000);
    });
  }

  function disconnect() {
    clearTimeout(reconnectTimer);
    source?.close();
    source = null;
  }

  // Background tabs give their stream back: a browser allows six connections to one
  // site over HTTP/1.1, and a seventh tab of the page must still load.
  document.addEventListener("visibilitychange", () => (document.hidden ? disconnect() : connect()));
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) connect();
  });
  connect();
})();
