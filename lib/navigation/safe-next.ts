/** Any origin would do as the base: what matters is whether `next` leaves it. */
const base = 'http://console.invalid';

/**
 * Where to go after signing in: a path of this console, never another site. Parsed as a browser would parse it
 * (`/\evil.example/` and `/<TAB>/evil.example/` both mean `//evil.example/` to a URL parser, which a prefix test
 * misses), then re-serialised, so what the router gets is exactly the same-origin path that was checked.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next) return '/';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return '/';
  }
  if (url.origin !== base) return '/';
  return url.pathname + url.search + url.hash;
}
