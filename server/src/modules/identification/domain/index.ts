/** The pure identification domain (ШНОР / ШНСУ): no I/O; plain data in, plain data out. */
export * from './types.js';
export * from './params.js';
export * from './stats.js';
export * from './rule.js';
export * from './context.js';
export * from './model.js';
export * from './explain.js';
export * from './run.js';
export * from './whatif.js';
export * from './bias.js';
export { formatNumber, formatPercent, formatThreshold, pluralForm } from './format.js';
export {
  NO_GRADE,
  allocColumns,
  sliceColumns,
  filterColumns,
  toColumns,
  rowAt,
  isColumns,
  schoolSlots,
  type ResultColumns,
} from './columns.js';
