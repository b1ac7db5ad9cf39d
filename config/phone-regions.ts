// Where the hotline's callers and staff have their phone numbers: mainland China (the default when a number has
// no country code), Hong Kong, Macao and Taiwan. A number elsewhere is refused; an email address does instead.
export const PHONE_REGIONS = ['CN', 'HK', 'MO', 'TW'] as const;
export type PhoneRegion = (typeof PHONE_REGIONS)[number];
export const HOME_PHONE_REGION: PhoneRegion = 'CN';

export const PHONE_METADATA_FILE = 'config/compiled/phone-metadata.json';
