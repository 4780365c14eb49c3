import { createContext, useContext } from 'react'

/** The per-request CSP nonce (set by server.js); empty in the browser and in dev. */
const NonceContext = createContext('')
export const NonceProvider = NonceContext.Provider
export function useNonce(): string {
	return useContext(NonceContext)
}
