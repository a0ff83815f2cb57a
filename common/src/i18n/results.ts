/** Messages of the results feature: the same keys in ru and en. */
export const results = {
  ru: {},
  en: {},
} as const;
