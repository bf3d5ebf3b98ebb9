/**
 * How long a consultation's title may be. On its own, without the HTTP schemas, so that the create form
 * can check a title without loading the validation library on the home page.
 */
export const TITLE_MAX = 120;
