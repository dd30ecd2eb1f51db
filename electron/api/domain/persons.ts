export const PERSON_CATEGORIES = ['woman', 'child', 'man'] as const;
export type PersonCategory = (typeof PERSON_CATEGORIES)[number];
export const SEXES = ['f', 'm'] as const;
/** The most persons one manifest may list. */
export const MAX_MANIFEST = 2000;
