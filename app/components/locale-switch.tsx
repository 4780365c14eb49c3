import { useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** A plain form: the switch reloads the document in the new language, with or without JS. */
export function LocaleSwitch() {
	const { t, i18n } = useTranslation()
	const location = useLocation()
	const other = i18n.language === 'en' ? 'zh-CN' : 'en'
	return (
		<form method="post" action="/locale" className="locale-switch">
			<input type="hidden" name="locale" value={other} />
			<input type="hidden" name="redirectTo" value={location.pathname + location.search} />
			<button type="submit" className="btn btn-link" lang={other}>
				{t('common:switchTo')}
			</button>
		</form>
	)
}
