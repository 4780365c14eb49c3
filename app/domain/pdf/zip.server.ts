import { Zip, ZipPassThrough } from 'fflate'

export type ZipEntry = { name: string; data: Uint8Array }

/**
 * A ZIP archive as a byte stream, built while it is read: the next entry is produced only when
 * the reader wants more (pull), so a large enterprise's archives never sit in memory at once
 * and nothing touches the disk. PDFs are already compressed, so entries are stored, not deflated.
 * A reader that goes away (cancel) stops the producer.
 */
export function zipStream(entries: AsyncIterator<ZipEntry>, mtime: Date = new Date()): ReadableStream<Uint8Array> {
	let zip: Zip
	let done = false
	return new ReadableStream<Uint8Array>({
		start(controller) {
			zip = new Zip((err, chunk, final) => {
				if (err) {
					controller.error(err)
					return
				}
				if (chunk.length) controller.enqueue(chunk)
				if (final) controller.close()
			})
		},
		async pull(controller) {
			if (done) return
			try {
				const next = await entries.next()
				if (next.done) {
					done = true
					zip.end()
					return
				}
				const file = new ZipPassThrough(next.value.name)
				file.mtime = mtime
				zip.add(file)
				file.push(next.value.data, true)
			} catch (e) {
				done = true
				controller.error(e)
			}
		},
		async cancel() {
			done = true
			await entries.return?.()
			zip.terminate()
		},
	})
}
