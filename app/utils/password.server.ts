import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'

// scrypt with N=2^15, r=8, p=1 (32 MiB, ≈ 60 ms here): memory-hard, built into Node. ADR 0003.
const PARAMS = { N: 2 ** 15, r: 8, p: 1, keylen: 32 }

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
	return new Promise((resolve, reject) =>
		scryptCb(password.normalize('NFC'), salt, keylen, { ...opts, maxmem: 128 * opts.N! * opts.r! * 2 }, (err, key) =>
			err ? reject(err) : resolve(key),
		),
	)
}

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16)
	const key = await scrypt(password, salt, PARAMS.keylen, PARAMS)
	return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [alg, n, r, p, saltB64, keyB64] = stored.split('$')
	if (alg !== 'scrypt' || !saltB64 || !keyB64) return false
	const expected = Buffer.from(keyB64, 'base64')
	const key = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, {
		N: Number(n),
		r: Number(r),
		p: Number(p),
	})
	return key.length === expected.length && timingSafeEqual(key, expected)
}

// Verified against when the account does not exist, so both paths cost the same.
let dummyHash: Promise<string> | undefined
export function getDummyHash(): Promise<string> {
	return (dummyHash ??= hashPassword(randomBytes(12).toString('hex')))
}

/** Temporary passwords handed out by a safety manager: easy to read aloud, no 0/O/1/l. */
export function generateTemporaryPassword(): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
	const bytes = randomBytes(10)
	return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')
}
