/** The pure domain of target indicators (issue 6): no I/O; plain data in, plain data out. */
export * from './types.js';
export {
  CALCULATIONS,
  getCalculation,
  mergeResultScopes,
  needsOf,
  resultScopeOf,
  runCalculation,
  type ResultScope,
} from './calculations.js';
export {
  PositiveDynamicsParams,
  BelowMinShareParams,
  MarksConfirmedParams,
  RESULT_NUMERATORS,
  type ResultNumerator,
} from './calc-results.js';
export {
  FIELD_CATALOGUE,
  FieldShareParams,
  fieldInfo,
  fieldLabel,
  fieldValue,
  type FieldInfo,
  type FieldKind,
  type Condition,
} from './calc-fields.js';
export { rollUp, sumFigure, valueOf } from './rollup.js';
export { achievement, closeBand, roundForDisplay, CLOSE_BAND } from './achievement.js';
export {
  validateValue,
  unitKindOf,
  validateTargets,
  validateParams,
  validateUnit,
  UNIT_RANGE,
  type Problem,
} from './validate.js';
export { fingerprint, canonicalJson, FINGERPRINT_VERSION } from './fingerprint.js';
export { BUILTIN_DEFINITIONS, BUILTIN_SPECS, builtinDefinitions, type CatalogueEntry } from './catalogue.js';
export { procedureText, subjectText } from './common.js';
export {
  isMessage,
  renderMessage,
  renderParams,
  renderText,
  sameParams,
  sameText,
  type Message,
  type Text,
} from './text.js';
