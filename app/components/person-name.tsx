import { useTranslation } from 'react-i18next'

/** A person's name with their duty status when it is not ON_POST (停岗 shows wherever the name does). */
export function PersonName({ name, dutyStatus, always = false }: { name: string; dutyStatus: string; always?: boolean }) {
	const { t } = useTranslation()
	return (
		<>
			{name}
			{always || dutyStatus !== 'ON_POST' ? (
				<>
					{' '}
					<span className={`badge badge-${dutyStatus}`} data-testid="duty-badge">
						{t(`dutyStatus.${dutyStatus}`)}
					</span>
				</>
			) : null}
		</>
	)
}
