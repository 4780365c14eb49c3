import { index, layout, route, type RouteConfig } from '@remix-run/route-config'

export default [
	index('routes/index.tsx'),
	route('login', 'routes/login.tsx'),
	route('logout', 'routes/logout.tsx'),
	route('password', 'routes/password.tsx'),
	route('locale', 'routes/locale.tsx'),
	route('healthz', 'routes/healthz.ts'),
	layout('routes/_app.tsx', [
		route('home', 'routes/home.tsx'),
		route('me', 'routes/me.tsx'),
		route('roster', 'routes/roster._index.tsx'),
		route('roster/new', 'routes/roster.new.tsx'),
		route('roster/import', 'routes/roster.import.tsx'),
		route('roster/export', 'routes/roster.export.ts'),
		route('roster/:personId', 'routes/roster.$personId.tsx'),
		route('roster/:personId/edit', 'routes/roster.$personId.edit.tsx'),
		route('organisation', 'routes/organisation.tsx'),
		route('areas', 'routes/areas.tsx'),
		route('areas/:areaId', 'routes/areas.$areaId.tsx'),
		route('enterprises', 'routes/enterprises._index.tsx'),
		route('enterprises/:enterpriseId', 'routes/enterprises.$enterpriseId.tsx'),
	]),
	route('*', 'routes/$.tsx'),
] satisfies RouteConfig
