// Zod's English messages, as classic zod loaded them: zod/mini loads no locale, so without this a 400's field
// messages would read only "Invalid input". Every module that defines schemas imports it, so each speaks English
// even when loaded alone; the named import keeps the other locales out of the bundles (+3 KB, not +260 KB).
import { en } from 'zod/locales';
import * as z from 'zod/mini';

z.config(en());
