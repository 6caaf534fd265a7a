import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
	it('uses argon2id with a per-hash salt and verifies only the right password', async () => {
		const h1 = await hashPassword('correct horse 电池');
		const h2 = await hashPassword('correct horse 电池');
		expect(h1).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(h1).not.toBe(h2);
		expect(await verifyPassword(h1, 'correct horse 电池')).toBe(true);
		expect(await verifyPassword(h1, 'correct horse 电')).toBe(false);
		expect(await verifyPassword(h1, '')).toBe(false);
	});

	it('treats a malformed stored hash as a mismatch, not an error', async () => {
		expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
	});

	it('generates readable random passwords without look-alike characters', () => {
		const pw = generatePassword();
		expect(pw).toHaveLength(12);
		expect(pw).toMatch(/^[a-km-zA-HJ-NP-Z2-9]+$/);
		expect(pw).not.toMatch(/[0O1lI]/);
		expect(generatePassword()).not.toBe(pw);
	});
});
