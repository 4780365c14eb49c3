import { describe, expect, test } from 'vitest'
import {
	idCardCheckChar,
	maskIdCard,
	maskMobile,
	maskName,
	normalizeIdentifierInput,
	orgCodeCheckChar,
	USCC_CHARSET,
	usccCheckChar,
	validateIdCard,
	validateMobile,
	validateUscc,
} from '../../app/domain/identifiers.ts'

const TODAY = '2026-06-30'

/** Full-width form of an ASCII string, as typed with a Chinese IME in full-width mode. */
const fullWidth = (s: string) =>
	s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))

const replaceAt = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1)

describe('normalizeIdentifierInput', () => {
	test.each([
		['91350100M000100Y43', '91350100M000100Y43'],
		['  91350100m000100y43 ', '91350100M000100Y43'],
		['９１３５０１００Ｍ０００１００Ｙ４３', '91350100M000100Y43'],
		['ａｂｃ', 'ABC'],
		['\u3000110105\u300019491231\u3000', '11010519491231'],
		['110 105\t1949\n1231', '11010519491231'],
		['138-1234-5678', '13812345678'],
		['138－1234－5678', '13812345678'], // full-width hyphen-minus
		['138—1234–5678', '13812345678'], // em and en dash
		['＋８６ １３８', '+86138'],
		['11010519491231002x', '11010519491231002X'],
		['O1I', 'O1I'], // look-alikes are not "corrected"
		['张三', '张三'],
		['', ''],
		['   ', ''],
	])('%j → %j', (input, expected) => {
		expect(normalizeIdentifierInput(input)).toBe(expected)
	})
})

describe('unified social credit code (GB 32100-2015)', () => {
	// Each verified with an independent implementation of both check characters before use.
	const KNOWN_VALID = [
		'91350100M000100Y43',
		'12440600MB2C07549J',
		'91330000755918469E',
		'91110000802100433B',
		'91440300708461136T',
	]

	/** A valid code from an 8-char prefix and an 8-char organization-code body. */
	const makeUscc = (prefix8: string, org8: string) => {
		const first17 = prefix8 + org8 + orgCodeCheckChar(org8)
		return first17 + usccCheckChar(first17)
	}

	test.each(KNOWN_VALID)('usccCheckChar reproduces the check character of %s', (code) => {
		expect(usccCheckChar(code.slice(0, 17))).toBe(code.charAt(17))
	})

	test.each([
		['M000100Y', '4'],
		['MB2C0754', '9'],
		['75591846', '9'],
		['80210043', '3'],
		['70846113', '6'],
		['00000000', '0'], // 11 − 0 = 11 → '0'
		['40000000', 'X'], // 3·4 = 12 ≡ 1, 11 − 1 = 10 → 'X'
	])('orgCodeCheckChar(%s) = %s', (body, check) => {
		expect(orgCodeCheckChar(body)).toBe(check)
	})

	test.each(['M000100', 'M000100Y4', 'm000100y', 'M000-100'])(
		'orgCodeCheckChar(%j) throws',
		(body) => {
			expect(() => orgCodeCheckChar(body)).toThrow(RangeError)
		},
	)

	test.each([
		'91350100M000100Y43', // 18 chars
		'91350100M000100Y', // 16 chars
		'91350100m000100y4', // lowercase: callers normalize first
		'91350100I000100Y4', // I is not in the alphabet
		'',
	])('usccCheckChar(%j) throws', (body) => {
		expect(() => usccCheckChar(body)).toThrow(RangeError)
	})

	test.each(KNOWN_VALID)('accepts %s', (code) => {
		expect(validateUscc(code)).toEqual({ ok: true, value: code })
	})

	test.each([
		['91350100m000100y43', 'lowercase'],
		['９１３５０１００Ｍ０００１００Ｙ４３', 'full-width'],
		['9135 0100 M000 100Y 43', 'grouped with spaces'],
		['91350100-M000100Y4-3', 'hyphenated'],
		['\u300091350100M000100Y43\u3000', 'ideographic spaces'],
	])('normalizes %j (%s)', (input) => {
		expect(validateUscc(input)).toEqual({ ok: true, value: '91350100M000100Y43' })
	})

	test.each([
		['91320506', 'MA1W2K3P'], // enterprise, letters in the organization code
		['91320506', '40000000'], // organization check character 'X'
		['91320506', '00000000'], // organization check character '0'
		['31110000', 'E0001752'], // registration authority 3 (justice administration)
		['N2330100', '12345678'], // registration authority N (agriculture)
		['Y1110000', 'A0000001'],
	])('accepts generated codes %s + %s', (prefix8, org8) => {
		const code = makeUscc(prefix8, org8)
		expect(validateUscc(code)).toEqual({ ok: true, value: code })
	})

	test.each([
		['', 'length'],
		['91350100M000100Y4', 'length'],
		['91350100M000100Y433', 'length'],
		['913501', 'length'],
		['91350100I000100Y43', 'charset'],
		['91350100O000100Y43', 'charset'],
		['91350100S000100Y43', 'charset'],
		['91350100V000100Y43', 'charset'],
		['91350100Z000100Y43', 'charset'],
		['9135010AM000100Y43', 'charset'], // region code positions 3–8 are digits only
		['91350100M000100Y4!', 'charset'],
		['913501００M000100Y4张', 'charset'],
		['91350100M000100Y44', 'checksum'],
		['91350100M000100Y4X', 'checksum'],
		['19350100M000100Y43', 'checksum'], // transposed authority and category
		['91350100M001000Y43', 'checksum'], // transposed digits in the organization code
	])('rejects %j as %s', (input, reason) => {
		expect(validateUscc(input)).toEqual({ ok: false, reason })
	})

	test('rejects a wrong GB 11714 organization check character under a correct 18th', () => {
		const first17 = '91320506MA1W2K3P' + (orgCodeCheckChar('MA1W2K3P') === '1' ? '2' : '1')
		expect(validateUscc(first17 + usccCheckChar(first17))).toEqual({
			ok: false,
			reason: 'checksum',
		})
	})

	test.each(KNOWN_VALID)('rejects every single-character substitution of %s', (code) => {
		for (let i = 0; i < code.length; i++) {
			for (const c of USCC_CHARSET) {
				if (c === code.charAt(i)) continue
				expect(validateUscc(replaceAt(code, i, c)).ok, `${i}:${c}`).toBe(false)
			}
		}
	})
})

