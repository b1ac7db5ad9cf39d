// Types for the opencc-js dictionary subpaths (used by config/opencc-compile.ts, which ships the few dictionaries
// tw/hk→cn needs as data, and never by the domain or a function), which the package ships without declarations.
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
