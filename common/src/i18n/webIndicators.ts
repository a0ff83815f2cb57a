/** Texts of the indicator screens. The same keys in ru and en. */
export const webIndicators = {
  ru: {
    'web.indicators.title': 'Целевые показатели',
  },
  en: {
    'web.indicators.title': 'Target indicators',
  },
} as const;
