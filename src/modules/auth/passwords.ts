import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const OPTIONS = { algorithm: 2 /* Argon2id; the enum is a const enum TS cannot import here */, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Verified against when the account does not exist, so timing does not tell which addresses have one. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('lyhord-no-such-user'));

export const MIN_PASSWORD_LENGTH = 12;