describe('resident ID card number (GB 11643-1999)', () => {
	/** region (6) + birth YYYYMMDD (8) + sequence (3) + computed check character. */
	const makeId = (region: string, birth: string, seq: string) => {
		const first17 = region + birth + seq
		return first17 + idCardCheckChar(first17)
	}

	test.each([
		['11010519491231002', 'X'], // example from GB 11643-1999
		['44052418800101001', '4'], // example from GB 11643-1999
	])('idCardCheckChar(%s) = %s', (body, check) => {
		expect(idCardCheckChar(body)).toBe(check)
	})

	test.each(['1101051949123100', '11010519491231002X', '1101051949123100A', ''])(
		'idCardCheckChar(%j) throws',
		(body) => {
			expect(() => idCardCheckChar(body)).toThrow(RangeError)
		},
	)

	test.each([
		['11010519491231002X', '11010519491231002X', '1949-12-31', 'F'],
		['11010519491231002x', '11010519491231002X', '1949-12-31', 'F'],
		['１１０１０５１９４９１２３１００２ｘ', '11010519491231002X', '1949-12-31', 'F'],
		[' 110105 19491231 002X ', '11010519491231002X', '1949-12-31', 'F'],
		['110105-19491231-002X', '11010519491231002X', '1949-12-31', 'F'],
		[makeId('320506', '20000229', '123'), makeId('320506', '20000229', '123'), '2000-02-29', 'M'],
		[makeId('320506', '19900101', '011'), makeId('320506', '19900101', '011'), '1990-01-01', 'M'],
		[makeId('810000', '19850615', '019'), makeId('810000', '19850615', '019'), '1985-06-15', 'M'],
		[makeId('910000', '19850615', '028'), makeId('910000', '19850615', '028'), '1985-06-15', 'F'],
		[makeId('110105', '19000101', '001'), makeId('110105', '19000101', '001'), '1900-01-01', 'M'],
		[makeId('110105', '20280229', '002'), makeId('110105', '20280229', '002'), '2028-02-29', 'F'],
	])('accepts %j', (input, value, birthDate, sex) => {
		const today = birthDate > TODAY ? '2030-01-01' : TODAY
		expect(validateIdCard(input, today)).toEqual({ ok: true, value, birthDate, sex })
	})

	test('accepts someone born today', () => {
		const id = makeId('110105', '20260630', '001')
		expect(validateIdCard(id, '2026-06-30')).toMatchObject({ ok: true, birthDate: '2026-06-30' })
	})

	test.each([
		['', 'length'],
		['11010519491231002', 'length'],
		['11010519491231002X1', 'length'],
		['110105491231002', 'length'], // 15-digit pre-1999 number
		['01010519491231002X', 'format'], // region code starts with 0
		['1101051949123100AX', 'format'],
		['11010519491231X021', 'format'],
		['11010519491231002Y', 'format'],
		['11010519491231002张', 'format'],
		[makeId('110105', '20230229', '001'), 'birthdate'], // 2023 is not a leap year
		[makeId('110105', '19000229', '001'), 'birthdate'], // 1900 is not a leap year
		[makeId('110105', '19901301', '001'), 'birthdate'],
		[makeId('110105', '19900100', '001'), 'birthdate'],
		[makeId('110105', '19900431', '001'), 'birthdate'],
		[makeId('110105', '18991231', '001'), 'birthdate'],
		['440524188001010014', 'birthdate'], // valid GB 11643 example, but before 1900
		[makeId('110105', '20260701', '001'), 'birthdate'], // tomorrow
		[makeId('110105', '20280229', '001'), 'birthdate'], // future leap day
		['110105194912310021', 'checksum'],
		['110105194912310020', 'checksum'],
		['11010519491231020X', 'checksum'], // transposed sequence digits
	])('rejects %j as %s', (input, reason) => {
		expect(validateIdCard(input, TODAY)).toEqual({ ok: false, reason })
	})

	test('rejects every single-digit substitution of a valid number', () => {
		const valid = '11010519491231002X'
		for (let i = 0; i < 18; i++) {
			for (const c of '0123456789X') {
				if (c === valid.charAt(i) || (c === 'X' && i < 17)) continue
				expect(validateIdCard(replaceAt(valid, i, c), TODAY).ok, `${i}:${c}`).toBe(false)
			}
		}
	})

	test.each(['2026-02-29', '2026/06/30', '', 'today'])('throws on a malformed today %j', (today) => {
		expect(() => validateIdCard('11010519491231002X', today)).toThrow(RangeError)
	})
})

