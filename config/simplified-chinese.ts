// The Traditional → Simplified converter triage normalises with (the domain leaves it to its caller): opencc-js
// with the Taiwan and Hong Kong dictionaries. Built on first use: a Lambda builds its tables with the first
// complaint that holds a Chinese character, and the precompiled configuration needs none at load.
import type { ConverterFunction } from 'opencc-js/core';
import { ConverterFactory } from 'opencc-js/core';
import fromHongKong from 'opencc-js/from/hk';
import fromTaiwan from 'opencc-js/from/tw';
import toMainland from 'opencc-js/to/cn';
import type { Simplifier } from '#domain/triage/normalise.ts';

let converter: ConverterFunction | undefined;

export const toSimplified: Simplifier = (text) => {
  converter ??= ConverterFactory(fromTaiwan, fromHongKong, toMainland);
  return converter(text);
};
