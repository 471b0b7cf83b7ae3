/**
 * `redis://host:port` of a Redis URL: what messages and logs name, without user or password.
 * Throws (without echoing the URL, which may hold a password) when it is not a redis URL.
 */
export function describeRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('invalid Redis URL: expected redis://[[user]:password@]host[:port][/db]');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(`invalid Redis URL: scheme must be redis: or rediss:, not ${parsed.protocol}`);
  }
  return `${parsed.protocol}//${parsed.hostname || '127.0.0.1'}:${parsed.port || '6379'}`;
}
