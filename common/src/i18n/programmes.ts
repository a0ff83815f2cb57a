/** Messages of the programmes feature: the same keys in ru and en. */
export const programmes = {
  ru: {},
  en: {},
} as const;
