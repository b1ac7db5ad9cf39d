// The phone-number rules functions read numbers with (config/compiled/phone-metadata.json): libphonenumber-js's
// complete ("max") metadata, cut down to the regions the hotline serves. The complete rules validate a number's
// digits and tell mobiles from landlines, which the package's default ("min") rules do not; cut down, they weigh
// ~9 KB in a bundle instead of ~155 KB (all regions) — see "Phone numbers" in the README.
import max from 'libphonenumber-js/max/metadata';
import { PHONE_METADATA_FILE, PHONE_REGIONS } from './phone-regions.ts';

interface Metadata {
  readonly version: number;
  readonly country_calling_codes: Record<string, readonly string[]>;
  readonly countries: Record<string, unknown>;
}

/** The package's metadata, keeping only `regions` (and the calling codes that reach them). */
export function phoneMetadataFor(regions: readonly string[], source: Metadata = max): Metadata {
  const country_calling_codes: Record<string, string[]> = {};
  for (const [code, countries] of Object.entries(source.country_calling_codes)) {
    const kept = countries.filter((country) => regions.includes(country));
    if (kept.length > 0) country_calling_codes[code] = kept;
  }
  const countries: Record<string, unknown> = {};
  for (const region of regions) {
    if (source.countries[region] === undefined) throw new Error(`no phone metadata for region ${region}`);
    countries[region] = source.countries[region];
  }
  return { version: source.version, country_calling_codes, countries };
}

/** The shipped file, by path from the repository root. */
export function compiledPhoneFiles(): Record<string, string> {
  return { [PHONE_METADATA_FILE]: `${JSON.stringify(phoneMetadataFor(PHONE_REGIONS))}\n` };
}
