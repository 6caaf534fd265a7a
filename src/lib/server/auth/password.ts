import { hash, verify } from '@node-rs/argon2';

// argon2id with the parameters OWASP recommends as a minimum (19 MiB, 2 passes), as in the Lucia guide.
const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		// A malformed stored hash never matches; it is not the user's fault, so no error page.
		return false;
	}
}

/** A hash of a random password, verified against when the account does not exist, so that timing does not tell. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
	dummyHash ??= hashPassword(crypto.randomUUID());
	return dummyHash;
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A readable random password (no 0/O, 1/l/I) for demo accounts and admin resets. */
export function generatePassword(length = 12): string {
	const bytes = crypto.getRandomValues(new Uint8Array(length));
	return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}
