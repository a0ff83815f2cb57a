import { createCatalogue } from './catalogue.js';
import { core } from './core.js';
import { registry } from './registry.js';
import { web } from './web.js';
import { webProgrammes } from './webProgrammes.js';
import { webResults } from './webResults.js';
import { webIdentification } from './webIdentification.js';
import { webIndicators } from './webIndicators.js';

export { LOCALES, isLocale, type Locale, type Params } from './catalogue.js';

/**
 * The catalogue the browser needs: the screens' texts, roles and field labels. The server's own
 * messages (errors, explanations, parser problems) arrive already translated, so they stay out
 * of the first load.
 */
const client = createCatalogue([core, registry, web, webProgrammes, webResults, webIdentification, webIndicators]);

export const { hasMessage, translate, catalogue } = client;
