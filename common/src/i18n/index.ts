import { createCatalogue } from './catalogue.js';
import { core } from './core.js';
import { registry } from './registry.js';
import { programmes } from './programmes.js';
import { identification } from './identification.js';
import { results } from './results.js';
import { indicators } from './indicators.js';
import { web } from './web.js';
import { webProgrammes } from './webProgrammes.js';
import { webResults } from './webResults.js';
import { webIdentification } from './webIdentification.js';
import { webIndicators } from './webIndicators.js';

export { LOCALES, isLocale, type Locale, type Params } from './catalogue.js';

/** The whole catalogue, for the server. The browser loads the smaller one in client.ts. */
const all = createCatalogue([
  core,
  registry,
  programmes,
  identification,
  results,
  indicators,
  web,
  webProgrammes,
  webResults,
  webIdentification,
  webIndicators,
]);

export const { hasMessage, translate, catalogue } = all;
