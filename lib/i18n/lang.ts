export type Lang = 'id' | 'en';
export const LANGS: readonly Lang[] = ['id', 'en'];
export const isLang = (s: unknown): s is Lang => s === 'id' || s === 'en';
