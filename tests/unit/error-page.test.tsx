/** The error page says what happened for each status, in both languages (root.tsx ErrorPage). */
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { ErrorPage } from '~/root.tsx'
import en from '~/locales/en/common.json'
import zh from '~/locales/zh-CN/common.json'

const translator = (messages: Record<string, unknown>) => (key: string) =>
	key
		.replace(/^common:/, '')
		.split('.')
		.reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages) as string

describe('ErrorPage', () => {
	for (const [lng, messages] of [['zh-CN', zh], ['en', en]] as const) {
		it(`explains a 413 as an upload that is too large (${lng})`, () => {
			const html = renderToStaticMarkup(<ErrorPage status={413} t={translator(messages)} />)
			expect(html).toContain(messages.errorPage.tooLarge.title)
			expect(html).toContain(messages.errorPage.tooLarge.body)
			expect(html).not.toContain(messages.errorPage.serverError.title)
		})
	}
	it('keeps a 500 a server error', () => {
		expect(renderToStaticMarkup(<ErrorPage status={500} t={translator(en)} />)).toContain(en.errorPage.serverError.title)
	})
})
