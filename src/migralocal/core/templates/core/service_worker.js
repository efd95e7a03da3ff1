/* MigraLocal's service worker (served by core/offline.py at /sw.js; see docs/offline.md).

   - Public directory pages and the home page, as a visitor who is not signed in reads them:
     network first; each good answer the server lets be stored is kept with the time it was
     saved, and shown when there is no connection, with a notice saying when it was saved.
   - Static files: cache first (their names change with their content).
   - The offline record form of hub staff: network first, kept only when it is that form.
   Nothing else is kept: no page under a staff area, no page that names a person (those are
   sent `no-store, private`), nothing for a signed-in reader. */
"use strict";

const VERSION = "{{ version }}";
const PAGES = "migralocal-pages-v" + VERSION;
const STATIC = "migralocal-static-v" + VERSION;
const FORMS = "migralocal-forms-v" + VERSION;
const LANGUAGES = {{ languages|safe }};
const STATIC_PREFIX = {{ static_prefix|safe }};
const PRECACHE = {{ precache|safe }};
const SAVED_HEADER = "X-MigraLocal-Saved-At";

const language = "(?:" + LANGUAGES.join("|") + ")";
// The home page, the directory search, a hub, its printable sheet, a service, the pathways.
const PUBLIC_PAGE = new RegExp(
  "^/" + language + "/(?:directory/(?:hubs/[^/]+/(?:sheet/)?|services/[0-9a-f-]+/|pathways/(?:[^/]+/)?)?)?$"
);
const OFFLINE_FORM = new RegExp("^/" + language + "/consultations/record/offline/$");
// Markers the server writes in a page: kept only where it says so.
const KEEP_MARK = '<meta name="migralocal-offline" content="keep">';
const FORM_MARK = "data-offline-form";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(STATIC).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  const current = [PAGES, STATIC, FORMS];
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("migralocal-") && !current.includes(name))
            .map((name) => caches.delete(name))
        )
      )
      .then(() => self.clients.claim())
  );
});

function mayBeStored(response) {
  const control = (response.headers.get("Cache-Control") || "").toLowerCase();
  return (
    response.status === 200 &&
    response.type === "basic" &&
    !response.redirected &&
    !control.includes("no-store") &&
    !control.includes("private")
  );
}

// A copy of a page with the time it was saved; Content-Encoding and Length no longer apply.
async function savedCopy(response, body) {
  const headers = new Headers();
  response.headers.forEach((value, name) => {
    if (!["content-encoding", "content-length", "set-cookie"].includes(name)) {
      headers.set(name, value);
    }
  });
  headers.set(SAVED_HEADER, new Date().toISOString());
  return new Response(body, { status: 200, statusText: "OK", headers });
}

// The static files a kept page links (fetched through the browser's own cache, so a page read
// before this worker took control costs nothing more): the page works offline as it looked.
async function keepAssets(body) {
  const cache = await caches.open(STATIC);
  const linked = new RegExp('(?:src|href)="(' + STATIC_PREFIX + '[^"?#]+)"', "g");
  for (const [, address] of body.matchAll(linked)) {
    if (!(await cache.match(address))) {
      await cache.add(address).catch(() => {});
    }
  }
}

async function keepPage(request, response) {
  if (!mayBeStored(response)) return;
  const body = await response.text();
  if (!body.includes(KEEP_MARK)) return; // a signed-in reader's page, or one not to be kept
  const cache = await caches.open(PAGES);
  await cache.put(request.url, await savedCopy(response, body));
  await keepAssets(body);
}

async function keepForm(request, response) {
  if (response.status !== 200 || response.redirected || response.type !== "basic") return;
  const body = await response.text();
  if (!body.includes(FORM_MARK)) return;
  const cache = await caches.open(FORMS);
  await cache.put(request.url, await savedCopy(response, body));
  await keepAssets(body);
}

// A kept page, with the time it was saved written in it for js/offline.js to show.
async function fromCache(cacheName, url) {
  const cache = await caches.open(cacheName);
  const kept = await cache.match(url, { ignoreVary: true });
  if (!kept) return null;
  const saved = kept.headers.get(SAVED_HEADER) || "";
  const body = (await kept.text()).replace(
    "<head>",
    '<head><meta name="migralocal-saved-at" content="' + saved + '">'
  );
  return new Response(body, { status: 200, headers: kept.headers });
}

async function networkFirst(event, cacheName, keep) {
  const request = event.request;
  try {
    const response = await fetch(request);
    // Kept beside the answer: the page is not held up.
    event.waitUntil(keep(request, response.clone()).catch(() => {}));
    return response;
  } catch (error) {
    const kept = await fromCache(cacheName, request.url);
    if (kept) return kept;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(STATIC);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.status === 200 && response.type === "basic") {
    cache.put(request, response.clone()).catch(() => {});
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(STATIC_PREFIX)) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate" && PUBLIC_PAGE.test(url.pathname)) {
    event.respondWith(networkFirst(event, PAGES, keepPage));
  } else if (request.mode === "navigate" && OFFLINE_FORM.test(url.pathname)) {
    event.respondWith(networkFirst(event, FORMS, keepForm));
  }
});

// A page read before this worker controlled it asks to be kept (js/offline.js).
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "keep" || typeof data.url !== "string") return;
  const url = new URL(data.url, self.location.origin);
  if (url.origin !== self.location.origin) return;
  const request = new Request(url.href, { credentials: "same-origin" });
  let keep = null;
  if (PUBLIC_PAGE.test(url.pathname)) keep = keepPage;
  else if (OFFLINE_FORM.test(url.pathname)) keep = keepForm;
  if (keep) {
    event.waitUntil(fetch(request).then((response) => keep(request, response)).catch(() => {}));
  }
});
