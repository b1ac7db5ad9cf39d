// The headers every page of the site carries: the strict CSP (nothing from elsewhere, no inline script or style
// element), no referrer, no sniffing. The citizen pages and the console are held to the same policy. HSTS is not
// here: httpApi adds it to every answer, pages and API alike, that was served over HTTPS.
export const PAGE_SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
} as const;
