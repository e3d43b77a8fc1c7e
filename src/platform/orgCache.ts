/**
 * Caches what is derived from an organization's set-up (its förvaltningar, its deadline
 * calendar …) per app instance. An entry is valid for one `config_version` of the organization,
 * which database triggers bump on every change to that set-up; the organization row is read on
 * every request anyway, so a cached value is never stale, on any instance.
 */
interface Entry {
  version: number;
  value: Promise<unknown>;
}

const entries = new Map<string, Entry>();
const MAX_ENTRIES = 1000;

export function cachedForOrg<T>(org: { id: string; config_version: number }, key: string, load: () => Promise<T>): Promise<T> {
  const k = `${org.id}:${key}`;
  const hit = entries.get(k);
  if (hit && hit.version === Number(org.config_version)) return hit.value as Promise<T>;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  const value = load();
  entries.set(k, { version: Number(org.config_version), value });
  // A failed load is not remembered.
  value.catch(() => entries.get(k)?.value === value && entries.delete(k));
  return value;
}
