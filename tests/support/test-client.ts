/** The client the tests drive: the test build (`vite build --mode test`), the only one with test hooks. */
import path from "node:path";

export const TEST_CLIENT_DIR = path.resolve(import.meta.dirname, "../../dist/client-test");

/** The product build (`vite build`): what citizens download, measured by the bundle checks. */
export const PRODUCT_CLIENT_DIR = path.resolve(import.meta.dirname, "../../dist/client");
