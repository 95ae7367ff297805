/** The kit's version; test/sdk.test.ts keeps it equal to package.json's. */
export const KIT_VERSION = '0.1.0';
