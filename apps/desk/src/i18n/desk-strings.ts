import type { AppStrings } from '../../../../libs/web/src/i18n/i18n-setup';
import { EN } from './en';
import { RU } from './ru';

/** The desk's strings in each language it speaks. */
export const DESK_STRINGS: AppStrings = { en: EN, ru: RU };
