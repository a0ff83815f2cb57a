/** Messages of target indicators (server side): errors, reasons for no data, catalogue texts. The same keys in ru and en. */
export const indicators = {
  ru: {
    'indicators.placeholder': 'Показатели',
  },
  en: {
    'indicators.placeholder': 'Indicators',
  },
} as const;
