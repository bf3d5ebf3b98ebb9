/**
 * `true` only in the test build (`vite build --mode test`) and the dev server. Test-only code is
 * reached through `if (__PLENUM_TEST_BUILD__ ...)`: the constant is replaced in each file before
 * bundling, so in the product build the branch and everything it imports never enter the bundle.
 */
declare const __PLENUM_TEST_BUILD__: boolean;
