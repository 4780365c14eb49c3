/** Classroom sign-in timing, shared by server and page. */

/** How long a shown sign-in code stays valid. */
export const SIGN_IN_VALID_MINUTES = 15
/** The QR code can be shown from this long before the start until this long after the end. */
export const SIGN_IN_WINDOW_MINUTES = 60
