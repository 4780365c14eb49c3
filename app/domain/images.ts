/**
 * Image type from the file's first bytes, never from its name or the browser's Content-Type:
 * both are chosen by the sender. Only the formats every phone camera and browser produce.
 */
export const IMAGE_TYPES = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const
export type ImageMime = keyof typeof IMAGE_TYPES

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

function ascii(b: Uint8Array, from: number, text: string): boolean {
	for (let i = 0; i < text.length; i++) if (b[from + i] !== text.charCodeAt(i)) return false
	return true
}

export function sniffImageType(b: Uint8Array): ImageMime | null {
	if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
	if (b.length >= 16 && PNG.every((v, i) => b[i] === v) && ascii(b, 12, 'IHDR')) return 'image/png'
	// RIFF container, form type WEBP, first chunk VP8 / VP8L / VP8X.
	if (b.length >= 16 && ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') && ascii(b, 12, 'VP8')) return 'image/webp'
	return null
}

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024
export const MAX_PHOTOS_PER_DRILL = 20
