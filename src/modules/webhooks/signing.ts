import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks 1.0, symmetric scheme: the secret is `whsec_` + base64 of 32 random bytes
 * (the specification asks for 24–64), and each request carries
 *   webhook-signature: v1,<base64 HMAC-SHA256(secret, "<webhook-id>.<webhook-timestamp>.<body>")>
 */
export const SECRET_PREFIX = 'whsec_';

export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

function keyOf(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('webhook secret without whsec_ prefix');
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** The webhook-id of an event: stable across retries and across subscriptions, and without a '.' (the spec forbids one). */
export const webhookId = (eventId: string) => `msg_${eventId.replace(/-/g, '')}`;

export function signedHeaders(secret: string, eventId: string, at: Date, body: string): Record<string, string> {
  const id = webhookId(eventId);
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': sign(secret, id, timestamp, body),
  };
}
