// Types for the opencc-js dictionary subpaths (used by config/triage-config.ts and the trainer, never by the
// domain itself), which the package ships without declarations;
// importing them one by one keeps the Lambda bundle to the few dictionaries tw/hk→cn needs.
declare module 'opencc-js/from/tw' {
  import type { DictGroup } from 'opencc-js/core';

  const dictGroups: readonly DictGroup[];
  export default dictGroups;
}

declare module 'opencc-js/from/hk' {
  import type { DictGroup } from 'opencc-js/core';

  const dictGroups: readonly DictGroup[];
  export default dictGroups;
}

declare module 'opencc-js/to/cn' {
  import type { DictGroup } from 'opencc-js/core';

  const dictGroups: readonly DictGroup[];
  export default dictGroups;
}