describe('mainland mobile numbers', () => {
	test.each([
		['13812345678', '13812345678'],
		['+8613812345678', '13812345678'],
		['+86 138 1234 5678', '13812345678'],
		['+86-138-1234-5678', '13812345678'],
		['008613812345678', '13812345678'],
		['0086 138 1234 5678', '13812345678'],
		['8613812345678', '13812345678'],
		['86 13812345678', '13812345678'],
		['＋８６１３８１２３４５６７８', '13812345678'],
		['１３８　１２３４　５６７８', '13812345678'],
		[' 138-1234-5678 ', '13812345678'],
		...['3', '4', '5', '6', '7', '8', '9'].map((d): [string, string] => [
			`1${d}012345678`,
			`1${d}012345678`,
		]),
	])('accepts %j as %s', (input, value) => {
		expect(validateMobile(input)).toEqual({ ok: true, value })
	})

	test.each([
		'',
		'10012345678',
		'11012345678',
		'12012345678',
		'23812345678',
		'1381234567',
		'138123456789',
		'+85213812345678',
		'+1 138 1234 5678',
		'+8603812345678',
		'86138123456789',
		'+86+8613812345678',
		'8686138123456',
		'1381234567a',
		'138 1234 567８9',
		'(+86)13812345678',
		'13812345678x',
	])('rejects %j', (input) => {
		expect(validateMobile(input)).toEqual({ ok: false, reason: 'format' })
	})

	test.each([
		['13812345678', '138****5678'],
		['19912340000', '199****0000'],
		['1381234', '*******'], // too short to leave anything hidden
		['', ''],
	])('maskMobile(%j) = %j', (input, masked) => {
		expect(maskMobile(input)).toBe(masked)
	})
})

describe('maskIdCard', () => {
	test.each([
		['11010519491231002X', '110***********002X'],
		['440524188001010014', '440***********0014'],
		['12345678', '123*5678'],
		['1234567', '*******'],
		['', ''],
	])('%j → %j', (input, masked) => {
		expect(maskIdCard(input)).toBe(masked)
		expect(maskIdCard(input)).toHaveLength(input.length)
	})
})

describe('maskName', () => {
	test.each([
		['张三', '张*'],
		['张小明', '张*明'],
		['欧阳小明', '欧**明'],
		['司马相如', '司**如'],
		['爱新觉罗溥仪', '爱****仪'],
		['李', '李'],
		['', ''],
		['  张三  ', '张*'],
		['𠮷野家', '𠮷*家'], // a character outside the BMP counts once
		['Li Wei', 'L* W**'],
		['John Smith', 'J*** S****'],
		['Mary Ann  Lee', 'M*** A**  L**'],
		['J. Smith', 'J. S****'],
		['Wei', 'W*i'],
		['买买提·艾力', '买**·艾*'],
		['阿依古丽・吐尔逊', '阿***・吐**'],
	])('%j → %j', (input, masked) => {
		expect(maskName(input)).toBe(masked)
	})
})
