/** Messages of the web screens of one feature: the same keys in ru and en. */
export const webIdentification = {
  ru: {},
  en: {},
} as const;
